/**
 * BMO's validating admission webhook for BareMetalHosts ("baremetalhost.metal3.io"), as the
 * embedded cluster runs it in place of the webhook service that BMO's config/overlays/fixture
 * deploys. Registered for CREATE and UPDATE of `baremetalhosts` only (upstream
 * config/base/webhook/manifests.yaml): the status subresource and DELETE do not go through it.
 *
 * Upstream: internal/webhooks/metal3.io/v1alpha1/baremetalhost_validation.go ("wh"),
 * baremetalhost_webhook.go:49-71 (the errors joined with k8s.io/apimachinery's NewAggregate;
 * the answer is denial.ts's). Pure.
 */
import { imageWebhookProblems } from '../../bmh/image-rules';
import { annotationProblems, type AnnotationTypes } from './bmh-annotations';
import { bmcAccess, parseBmcAddress } from './bmc-drivers';
import {
  bmcAccessProblems,
  crossNamespaceProblems,
  inspectionModeProblems,
  nameProblems,
  networkInterfaceProblems,
  powerProblems,
  raidProblems,
  rootDeviceHintProblems,
  type Host,
} from './bmh-rules';

export const WEBHOOK_NAME = 'baremetalhost.metal3.io';

/** wh:42-103 validateHost, in upstream's order. */
export function validateHost(host: Host, types: AnnotationTypes): string[] {
  const spec = host.spec ?? {};
  const address = spec.bmc?.address ?? '';
  const problems: string[] = [];
  const access = address !== '' ? bmcAccess(address) : undefined;
  if (access && !access.ok) problems.push(access.error);
  if (spec.firmware !== undefined && spec.firmware !== null) {
    problems.push('the Firmware field is no longer supported, use HostFirmwareSettings resource instead');
  }
  problems.push(...crossNamespaceProblems(host), ...raidProblems(host));
  const driver = access?.ok ? access.driver : undefined;
  problems.push(...bmcAccessProblems(host, driver), ...nameProblems(host.metadata?.name ?? ''));
  // wh:70-72 validateDNSName parses the address again: a bad one is reported twice, and the
  // aggregate below folds the two into one, as upstream's does.
  if (address !== '') {
    const parsed = parseBmcAddress(address);
    if (!parsed.ok) problems.push(parsed.error);
  }
  problems.push(...rootDeviceHintProblems(host));
  if (spec.image) problems.push(...imageWebhookProblems(spec.image));
  problems.push(...annotationProblems(host, types), ...inspectionModeProblems(host, driver), ...powerProblems(host), ...networkInterfaceProblems(host));
  return problems;
}

/** wh:107-137 validateChanges: the create rules on the new object, then the update rules. */
export function validateChanges(old: Host, host: Host, types: AnnotationTypes): string[] {
  const problems = validateHost(host, types);
  const before = { address: old.spec?.bmc?.address ?? '', operational: old.status?.operationalStatus, state: old.status?.provisioning?.state ?? '' };
  const after = { address: host.spec?.bmc?.address ?? '', operational: host.status?.operationalStatus, state: host.status?.provisioning?.state ?? '' };
  if (
    before.address !== '' &&
    after.address !== before.address &&
    before.operational !== 'detached' &&
    after.operational !== 'detached' &&
    before.state !== 'registering' &&
    after.state !== 'registering'
  ) {
    problems.push('BMC address can not be changed if the BMH is not in the Registering state, or if the BMH is not detached');
  }
  const oldMac = old.spec?.bootMACAddress ?? '';
  if (oldMac !== '' && (host.spec?.bootMACAddress ?? '').toLowerCase() !== oldMac.toLowerCase()) {
    problems.push('bootMACAddress can not be changed once it is set');
  }
  if (!old.spec?.externallyProvisioned && host.spec?.externallyProvisioned && before.state !== 'available' && after.state !== 'available') {
    problems.push(`externallyProvisioned can only be enabled when in Available state, currently in ${before.state}`);
  }
  return problems;
}
