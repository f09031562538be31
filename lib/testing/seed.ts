/** Hosts for specs that seed a cluster with kubectl: a BMC Secret and a BareMetalHost that BMO (or the twin) takes to `available`. */
export function seedHostYaml(name: string, bmcAddress: string): string {
  return `apiVersion: v1
kind: Secret
metadata: {name: ${name}-bmc-secret}
data: {username: YWRtaW4=, password: cGFzc3dvcmQ=}
---
apiVersion: metal3.io/v1alpha1
kind: BareMetalHost
metadata: {name: ${name}}
spec:
  online: true
  bmc: {address: "${bmcAddress}", credentialsName: ${name}-bmc-secret}
`;
}
