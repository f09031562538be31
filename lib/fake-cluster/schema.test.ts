import { describe, expect, it } from 'vitest';
import { bareMetalHosts } from './resources';
import { prune, validate } from './schema';
import { referenceDocs } from '../testing/reference';

const bmhFrom = (file: string) => referenceDocs(file).find((d) => d.kind === 'BareMetalHost');

const host = (spec: Record<string, unknown>) => ({ apiVersion: 'metal3.io/v1alpha1', kind: 'BareMetalHost', metadata: { name: 'h' }, spec });

describe('the BareMetalHost schema', () => {
  it.each(['example-host.yaml', 'worker-0.yaml'])('accepts upstream %s unchanged', (file) => {
    const bmh = bmhFrom(file);
    expect(validate(bareMetalHosts.schema, bmh, '')).toEqual([]);
    expect(prune(bareMetalHosts.schema, bmh, '').unknown).toEqual([]);
  });

  it.each([
    ['a missing spec.online', host({}), 'spec.online', 'Required value'],
    ['online as a string', host({ online: 'yes' }), 'spec.online', 'must be of type boolean'],
    ['a bad boot MAC', host({ online: true, bootMACAddress: 'nope' }), 'spec.bootMACAddress', 'should match'],
    ['an unknown image format', host({ online: true, image: { url: 'http://x', format: 'iso' } }), 'spec.image.format', 'Unsupported value: "iso"'],
    ['bmc without credentialsName', host({ online: true, bmc: { address: 'ipmi://x' } }), 'spec.bmc.credentialsName', 'Required value'],
    [
      'a negative minSizeGigabytes',
      host({ online: true, rootDeviceHints: { minSizeGigabytes: -1 } }),
      'spec.rootDeviceHints.minSizeGigabytes',
      'greater than or equal to 0',
    ],
    [
      'an unknown errorType',
      {
        ...host({ online: true }),
        status: {
          errorType: 'oops',
          errorCount: 0,
          errorMessage: '',
          operationalStatus: 'OK',
          poweredOn: false,
          provisioning: { ID: '', state: '' },
          provisioningFailCount: 0,
        },
      },
      'status.errorType',
      'Unsupported value',
    ],
  ])('refuses %s naming the field', (_n, obj, field, message) => {
    const causes = validate(bareMetalHosts.schema, obj, '');
    expect(causes.map((c) => c.field)).toContain(field);
    expect(causes.find((c) => c.field === field)?.message).toContain(message);
  });

  it('prunes unknown fields and reports their paths', () => {
    const result = prune(bareMetalHosts.schema, host({ online: true, bogus: 1, bmc: { address: 'a', credentialsName: 'b', extra: true } }), '');
    expect(result.unknown.sort()).toEqual(['spec.bmc.extra', 'spec.bogus']);
    expect(result.value).toEqual(host({ online: true, bmc: { address: 'a', credentialsName: 'b' } }));
  });
});
