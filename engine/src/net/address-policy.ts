import ipaddr from 'ipaddr.js';

type Address = ipaddr.IPv4 | ipaddr.IPv6;
type Cidr = [Address, number];

/** Which addresses outbound requests may connect to. */
export interface AddressPolicy {
  allows(ip: string): boolean;
  /** Why `ip` is refused, in words for a log or an error message; undefined when it is allowed. */
  why(ip: string): string | undefined;
}

/** How ipaddr.js's range names read in a refusal. */
const RANGE_WORDS: Record<string, string> = {
  unspecified: 'the unspecified range',
  broadcast: 'the broadcast range',
  multicast: 'a multicast range',
  linkLocal: 'the link-local range, where cloud metadata services such as 169.254.169.254 answer',
  loopback: 'the loopback range',
  carrierGradeNat: 'the carrier-grade NAT range 100.64.0.0/10',
  private: 'a private network range',
  uniqueLocal: 'the unique-local range fc00::/7',
  reserved: 'a reserved range',
};

// Every public IPv6 address is in 2000::/3; outside it are loopback, link-local, unique-local,
// multicast, IPv4-compatible and unassigned space.
const GLOBAL_UNICAST_V6: Cidr = ipaddr.parseCIDR('2000::/3');
// Well-known NAT64 prefix: the last 32 bits are the IPv4 address a gateway connects to.
const NAT64_V6: Cidr = ipaddr.parseCIDR('64:ff9b::/96');

/**
 * A policy refusing every address that is not public unicast — private, loopback, link-local,
 * CGNAT, unique-local, unspecified, multicast, broadcast, reserved, and IPv6 forms carrying such
 * an IPv4 address — unless `allowList` (IPs or CIDRs, v4 or v6) names it.
 * Throws on an allow-list entry that is neither, so a typo fails at start rather than at send.
 */
export function createAddressPolicy(allowList: readonly string[]): AddressPolicy {
  const allowed = allowList.map(parseAllowEntry);
  const why = (ip: string): string | undefined => {
    const spelled = parseSpelling(ip);
    if (!spelled) return `${JSON.stringify(String(ip).slice(0, 64))} is not an IP address`;
    // An entry covering ::ffff:0:0/96 allows those addresses too, though they are judged as IPv4.
    return isListed(spelled, allowed) ? undefined : refusal(unmap(spelled), allowed);
  };
  return { why, allows: (ip) => why(ip) === undefined };
}

/** The comma-separated `OUTBOUND_ALLOW` setting as allow-list entries (blank parts ignored). */
export function parseAllowList(text: string | undefined): string[] {
  return (text ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}

function refusal(address: Address, allowed: readonly Cidr[]): string | undefined {
  if (isListed(address, allowed)) return undefined;
  if (address instanceof ipaddr.IPv4) {
    const range = address.range();
    return range === 'unicast' ? undefined : `${address.toString()} is in ${words(range)}`;
  }
  const embedded = embeddedIPv4(address);
  if (embedded) {
    const inner = refusal(embedded, allowed);
    return inner && `${inner} (reached through ${address.toString()})`;
  }
  const range = address.range();
  if (range !== 'unicast') return `${address.toString()} is in ${words(range)}`;
  if (!address.match(GLOBAL_UNICAST_V6)) return `${address.toString()} is outside the global unicast range 2000::/3`;
  return undefined;
}

function isListed(address: Address, allowed: readonly Cidr[]): boolean {
  return allowed.some(([net, bits]) => net.kind() === address.kind() && address.match(net, bits));
}

/** The IPv4 address that NAT64, IPv4-translated (RFC 6145) and 6to4 addresses deliver to. */
function embeddedIPv4(address: ipaddr.IPv6): ipaddr.IPv4 | undefined {
  const bytes = address.toByteArray();
  if (address.match(NAT64_V6) || address.range() === 'rfc6145') return new ipaddr.IPv4(bytes.slice(12, 16));
  if (address.range() === '6to4') return new ipaddr.IPv4(bytes.slice(2, 6));
  return undefined;
}

const words = (range: string) => RANGE_WORDS[range] ?? `the special-purpose range "${range}"`;

/**
 * IPv4 must be four decimal parts: "0177.0.0.1" means 127.0.0.1 to some resolvers and
 * 177.0.0.1 to others, so such spellings are refused rather than guessed.
 */
function parseSpelling(ip: string): Address | undefined {
  if (typeof ip !== 'string' || !(ipaddr.IPv4.isValidFourPartDecimal(ip) || ipaddr.IPv6.isValid(ip))) return undefined;
  try {
    return ipaddr.parse(ip);
  } catch {
    return undefined;
  }
}

function unmap(address: Address): Address {
  return address instanceof ipaddr.IPv6 && address.isIPv4MappedAddress() ? address.toIPv4Address() : address;
}

function parseAllowEntry(entry: string): Cidr {
  const [ip = '', bits, ...rest] = entry.trim().split('/');
  const address = parseSpelling(ip);
  const full = address?.kind() === 'ipv4' ? 32 : 128;
  const prefix = bits === undefined ? full : /^\d{1,3}$/.test(bits) ? Number(bits) : NaN;
  if (!address || rest.length > 0 || !(prefix >= 0 && prefix <= full)) {
    throw new Error(
      `Outbound allow-list: ${JSON.stringify(entry)} is neither an IP address nor a CIDR range ` +
        '(such as 10.1.2.3, 10.20.0.0/16 or fd00::/8)',
    );
  }
  // Addresses are compared unmapped, so "::ffff:10.0.0.0/104" must become 10.0.0.0/8 to match.
  const unmapped = unmap(address);
  return unmapped !== address && prefix >= 96 ? [unmapped, prefix - 96] : [address, prefix];
}
