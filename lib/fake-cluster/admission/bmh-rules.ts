/**
 * The spec rules of BMO's BareMetalHost validating webhook, one function per upstream function
 * (internal/webhooks/metal3.io/v1alpha1/baremetalhost_validation.go, "wh" below), each returning
 * BMO's messages. The host has already passed the CRD schema, so field types are right. Pure.
 */
import type { BmcDriver } from './bmc-drivers';

export interface SecretRef {
  name?: string;
  namespace?: string;
}

export interface HostSpec {
  bmc?: { address?: string; credentialsName?: string; disableCertificateVerification?: boolean };
  bootMACAddress?: string;
  bootMode?: string;
  online?: boolean;
  disablePowerOff?: boolean;
  externallyProvisioned?: boolean;
  inspectionMode?: string;
  firmware?: unknown;
  image?: { url?: string; checksum?: string; checksumType?: string; format?: string };
  rootDeviceHints?: { deviceName?: string } | null;
  raid?: {
    hardwareRAIDVolumes?: { controller?: string; physicalDisks?: string[]; numberOfPhysicalDisks?: number }[] | null;
    softwareRAIDVolumes?: { level?: string; rootVolume?: boolean }[] | null;
  } | null;
  networkInterfaces?: { name?: string; macAddress?: string }[];
  userData?: SecretRef | null;
  networkData?: SecretRef | null;
  metaData?: SecretRef | null;
}

export interface Host {
  metadata?: { name?: string; namespace?: string; annotations?: Record<string, string> };
  spec?: HostSpec;
  status?: { operationalStatus?: string; provisioning?: { state?: string } };
}

export const INSPECT_ANNOTATION = 'inspect.metal3.io';

/** upstream apis/metal3.io/v1alpha1/baremetalhost_types.go:1017-1026 InspectionDisabled. */
export function inspectionDisabled(host: Host): boolean {
  return host.spec?.inspectionMode === 'disabled' || host.metadata?.annotations?.[INSPECT_ANNOTATION] === 'disabled';
}

/** Go's net.ParseMAC: 6, 8 or 20 octets, `:`/`-` separated or dotted in groups of four. */
export function goParseMacError(s: string): string | undefined {
  const hex2 = (t: string) => /^[0-9a-fA-F]{2}$/.test(t);
  let valid = false;
  if (s.length >= 14 && (s[2] === ':' || s[2] === '-')) {
    const n = (s.length + 1) / 3;
    const parts = s.split(s[2]!);
    valid = Number.isInteger(n) && [6, 8, 20].includes(n) && parts.length === n && parts.every(hex2);
  } else if (s.length >= 14 && s[4] === '.') {
    const parts = s.split('.');
    const n = (2 * (s.length + 1)) / 5;
    valid = Number.isInteger(n) && [6, 8, 20].includes(n) && parts.every((p) => p.length === 4 && hex2(p.slice(0, 2)) && hex2(p.slice(2)));
  }
  return valid ? undefined : `address ${s}: invalid MAC address`;
}

/** wh:139-173 validateBMCAccess. */
export function bmcAccessProblems(host: Host, driver: BmcDriver | undefined): string[] {
  const spec = host.spec ?? {};
  if (!driver) return [];
  const problems: string[] = [];
  if ((spec.raid?.hardwareRAIDVolumes?.length ?? 0) > 0 && !driver.raid) {
    problems.push(`BMC driver ${driver.type} does not support configuring RAID`);
  }
  // wh:153-159: a driver that cannot learn the MAC, or no inspection to learn it from.
  if ((driver.needsMac || inspectionDisabled(host)) && !spec.bootMACAddress) {
    problems.push(`BMC driver ${driver.type} requires a BootMACAddress value`);
  }
  if (spec.bootMACAddress) {
    const bad = goParseMacError(spec.bootMACAddress);
    if (bad) problems.push(bad);
  }
  if (spec.bootMode === 'UEFISecureBoot' && !driver.secureBoot) problems.push(`BMC driver ${driver.type} does not support secure boot`);
  return problems;
}

/** wh:175-222 validateRAID. */
export function raidProblems(host: Host): string[] {
  const raid = host.spec?.raid;
  if (!raid) return [];
  const hardware = raid.hardwareRAIDVolumes ?? [];
  const software = raid.softwareRAIDVolumes ?? [];
  const problems: string[] = [];
  if (hardware.length > 0 && software.length > 0) problems.push('hardwareRAIDVolumes and softwareRAIDVolumes can not be set at the same time');
  hardware.forEach((volume, index) => {
    const disks = volume.physicalDisks?.length ?? 0;
    if (disks !== 0 && !volume.controller) problems.push(`'physicalDisks' specified without 'controller' in hardware RAID volume ${index}`);
    if (volume.numberOfPhysicalDisks !== undefined && disks !== 0 && volume.numberOfPhysicalDisks !== disks) {
      problems.push(`the 'numberOfPhysicalDisks'[${volume.numberOfPhysicalDisks}] and number of 'physicalDisks'[${disks}] is not same for volume ${index}`);
    }
  });
  const roots = software.filter((v) => v.rootVolume).length;
  if (roots > 1) problems.push('softwareRAIDVolumes[*].rootVolume can only be set once');
  if (roots === 1 && host.spec?.rootDeviceHints) problems.push('softwareRAIDVolumes[*].rootVolume and rootDeviceHints can not be set at the same time');
  software.forEach((volume, index) => {
    if (volume.rootVolume && volume.level !== '1') problems.push(`softwareRAIDVolumes[${index}] with rootVolume set must use RAID level 1`);
  });
  return problems;
}

