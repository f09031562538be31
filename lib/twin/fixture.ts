/** What BMO's fixture provisioner reports (pkg/provisioner/fixture/fixture.go), as data. */

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

/** BMO's hardware profile: `libvirt` for libvirt BMC addresses, else `unknown`. */
export function hardwareProfileFor(bmcAddress: string | undefined): { name: string; rootDeviceHints: { deviceName: string } } {
  return bmcAddress?.startsWith('libvirt')
    ? { name: 'libvirt', rootDeviceHints: { deviceName: '/dev/vda' } }
    : { name: 'unknown', rootDeviceHints: { deviceName: '/dev/sda' } };
}
