import { describe, expect, it } from 'vitest';
import { imageProblems, imageSchemaProblems, imageWebhookProblems } from './image-rules';
import { parseRequestUri } from './go-url';

const FIXTURE_URL = 'http://192.168.222.1/cirros-0.6.2-x86_64-disk.img';

describe('Go url.ParseRequestURI as BMO uses it (go src/net/url/url.go)', () => {
  it.each([
    ['an http URL', FIXTURE_URL, 'http'],
    ['an upper-case scheme, lower-cased', 'HTTPS://Example.com/a.img', 'https'],
    ['an opaque rootless path after a scheme', 'http:foo', 'http'],
    ['a path with HTML in it (paths are not checked)', 'http://h/<b>x</b>', 'http'],
    ['an IPv6 host with a port', 'http://[fd00::1]:8080/x', 'http'],
    ['a query string', 'http://h/x.img?token=a', 'http'],
    ['"*" (no scheme)', '*', ''],
  ])('accepts %s', (_name, url, scheme) => {
    expect(parseRequestUri(url)).toEqual({ ok: true, scheme });
  });

  it.each([
    ['empty', '', 'parse "": empty url'],
    ['a relative path (parse: invalid URI for request)', 'cirros.img', 'parse "cirros.img": invalid URI for request'],
    ['a leading colon (getScheme)', ':x', 'parse ":x": missing protocol scheme'],
    ['a newline (stringContainsCTLByte)', 'http://h/a\nb', 'parse "http://h/a\\nb": net/url: invalid control character in URL'],
    ['a NUL byte', 'http://h/\u0000', 'parse "http://h/\\u0000": net/url: invalid control character in URL'],
    ['a space in the host (parseHost)', 'http://exa mple/x', 'parse "http://exa mple/x": invalid character " " in host name'],
    ['a port that is not a number (validOptionalPort)', 'http://h:abc/x', 'parse "http://h:abc/x": invalid port ":abc" after host'],
    ['a bad percent escape (unescape)', 'http://h/%zz', 'parse "http://h/%zz": invalid URL escape "%zz"'],
  ])('refuses %s', (_name, url, error) => {
    expect(parseRequestUri(url)).toEqual({ ok: false, error });
  });
});

describe('image rules (upstream baremetalhost_validation.go:290 validateImage, baremetalhost_types.go:1183 GetChecksum)', () => {
  it.each([
    ['the Metal3 scaling post image with made-up-checksum', { url: FIXTURE_URL, checksum: 'made-up-checksum' }],
    ['an md5 checksum with its type', { url: FIXTURE_URL, checksum: 'c8fc807773e5354afe61636071771906', checksumType: 'md5', format: 'qcow2' }],
    ['checksumType auto', { url: FIXTURE_URL, checksum: 'abc', checksumType: 'auto' }],
    ['baremetalhost_types.go:1196 a live ISO without checksum', { url: 'https://h/boot.iso', format: 'live-iso' }],
    ['baremetalhost_types.go:1188 an OCI image without checksum', { url: 'oci://quay.io/metal3/image:latest' }],
    ['common_validation.go:32 ftp and gopher schemes', { url: 'ftp://h/x.img', checksum: 'x' }],
  ])('accepts %s', (_name, image) => {
    expect(imageProblems(image)).toEqual([]);
  });

  it.each([
    [
      'common_validation.go:33 a file:// URL',
      { url: 'file:///tmp/x.img', checksum: 'x' },
      ['image URL file:///tmp/x.img is invalid: invalid scheme in URL, "file" not allowed'],
    ],
    ['baremetalhost_validation.go:295 an empty URL', { url: '', checksum: 'x' }, ['image URL  is invalid: parse "": empty url']],
    ['baremetalhost_types.go:1202 no checksum for a normal image', { url: FIXTURE_URL }, ['checksum is required for normal images']],
    [
      'baremetalhost_types.go:1190 a checksum on an OCI image',
      { url: 'OCI://quay.io/x', checksum: 'abc' },
      ['spec.image.checksum must be empty for OCI images (oci:// images have embedded checksums)'],
    ],
    [
      'both the URL and the checksum wrong',
      { url: 'relative.img' },
      ['image URL relative.img is invalid: parse "relative.img": invalid URI for request', 'checksum is required for normal images'],
    ],
  ])('the webhook refuses %s', (_name, image, problems) => {
    expect(imageWebhookProblems(image)).toEqual(problems);
    expect(imageProblems(image)).toEqual(problems);
  });

  it.each([
    [
      'baremetalhost_types.go:671 an unknown checksumType',
      { url: FIXTURE_URL, checksum: 'x', checksumType: 'crc32' },
      'spec.image.checksumType: Unsupported value: "crc32"',
    ],
    ['baremetalhost_types.go:707 an unknown format', { url: FIXTURE_URL, checksum: 'x', format: 'iso' }, 'spec.image.format: Unsupported value: "iso"'],
    ['a missing url', { checksum: 'x' }, 'spec.image.url: Required value'],
  ])('the CRD schema refuses %s before the webhook', (_name, image, problem) => {
    expect(imageSchemaProblems(image)[0]).toContain(problem);
    expect(imageProblems(image)[0]).toContain(problem);
  });
});