/**
 * github.com/google/uuid Parse: 36 chars dashed, `urn:uuid:` + that, 38 chars (it skips the
 * first character and ignores the last, braces or not), or 32 hex digits.
 */
function isGoogleUuid(s: string): boolean {
  const hex = /^[0-9a-fA-F]+$/;
  const dashed = (t: string) =>
    t.length === 36 &&
    t[8] === '-' &&
    t[13] === '-' &&
    t[18] === '-' &&
    t[23] === '-' &&
    hex.test(t.replaceAll('-', '')) &&
    t.replaceAll('-', '').length === 32;
  if (s.length === 36) return dashed(s);
  if (s.length === 45) return s.slice(0, 9).toLowerCase() === 'urn:uuid:' && dashed(s.slice(9));
  if (s.length === 38) return dashed(s.slice(1, 37));
  if (s.length === 32) return hex.test(s);
  return false;
}

/** wh:224-236 validateBMHName. */
export function nameProblems(name: string): string[] {
  if (/[^A-Za-z0-9._-]/.test(name)) return ['BareMetalHost resource name cannot contain characters other than [A-Za-z0-9._-]'];
  if (isGoogleUuid(name)) return ['BareMetalHost resource name cannot be a UUID'];
  return [];
}

/** wh:305-320 validateRootDeviceHints. */
export function rootDeviceHintProblems(host: Host): string[] {
  const deviceName = host.spec?.rootDeviceHints?.deviceName;
  if (!deviceName) return [];
  if (!deviceName.startsWith('/dev/')) return [`device name of root device hint must be a /dev/ path, not "${deviceName}"`];
  let sub = deviceName.slice('/dev/'.length);
  if (sub.startsWith('disk/by-path/')) sub = sub.slice('disk/by-path/'.length);
  if (sub.includes('/')) return [`device name of root device hint must be path in /dev/ or /dev/disk/by-path/, not "${deviceName}"`];
  return [];
}

/** wh:385-419 validateCrossNamespaceSecretReferences (a k8s Forbidden error's text). */
export function crossNamespaceProblems(host: Host): string[] {
  const namespace = host.metadata?.namespace ?? '';
  const name = host.metadata?.name ?? '';
  const problems: string[] = [];
  // Upstream walks a Go map (random order); this is the order the fields are declared in.
  for (const field of ['userData', 'networkData', 'metaData'] as const) {
    const ref = host.spec?.[field];
    if (ref?.namespace && ref.namespace !== namespace) {
      problems.push(`baremetalhosts.metal3.io "${name}" is forbidden: ${field}: cross-namespace Secret references are not allowed`);
    }
  }
  return problems;
}

/** wh:421-449 validateInspectionMode (the enum itself is the CRD's, checked before). */
export function inspectionModeProblems(host: Host, driver: BmcDriver | undefined): string[] {
  const annotation = host.metadata?.annotations?.[INSPECT_ANNOTATION] ?? '';
  const mode = host.spec?.inspectionMode ?? '';
  if (annotation !== '' && mode !== '' && (annotation === 'disabled') !== (mode === 'disabled')) {
    return ['inspect.metal3.io annotation and inspectionMode field have contradicting values'];
  }
  if (mode === 'fast' && driver && !driver.outOfBandInspection) return [`BMC driver ${driver.type} does not support fast (out-of-band) inspection`];
  return [];
}

/** wh:451-456 validatePowerStatus. */
export function powerProblems(host: Host): string[] {
  return host.spec?.disablePowerOff && !host.spec.online ? ["node can't simultaneously have online set to false and have power off disabled"] : [];
}

/** wh:458-484 validateNetworkInterfaces. */
export function networkInterfaceProblems(host: Host): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  (host.spec?.networkInterfaces ?? []).forEach((iface, i) => {
    if (!iface.name && !iface.macAddress) return void problems.push(`networkInterfaces[${i}]: must specify either name or macAddress`);
    if (iface.name && iface.macAddress) return void problems.push(`networkInterfaces[${i}]: name and macAddress are mutually exclusive`);
    const key = (iface.macAddress || iface.name)!;
    if (seen.has(key.toLowerCase())) problems.push(`networkInterfaces[${i}]: duplicate interface selector for ${JSON.stringify(key)}`);
    seen.add(key.toLowerCase());
  });
  return problems;
}
