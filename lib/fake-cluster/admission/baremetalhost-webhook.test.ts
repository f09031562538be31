/**
 * BMO's BareMetalHost webhook, rule by rule, each case named after the upstream line it mirrors
 * (internal/webhooks/metal3.io/v1alpha1/baremetalhost_validation.go unless another file is
 * named), with BMO's exact messages.
 */
import { describe, expect, it } from 'vitest';
import { bareMetalHosts } from '../resources';
import type { Schema } from '../schema';
import { validateChanges, validateHost, WEBHOOK_NAME } from './baremetalhost-webhook';
import { aggregateMessage, webhookDenial } from './denial';
import type { Host, HostSpec } from './bmh-rules';

const status = bareMetalHosts.schema.properties!.status as Schema;
const types = { status, hardware: status.properties!.hardware as Schema };

type Meta = NonNullable<Host['metadata']>;
const host = (spec: Partial<HostSpec> = {}, meta: Partial<Meta> = {}): Host => ({
  metadata: { name: 'h', namespace: 'metal3', ...meta },
  spec: { online: true, bmc: { address: 'redfish://10.0.0.1/redfish/v1/Systems/1', credentialsName: 's' }, ...spec },
});
const bmc = (address: string, spec: Partial<HostSpec> = {}) => host({ bmc: { address, credentialsName: 's' }, ...spec });
const annotated = (annotations: Record<string, string>, spec: Partial<HostSpec> = {}) => host(spec, { annotations });
const MAC = '00:60:2f:00:00:01';

describe('BMO webhook: hosts it accepts', () => {
  it.each([
    ["the post's libvirt host with a MAC", bmc('libvirt://192.168.122.1:6233/', { bootMACAddress: '00:60:2F:AB:CD:EF' })],
    ['a bare IP (ipmi)', bmc('192.168.1.1')],
    ['host:port (ipmi)', bmc('10.0.0.1:623')],
    ['ipmi with a port', bmc('ipmi://10.0.0.1:623')],
    ['a bracketed IPv6 BMC', bmc('redfish+https://[fe80::1]:8000/redfish/v1/Systems/1')],
    ['every redfish-family scheme with +http', bmc('idrac-virtualmedia+http://bmc.example.com/redfish/v1/Systems/1')],
    ['redfish-uefihttp with secure boot', bmc('redfish-uefihttp://10.0.0.1/x', { bootMode: 'UEFISecureBoot' })],
    [
      'hardware RAID on redfish',
      bmc('redfish://10.0.0.1/x', { raid: { hardwareRAIDVolumes: [{ controller: 'c', physicalDisks: ['a', 'b'], numberOfPhysicalDisks: 2 }] } }),
    ],
    [
      "the post's image (made-up-checksum)",
      host({ image: { url: 'http://example.com/totally-fake-image.vmdk', checksum: 'made-up-checksum', format: 'vmdk' } }),
    ],
    ['an oci image without a checksum', host({ image: { url: 'oci://quay.io/org/img:1' } })],
    ['a /dev/disk/by-path root hint', host({ rootDeviceHints: { deviceName: '/dev/disk/by-path/pci-0000:00:1f.2-ata-1' } })],
    [
      'inspection disabled with hardware details',
      annotated(
        { 'inspect.metal3.io': 'disabled', 'inspect.metal3.io/hardwaredetails': '{"ramMebibytes":4096,"cpu":{"arch":"x86_64","count":4}}' },
        { bootMACAddress: MAC },
      ),
    ],
    [
      'a status annotation BMO wrote',
      annotated({
        'baremetalhost.metal3.io/status': '{"operationalStatus":"OK","errorType":"","poweredOn":true,"provisioning":{"ID":"x","state":"provisioned"}}',
      }),
    ],
    [
      'reboot annotations: empty, hard, soft with force',
      annotated({ 'reboot.metal3.io': '', 'reboot.metal3.io/a': '{"mode":"hard"}', 'reboot.metal3.io/b': '{"mode":"soft","force":true,"extra":1}' }),
    ],
  ])('accepts %s', (_name, h) => {
    expect(validateHost(h, types)).toEqual([]);
  });
});

