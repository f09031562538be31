/** The provisioning settings BMO copies into the status (saveHostProvisioningSettings, ctrl:2083-2130). */
import { HARDWARE_PROFILES, hardwareProfileName } from '../fixture';
import { statusOf, type TwinHost } from '../host';

type Raid = { hardwareRAIDVolumes?: unknown[] | null; softwareRAIDVolumes?: unknown[] | null };

/** updateRootDeviceHints (ctrl:1082-1112): the spec's hints, else the hardware profile's. */
export function desiredHints(h: TwinHost) {
  return h.bmh.spec?.rootDeviceHints ?? HARDWARE_PROFILES[hardwareProfileName(h.bmh)] ?? {};
}

/**
 * The RAID config to save (ctrl:2093-2120): the spec's; with none, keep the hardware volumes
 * already set and clear the software ones. Undefined when there is nothing to save.
 */
export function desiredRaid(h: TwinHost): Raid | undefined {
  const spec = h.bmh.spec?.raid as Raid | undefined;
  const current = (statusOf(h).provisioning as { raid?: Raid } | undefined)?.raid;
  if (spec && (spec.hardwareRAIDVolumes?.length || spec.softwareRAIDVolumes)) return spec;
  if (!current) return undefined;
  return { ...(current.hardwareRAIDVolumes?.length ? { hardwareRAIDVolumes: current.hardwareRAIDVolumes } : {}), softwareRAIDVolumes: [] };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** getHostProvisioningSettings' dirty flag (ctrl:2073-2081): a preparing pass is due. */
export function provisioningSettingsDirty(h: TwinHost): boolean {
  const written = statusOf(h).provisioning as { rootDeviceHints?: unknown; raid?: unknown } | undefined;
  return !same(desiredHints(h), written?.rootDeviceHints ?? {}) || !same(desiredRaid(h), written?.raid);
}
