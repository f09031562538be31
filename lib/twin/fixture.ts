/** What BMO's fixture provisioner reports (pkg/provisioner/fixture/fixture.go), as data. */
import type { RootDeviceHints } from '../bmh/types';

export const FIXTURE_PROVISIONING_ID = 'temporary-fake-id';

/** The fixed inspection data every fixture host gets. */
export const FIXTURE_HARDWARE = {
  systemVendor: {},
  firmware: { bios: {} },
  ramMebibytes: 131072,
  nics: [
    {
      name: 'nic-1',
      model: 'virt-io',
      mac: 'ab:cd:12:34:56:78',
      ip: '192.168.100.1',
      speedGbps: 1,
      pxe: true,
      lldp: { switchID: 'aa:bb:cc:dd:ee:ff', portID: 'Ethernet1/1', switchSystemName: 'switch01.example.com' },
    },
    {
      name: 'nic-2',
      model: 'e1000',
      mac: '12:34:56:78:ab:cd',
      ip: '192.168.100.2',
      speedGbps: 1,
      pxe: false,
      lldp: { switchID: 'ff:ee:dd:cc:bb:aa', portID: 'Ethernet1/2', switchSystemName: 'switch02.example.com' },
    },
  ],
  storage: [
    { name: 'disk-1 (boot)', rotational: false, sizeBytes: 102254581383168, model: 'Dell CFJ61' },
    { name: 'disk-2', rotational: false, sizeBytes: 102254581383168, model: 'Dell CFJ61' },
  ],
  cpu: { arch: 'x86_64', model: 'FancyPants CPU', clockMegahertz: 3000, flags: ['fpu', 'hypervisor', 'sse', 'vmx'], count: 1 },
  hostname: '',
};

/** BMO's hardware profiles and their root device hints (apis/metal3.io/v1alpha1/profile/profile.go:30-70). */
export const HARDWARE_PROFILES: Record<string, RootDeviceHints> = {
  unknown: { deviceName: '/dev/sda' },
  libvirt: { deviceName: '/dev/vda' },
  dell: { hctl: '0:0:0:0' },
  'dell-raid': { hctl: '0:2:0:0' },
  openstack: { deviceName: '/dev/vdb' },
  empty: {},
};

/** getHardwareProfileName (ctrl:1236-1252): the status, then spec.hardwareProfile, then `libvirt` for libvirt BMCs, else `unknown`. */
export function hardwareProfileName(bmh: { spec?: { hardwareProfile?: string; bmc?: { address?: string } }; status?: { hardwareProfile?: string } }): string {
  if (bmh.status?.hardwareProfile) return bmh.status.hardwareProfile;
  if (bmh.spec?.hardwareProfile) return bmh.spec.hardwareProfile;
  return bmh.spec?.bmc?.address?.startsWith('libvirt') ? 'libvirt' : 'unknown';
}

/** profile.GetProfile's error (profile.go:72-76), or undefined for a known profile. */
export function unknownProfileError(name: string): string | undefined {
  return name in HARDWARE_PROFILES ? undefined : `no hardware profile named ${JSON.stringify(name)}`;
}