describe('BMO webhook: create rules', () => {
  it.each<[string, Host, string[]]>([
    ['access.go:153 (via :48) refuses an unregistered scheme', bmc('foo://10.0.0.1'), ["Unknown BMC type 'foo' for address foo://10.0.0.1"]],
    ['access.go:153 (via :48) refuses the removed irmc driver', bmc('irmc://10.0.0.1'), ["Unknown BMC type 'irmc' for address irmc://10.0.0.1"]],
    [
      'access.go:153 (via :48) refuses ipmi+https (no scheme variants for ipmi)',
      bmc('ipmi+https://10.0.0.1'),
      ["Unknown BMC type 'ipmi+https' for address ipmi+https://10.0.0.1"],
    ],
    ['access.go:153 (via :48) reads host:port with a name as scheme "host"', bmc('bmc-host:623'), ["Unknown BMC type 'bmc-host' for address bmc-host:623"]],
    [
      'access.go:173 (via :48 and :70, reported once) refuses a hostname that is not DNS',
      bmc('ipmi://bad_host!name'),
      ['failed to parse BMC address information: BMC address hostname/IP : [bad_host!name] is invalid'],
    ],
    [
      'access.go:104 refuses what neither parses as a URL nor as host:port',
      bmc('::::'),
      ['failed to parse BMC address information: parse "::::": missing protocol scheme'],
    ],
    [
      '54 refuses spec.firmware',
      host({ firmware: { sriovEnabled: true } }),
      ['the Firmware field is no longer supported, use HostFirmwareSettings resource instead'],
    ],
    [
      '397 refuses a cross-namespace userData Secret',
      host({ userData: { name: 'u', namespace: 'other' } }),
      ['baremetalhosts.metal3.io "h" is forbidden: userData: cross-namespace Secret references are not allowed'],
    ],
    [
      '397 refuses cross-namespace networkData and metaData Secrets',
      host({ networkData: { name: 'n', namespace: 'x' }, metaData: { name: 'm', namespace: 'x' } }),
      [
        'baremetalhosts.metal3.io "h" is forbidden: networkData: cross-namespace Secret references are not allowed',
        'baremetalhosts.metal3.io "h" is forbidden: metaData: cross-namespace Secret references are not allowed',
      ],
    ],
    [
      '185 refuses hardware and software RAID together',
      host({ raid: { hardwareRAIDVolumes: [{}], softwareRAIDVolumes: [{ level: '1' }] } }),
      ['hardwareRAIDVolumes and softwareRAIDVolumes can not be set at the same time'],
    ],
    [
      '192 refuses physicalDisks without a controller',
      host({ raid: { hardwareRAIDVolumes: [{ physicalDisks: ['a'] }] } }),
      ["'physicalDisks' specified without 'controller' in hardware RAID volume 0"],
    ],
    [
      '198 refuses a disk count that disagrees',
      host({ raid: { hardwareRAIDVolumes: [{ controller: 'c', physicalDisks: ['a', 'b'], numberOfPhysicalDisks: 3 }] } }),
      ["the 'numberOfPhysicalDisks'[3] and number of 'physicalDisks'[2] is not same for volume 0"],
    ],
    [
      '206 refuses two root volumes',
      host({
        raid: {
          softwareRAIDVolumes: [
            { level: '1', rootVolume: true },
            { level: '1', rootVolume: true },
          ],
        },
      }),
      ['softwareRAIDVolumes[*].rootVolume can only be set once'],
    ],
    [
      '209 refuses a root volume with root device hints',
      host({ raid: { softwareRAIDVolumes: [{ level: '1', rootVolume: true }] }, rootDeviceHints: { deviceName: '/dev/sda' } }),
      ['softwareRAIDVolumes[*].rootVolume and rootDeviceHints can not be set at the same time'],
    ],
    [
      '217 refuses a root volume that is not RAID-1',
      host({ raid: { softwareRAIDVolumes: [{ level: '0', rootVolume: true }] } }),
      ['softwareRAIDVolumes[0] with rootVolume set must use RAID level 1'],
    ],
    [
      '149 refuses hardware RAID on ipmi (no-raid)',
      bmc('ipmi://10.0.0.1', { raid: { hardwareRAIDVolumes: [{ controller: 'c' }] } }),
      ['BMC driver ipmi does not support configuring RAID'],
    ],
    [
      '158 refuses libvirt without a boot MAC (ipmi.go:56 NeedsMAC)',
      bmc('libvirt://192.168.122.1:6233/'),
      ['BMC driver libvirt requires a BootMACAddress value'],
    ],
    [
      '158 refuses redfish with inspection disabled and no boot MAC',
      bmc('redfish://10.0.0.1/x', { inspectionMode: 'disabled' }),
      ['BMC driver redfish requires a BootMACAddress value'],
    ],
    [
      '162 refuses a MAC that net.ParseMAC refuses (the CRD pattern is unanchored)',
      host({ bootMACAddress: '00:60:2f:00:00:01:zz' }),
      ['address 00:60:2f:00:00:01:zz: invalid MAC address'],
    ],
    ['169 refuses secure boot on ipmi', bmc('ipmi://10.0.0.1', { bootMode: 'UEFISecureBoot' }), ['BMC driver ipmi does not support secure boot']],
    [
      '227 refuses a name with other characters',
      host({}, { name: 'a:b' }),
      ['BareMetalHost resource name cannot contain characters other than [A-Za-z0-9._-]'],
    ],
    ['232 refuses a UUID name', host({}, { name: '123e4567-e89b-12d3-a456-426614174000' }), ['BareMetalHost resource name cannot be a UUID']],
    [
      '232 refuses a 32-hex-digit name (uuid.Parse reads it as a UUID)',
      host({}, { name: '0123456789abcdef0123456789abcdef' }),
      ['BareMetalHost resource name cannot be a UUID'],
    ],
    [
      '312 refuses a root device name outside /dev',
      host({ rootDeviceHints: { deviceName: 'sda' } }),
      ['device name of root device hint must be a /dev/ path, not "sda"'],
    ],
    [
      '317 refuses /dev/disk/by-id paths',
      host({ rootDeviceHints: { deviceName: '/dev/disk/by-id/wwn-0x5000' } }),
      ['device name of root device hint must be path in /dev/ or /dev/disk/by-path/, not "/dev/disk/by-id/wwn-0x5000"'],
    ],
    [
      '295 (common_validation.go:34) refuses a file:// image',
      host({ image: { url: 'file:///tmp/x.img', checksum: 'abc' } }),
      ['image URL file:///tmp/x.img is invalid: invalid scheme in URL, "file" not allowed'],
    ],
    [
      '298 (baremetalhost_types.go:1200) refuses an image without a checksum',
      host({ image: { url: 'http://x/img' } }),
      ['checksum is required for normal images'],
    ],
    [
      '298 (baremetalhost_types.go:1189) refuses an oci image with a checksum',
      host({ image: { url: 'oci://quay.io/o/i:1', checksum: 'abc' } }),
      ['spec.image.checksum must be empty for OCI images (oci:// images have embedded checksums)'],
    ],
    [
      '279 refuses a status annotation that is not JSON',
      annotated({ 'baremetalhost.metal3.io/status': 'not-json' }),
      ["error decoding status annotation: invalid character 'o' in literal null (expecting 'u')"],
    ],
    [
      '279 refuses a status annotation with an unknown field',
      annotated({ 'baremetalhost.metal3.io/status': '{"bogus":1}' }),
      ['error decoding status annotation: json: unknown field "bogus"'],
    ],
    [
      '279 refuses a status annotation with a wrong type',
      annotated({ 'baremetalhost.metal3.io/status': '{"poweredOn":"yes"}' }),
      ['error decoding status annotation: json: cannot unmarshal string into Go struct field BareMetalHostStatus.poweredOn of type bool'],
    ],
    [
      '328 refuses an unknown operationalStatus in the status annotation',
      annotated({ 'baremetalhost.metal3.io/status': '{"operationalStatus":"bogus"}' }),
      ["invalid operationalStatus 'bogus' in the baremetalhost.metal3.io/status annotation"],
    ],
    [
      '328 refuses servicing in the status annotation (not in OperationalStatusAllowed)',
      annotated({ 'baremetalhost.metal3.io/status': '{"operationalStatus":"servicing"}' }),
      ["invalid operationalStatus 'servicing' in the baremetalhost.metal3.io/status annotation"],
    ],
    [
      '332 refuses an unknown errorType in the status annotation',
      annotated({ 'baremetalhost.metal3.io/status': '{"errorType":"oops"}' }),
      ["invalid errorType 'oops' in the baremetalhost.metal3.io/status annotation"],
    ],
    [
      '375 refuses a reboot annotation that is not JSON',
      annotated({ 'reboot.metal3.io/x': 'later' }),
      ["failed to unmarshal the data from the reboot.metal3.io annotation: invalid character 'l' looking for beginning of value"],
    ],
    [
      '379 refuses an unknown reboot mode',
      annotated({ 'reboot.metal3.io': '{"mode":"bogus"}' }),
      ['invalid mode in the reboot.metal3.io annotation, allowed are "hard", "soft" or ""'],
    ],
    [
      '361 refuses inspect.metal3.io values other than disabled',
      annotated({ 'inspect.metal3.io': 'true' }),
      ['invalid value for the inspect.metal3.io annotation, allowed are "disabled" or ""'],
    ],
    [
      '345 refuses hardware details with inspection on',
      annotated({ 'inspect.metal3.io/hardwaredetails': '{}' }),
      ['when hardware details are provided, inspection must be disabled (either via inspect.metal3.io annotation or inspectionMode field)'],
    ],
    [
      '353 refuses hardware details with an unknown field',
      annotated({ 'inspect.metal3.io/hardwaredetails': '{"cpus":4}' }, { inspectionMode: 'disabled', bootMACAddress: MAC }),
      ['error decoding the inspect.metal3.io/hardwaredetails annotation: json: unknown field "cpus"'],
    ],
    [
      '431 refuses an inspect annotation that contradicts inspectionMode',
      annotated({ 'inspect.metal3.io': 'disabled' }, { inspectionMode: 'agent', bootMACAddress: MAC }),
      ['inspect.metal3.io annotation and inspectionMode field have contradicting values'],
    ],
    [
      '445 refuses fast inspection on ipmi (no out-of-band inspection)',
      bmc('ipmi://10.0.0.1', { inspectionMode: 'fast' }),
      ['BMC driver ipmi does not support fast (out-of-band) inspection'],
    ],
    [
      '453 refuses disablePowerOff with online false',
      host({ online: false, disablePowerOff: true }),
      ["node can't simultaneously have online set to false and have power off disabled"],
    ],
    [
      '466 refuses a network interface with neither name nor MAC',
      host({ networkInterfaces: [{}] }),
      ['networkInterfaces[0]: must specify either name or macAddress'],
    ],
    [
      '472 refuses a network interface with name and MAC',
      host({ networkInterfaces: [{ name: 'eth0', macAddress: MAC }] }),
      ['networkInterfaces[0]: name and macAddress are mutually exclusive'],
    ],
    [
      '478 refuses a duplicate interface selector (case-insensitive)',
      host({ networkInterfaces: [{ macAddress: MAC }, { macAddress: MAC.toUpperCase() }] }),
      [`networkInterfaces[1]: duplicate interface selector for "${MAC.toUpperCase()}"`],
    ],
  ])('%s', (_name, h, expected) => {
    expect([...new Set(validateHost(h, types))]).toEqual(expected);
  });
});

