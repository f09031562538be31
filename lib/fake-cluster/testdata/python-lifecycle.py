#!/usr/bin/python3
"""One host's lifecycle against the embedded cluster, driven by the official Python client
(Debian's python3-kubernetes): create a BMC Secret and a BareMetalHost, watch it become
available, provision it with a merge patch, watch it become provisioned, delete it and watch it
go. Each step prints one line; any failure exits non-zero with the reason.

Usage: python-lifecycle.py KUBECONFIG
"""
import sys

from kubernetes import client, config, watch

GROUP, VERSION, PLURAL = "metal3.io", "v1alpha1", "baremetalhosts"
NAMESPACE, NAME = "metal3", "py-host"
WATCH_SECONDS = 120


def state(host):
    return ((host.get("status") or {}).get("provisioning") or {}).get("state", "")


def watch_host(custom, until, what):
    """Streams watch events (the client sends watch=True) until `until(type, object)` holds."""
    stream = watch.Watch()
    seen = []
    for event in stream.stream(
        custom.list_namespaced_custom_object, GROUP, VERSION, NAMESPACE, PLURAL,
        field_selector="metadata.name=" + NAME, timeout_seconds=WATCH_SECONDS, allow_watch_bookmarks=True,
    ):
        if event["type"] == "BOOKMARK":
            continue
        seen.append(event["type"] + ":" + state(event["object"]))
        if until(event["type"], event["object"]):
            stream.stop()
            print(what + " (" + " ".join(seen) + ")")
            return
    raise SystemExit("the watch ended before " + what + "; saw " + " ".join(seen))


def main(kubeconfig):
    config.load_kube_config(config_file=kubeconfig)
    core = client.CoreV1Api()
    custom = client.CustomObjectsApi()

    core.create_namespaced_secret(NAMESPACE, {
        "metadata": {"name": NAME + "-bmc"},
        "stringData": {"username": "admin", "password": "password"},
    })
    print("secret created")
    custom.create_namespaced_custom_object(GROUP, VERSION, NAMESPACE, PLURAL, {
        "apiVersion": GROUP + "/" + VERSION,
        "kind": "BareMetalHost",
        "metadata": {"name": NAME},
        "spec": {
            "online": True,
            "bootMACAddress": "00:60:2f:31:81:01",
            "bmc": {"address": "redfish+https://10.1.2.3/redfish/v1/Systems/1", "credentialsName": NAME + "-bmc"},
        },
    })
    created = custom.get_namespaced_custom_object(GROUP, VERSION, NAMESPACE, PLURAL, NAME)
    print("host created, automatedCleaningMode " + created["spec"]["automatedCleaningMode"])
    watch_host(custom, lambda t, o: state(o) == "available", "available")

    image = {"url": "http://example.com/totally-fake-image.vmdk", "checksum": "made-up-checksum", "format": "vmdk"}
    # This client sends custom-object patches as application/merge-patch+json.
    custom.patch_namespaced_custom_object(GROUP, VERSION, NAMESPACE, PLURAL, NAME, {"spec": {"image": image}})
    print("image patched")
    watch_host(custom, lambda t, o: state(o) == "provisioned", "provisioned")

    custom.delete_namespaced_custom_object(GROUP, VERSION, NAMESPACE, PLURAL, NAME)
    print("delete requested")
    try:
        watch_host(custom, lambda t, o: t == "DELETED", "deleted")
    except client.exceptions.ApiException as error:
        raise SystemExit("watch failed: " + str(error))
    remaining = custom.list_namespaced_custom_object(GROUP, VERSION, NAMESPACE, PLURAL, field_selector="metadata.name=" + NAME)
    if remaining["items"]:
        raise SystemExit("the host is still listed")
    print("gone")


if __name__ == "__main__":
    main(sys.argv[1])
