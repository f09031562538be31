import { describe, expect, it } from 'vitest';
import { HostActionSchema } from './contract';

const provision = (image: Record<string, unknown>) => HostActionSchema.safeParse({ action: 'provision', where: {}, image });

describe('the provision action takes the images BMO takes (issue 13: the dialog refused made-up-checksum)', () => {
  it("accepts the Metal3 scaling post's made-up-checksum, ftp URLs, oci images without a checksum, live ISOs", () => {
    expect(provision({ url: 'http://192.168.222.1/cirros.img', checksum: 'made-up-checksum', checksumType: 'md5' }).success).toBe(true);
    expect(provision({ url: 'ftp://mirror/i.img', checksum: 'c8fc807773e5354afe61636071771906' }).success).toBe(true);
    expect(provision({ url: 'oci://quay.io/metal3/image:1' }).success).toBe(true);
    expect(provision({ url: 'http://x/live.iso', format: 'live-iso' }).success).toBe(true);
  });

  it("refuses what BMO's webhook refuses, with its message, on the field", () => {
    const missing = provision({ url: 'http://x/i.img', format: 'qcow2' });
    expect(missing.success).toBe(false);
    expect(missing.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['image.checksum', 'checksum is required for normal images']]);
    const scheme = provision({ url: 'file:///i.img', checksum: 'x' });
    expect(scheme.error?.issues[0]).toMatchObject({
      path: ['image', 'url'],
      message: 'image URL file:///i.img is invalid: invalid scheme in URL, "file" not allowed',
    });
    expect(provision({ url: 'http://x/i.img', checksum: 'x', checksumType: 'crc32' }).success).toBe(false);
  });
});