describe('BMO webhook: update rules', () => {
  const withState = (h: Host, state: string, operationalStatus = 'OK'): Host => ({ ...h, status: { operationalStatus, provisioning: { state } } });
  const provisioned = withState(host({ bootMACAddress: MAC }), 'provisioned');

  it.each<[string, Host, Host, string[]]>([
    [
      '120 refuses a BMC address change on a provisioned host',
      provisioned,
      withState(bmc('redfish://10.0.0.2/x', { bootMACAddress: MAC }), 'provisioned'),
      ['BMC address can not be changed if the BMH is not in the Registering state, or if the BMH is not detached'],
    ],
    ['114-119 allow a BMC address change while registering', withState(host(), 'registering'), withState(bmc('redfish://10.0.0.2/x'), 'registering'), []],
    [
      '114-119 allow a BMC address change on a detached host',
      withState(host(), 'provisioned', 'detached'),
      withState(bmc('redfish://10.0.0.2/x'), 'provisioned', 'detached'),
      [],
    ],
    [
      '124 refuses a new bootMACAddress once set',
      provisioned,
      withState(host({ bootMACAddress: '00:60:2f:00:00:02' }), 'provisioned'),
      ['bootMACAddress can not be changed once it is set'],
    ],
    ['123 accepts the same bootMACAddress in other letter case', provisioned, withState(host({ bootMACAddress: MAC.toUpperCase() }), 'provisioned'), []],
    [
      '132 refuses externallyProvisioned from provisioned',
      provisioned,
      withState(host({ bootMACAddress: MAC, externallyProvisioned: true }), 'provisioned'),
      ['externallyProvisioned can only be enabled when in Available state, currently in provisioned'],
    ],
    ['128-130 allow externallyProvisioned from available', withState(host(), 'available'), withState(host({ externallyProvisioned: true }), 'available'), []],
    [
      '110 applies the create rules to the new object',
      withState(host(), 'available'),
      withState(host({ firmware: {} }), 'available'),
      ['the Firmware field is no longer supported, use HostFirmwareSettings resource instead'],
    ],
  ])('%s', (_name, old, next, expected) => {
    expect(validateChanges(old, next, types)).toEqual(expected);
  });
});

describe('BMO webhook: the answer kube-apiserver gives', () => {
  it('baremetalhost_webhook.go:55 joins several errors as NewAggregate does: [a, b], repeats once', () => {
    expect(aggregateMessage(['a', 'b', 'a'])).toBe('[a, b]');
    expect(aggregateMessage(['a', 'a'])).toBe('a');
  });

  it('statuserror.go ToStatusErr: 403 Forbidden, prefixed with the webhook name', () => {
    const status = webhookDenial(WEBHOOK_NAME, ['BMC driver libvirt requires a BootMACAddress value']).toStatus();
    expect(status).toMatchObject({
      code: 403,
      reason: 'Forbidden',
      message: 'admission webhook "baremetalhost.metal3.io" denied the request: BMC driver libvirt requires a BootMACAddress value',
    });
  });
});
