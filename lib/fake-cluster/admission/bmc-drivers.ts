/**
 * BMO's BMC address parsing and its registered drivers (upstream pkg/hardwareutils/bmc/), as far
 * as the validating webhook asks about them: which schemes exist, which driver needs a boot MAC,
 * which supports RAID, secure boot and out-of-band ("fast") inspection. Pure.
 */
import { isIP } from 'node:net';
import { parseUrl } from '../../bmh/go-url';

/** What the webhook reads of a driver (upstream pkg/hardwareutils/bmc/access.go:38-89 AccessDetails). */
export interface BmcDriver {
  /** The scheme as written, lower-cased (`Type()`): `redfish+https`. */
  type: string;
  /** A boot MAC is needed even with inspection on (`NeedsMAC()`). */
  needsMac: boolean;
  /** `RAIDInterface() != "no-raid"`. */
  raid: boolean;
  /** `SupportsSecureBoot()`. */
  secureBoot: boolean;
  /** `InspectInterface() != ""`: out-of-band inspection, which `inspectionMode: fast` needs. */
  outOfBandInspection: boolean;
}

type Traits = Omit<BmcDriver, 'type'>;

// ipmi.go:56-58 (NeedsMAC only for libvirt), :111-113 (no-raid), :119-125 (no inspect, no secure boot).
const IPMI: Traits = { needsMac: false, raid: false, secureBoot: false, outOfBandInspection: false };
// redfish.go:59-61, :128-130, :136-142; redfish_virtualmedia.go, redfish_https.go and
// idrac_virtualmedia.go override none of these four.
const REDFISH: Traits = { needsMac: false, raid: true, secureBoot: true, outOfBandInspection: true };

/**
 * The factories registered in each file's init() (ipmi.go:7-10, redfish.go:8-13,
 * redfish_virtualmedia.go:7-11, redfish_https.go:7-10, idrac_virtualmedia.go:13-16); every
 * redfish-family name also as `name+http` and `name+https` (access.go:30-36 RegisterFactory).
 * iRMC, iLO 4 and plain iDRAC (WSMAN) are no longer registered.
 */
const DRIVERS: ReadonlyMap<string, Traits> = new Map([
  ['ipmi', IPMI],
  ['libvirt', { ...IPMI, needsMac: true }],
  ...['redfish', 'ilo5-redfish', 'idrac-redfish', 'redfish-virtualmedia', 'ilo5-virtualmedia', 'redfish-uefihttp', 'idrac-virtualmedia'].flatMap((name) =>
    [name, `${name}+http`, `${name}+https`].map((scheme) => [scheme, REDFISH] as [string, Traits]),
  ),
]);

export const BMC_SCHEMES: readonly string[] = [...DRIVERS.keys()];

// access.go:159-175 checkDNSValid: an IP, or DNS labels of letters, digits and inner hyphens.
const DNS_NAME = /^(([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]{0,61}[a-zA-Z0-9])\.)*([A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9-]{0,61}[A-Za-z0-9])$/;

function dnsProblem(hostname: string): string | undefined {
  if (hostname === '' || isIP(hostname) !== 0 || DNS_NAME.test(hostname)) return undefined;
  return `BMC address hostname/IP : [${hostname}] is invalid`;
}

/** Go's net.SplitHostPort: does `address` read as host:port? */
function splitsAsHostPort(address: string): boolean {
  const colon = address.lastIndexOf(':');
  if (colon < 0) return false;
  if (address.startsWith('[')) {
    const end = address.indexOf(']');
    if (end < 0 || end + 1 !== colon) return false;
    return !address.slice(1).includes('[') && !address.slice(end + 1).includes(']');
  }
  return !address.slice(0, colon).includes(':') && !/[[\]]/.test(address);
}

/** Go's URL.Hostname(): the host without its port and brackets. */
function hostnameOf(host: string): string {
  let name = host;
  const colon = name.lastIndexOf(':');
  if (colon >= 0 && /^:\d*$/.test(name.slice(colon))) name = name.slice(0, colon);
  return name.startsWith('[') && name.endsWith(']') ? name.slice(1, -1) : name;
}

export type ParsedBmcAddress = { ok: true; scheme: string; hostname: string } | { ok: false; error: string };

const PARSE_FAILED = 'failed to parse BMC address information: ';

/** upstream pkg/hardwareutils/bmc/access.go:91-137 GetParsedURL. */
export function parseBmcAddress(address: string): ParsedBmcAddress {
  let parsed = parseUrl(address);
  let scheme: string;
  let host: string;
  if (!parsed.ok) {
    // access.go:93-110: not a URL, but maybe host or host:port, which means IPMI.
    if (address.includes(':') && !splitsAsHostPort(address)) return { ok: false, error: PARSE_FAILED + parsed.error };
    scheme = 'ipmi';
    host = address;
  } else {
    if (parsed.opaque !== '') {
      // access.go:113-118: `host:port` read as scheme `host`; retried as `host://port`.
      parsed = parseUrl(address.replace(':', '://'));
      if (!parsed.ok) return { ok: false, error: PARSE_FAILED + parsed.error };
    }
    if (parsed.scheme === '' && hostnameOf(parsed.host) === '') {
      // access.go:119-127: no scheme at all, so the host was read as a path.
      parsed = parseUrl(`ipmi://${address}`);
      if (!parsed.ok) return { ok: false, error: PARSE_FAILED + parsed.error };
    }
    scheme = parsed.scheme;
    host = parsed.host;
  }
  const hostname = hostnameOf(host);
  const problem = dnsProblem(hostname);
  if (problem) return { ok: false, error: PARSE_FAILED + problem };
  return { ok: true, scheme, hostname };
}

export type BmcAccess = { ok: true; driver: BmcDriver } | { ok: false; error: string };

/** upstream pkg/hardwareutils/bmc/access.go:141-156 NewAccessDetails. */
export function bmcAccess(address: string): BmcAccess {
  if (address === '') return { ok: false, error: 'missing BMC address' };
  const parsed = parseBmcAddress(address);
  if (!parsed.ok) return parsed;
  const traits = DRIVERS.get(parsed.scheme);
  // errors.go:14-17 UnknownBMCTypeError.
  if (!traits) return { ok: false, error: `Unknown BMC type '${parsed.scheme}' for address ${address}` };
  return { ok: true, driver: { type: parsed.scheme, ...traits } };
}
