import { isIP } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAddressPolicy, parseAllowList } from './address-policy.ts';

// The oracle: IPv4 ranges that are not public unicast (RFC 6890 and friends), written out here
// rather than taken from ipaddr.js, so the tests check the policy against the RFCs, not itself.
const REFUSED_V4: [string, number][] = [
  ['0.0.0.0', 8], // "this network", including 0.0.0.0
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12],
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.31.196.0', 24], // AS112
  ['192.52.193.0', 24], // AMT
  ['192.88.99.0', 24], // 6to4 relay anycast
  ['192.168.0.0', 16],
  ['192.175.48.0', 24], // AS112
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and 255.255.255.255 broadcast
];
const REFUSED_V6: [string, number][] = [
  ['fc00::', 7], // unique-local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
  ['2001:db8::', 32], // documentation
];

const v4ToInt = (ip: string) => ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);
const intToV4 = (n: number) => [24, 16, 8, 0].map((shift) => (n >>> shift) & 255).join('.');
const inV4Range = (n: number, [base, bits]: [string, number]) =>
  bits === 0 || n >>> (32 - bits) === v4ToInt(base) >>> (32 - bits);
const isRefusedV4 = (n: number) => REFUSED_V4.some((range) => inV4Range(n, range));

const hex = (n: number) => n.toString(16);
/** IPv6 text from a 128-bit number, fully written out (no "::"), which any parser reads the same. */
const bigToV6 = (n: bigint) =>
  Array.from({ length: 8 }, (_, i) => hex(Number((n >> BigInt(112 - 16 * i)) & 0xffffn))).join(':');
const v6ToBig = (ip: string) => {
  const [head = '', tail] = ip.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const parts = [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  return parts.reduce((n, part) => (n << 16n) | BigInt(parseInt(part, 16)), 0n);
};
const MAX_V6 = (1n << 128n) - 1n;

const v4Int = fc.integer({ min: 0, max: 0xffffffff });
const v6Big = fc.bigInt({ min: 0n, max: MAX_V6 });
/** An address inside one of `ranges`. */
const v4In = (ranges: [string, number][]) =>
  fc.tuple(fc.constantFrom(...ranges), v4Int).map(([[base, bits], host]) => {
    const hostBits = 32 - bits;
    const net = hostBits === 32 ? 0 : (v4ToInt(base) >>> hostBits) * 2 ** hostBits;
    return net + (hostBits === 32 ? host : host % 2 ** hostBits);
  });
const v6In = (ranges: [string, number][]) =>
  fc.tuple(fc.constantFrom(...ranges), v6Big).map(([[base, bits], host]) => {
    const hostMask = (1n << BigInt(128 - bits)) - 1n;
    return (v6ToBig(base) & ~hostMask & MAX_V6) | (host & hostMask);
  });

const strict = createAddressPolicy([]);

describe('refused ranges', () => {
  it('refuses every IPv4 address in a special-purpose range, with a reason', () => {
    fc.assert(
      fc.property(v4In(REFUSED_V4), (n) => {
        const ip = intToV4(n);
        expect(strict.allows(ip)).toBe(false);
        expect(strict.why(ip)).toContain(ip);
      }),
    );
  });

  it('refuses the same addresses written as IPv4-mapped, NAT64 and 6to4 IPv6', () => {
    fc.assert(
      fc.property(v4In(REFUSED_V4), (n) => {
        const ip = intToV4(n);
        const [high, low] = [hex(n >>> 16), hex(n & 0xffff)];
        for (const form of [`::ffff:${ip}`, `::ffff:${high}:${low}`, `64:ff9b::${ip}`, `2002:${high}:${low}::1`]) {
          expect(strict.allows(form), form).toBe(false);
        }
      }),
    );
  });

  it('refuses unique-local, link-local, multicast and documentation IPv6', () => {
    fc.assert(
      fc.property(v6In(REFUSED_V6), (n) => {
        expect(strict.allows(bigToV6(n))).toBe(false);
      }),
    );
  });

  it.each([
    ['127.0.0.1', 'loopback'],
    ['::1', 'loopback'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['169.254.169.254', '169.254.169.254'],
    ['fd00:ec2::254', 'unique-local'],
    ['255.255.255.255', 'broadcast'],
    ['100.100.100.200', 'carrier-grade NAT'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:169.254.169.254', 'link-local'],
    ['64:ff9b::10.0.0.1', 'private'],
    ['2002:c0a8:101::1', 'private'],
    ['4000::1', '2000::/3'],
  ])('refuses %s, saying why (%s)', (ip, words) => {
    expect(strict.allows(ip)).toBe(false);
    expect(strict.why(ip)).toContain(words);
  });

  it('refuses IPv4 spellings that resolvers read differently', () => {
    for (const ip of ['0177.0.0.1', '127.1', '2130706433', '0x7f.0.0.1']) expect(strict.allows(ip), ip).toBe(false);
  });
});

describe('public addresses', () => {
  it('allows every IPv4 address outside the special-purpose ranges, also IPv4-mapped', () => {
    fc.assert(
      fc.property(
        v4Int.filter((n) => !isRefusedV4(n)),
        (n) => {
          expect(strict.why(intToV4(n))).toBeUndefined();
          expect(strict.allows(`::ffff:${intToV4(n)}`)).toBe(true);
        },
      ),
    );
  });

  it('allows global unicast IPv6 from the registries’ blocks', () => {
    const as112v6 = v6ToBig('2620:4f:8000::') >> 80n;
    const regional = v6In([['2400::', 6]]).filter((n) => n >> 80n !== as112v6);
    fc.assert(
      fc.property(regional, (n) => {
        expect(strict.why(bigToV6(n))).toBeUndefined();
      }),
    );
  });

  it('allows public IPv4 reached through NAT64', () => {
    expect(strict.allows('64:ff9b::8.8.8.8')).toBe(true);
  });
});

describe('allow-list', () => {
  const v4Cidr = fc.tuple(v4Int, fc.integer({ min: 0, max: 32 }));
  const v6Cidr = fc.tuple(v6Big, fc.integer({ min: 0, max: 128 }));

  it('allows every address inside an allow-listed IPv4 range', () => {
    fc.assert(
      fc.property(v4Cidr, v4Int, ([base, bits], host) => {
        const policy = createAddressPolicy([`${intToV4(base)}/${bits}`]);
        const hostBits = 32 - bits;
        const net = hostBits === 32 ? 0 : (base >>> hostBits) * 2 ** hostBits;
        const ip = intToV4(net + (hostBits === 32 ? host : host % 2 ** hostBits));
        expect(policy.why(ip)).toBeUndefined();
      }),
    );
  });

  it('allows every address inside an allow-listed IPv6 range', () => {
    fc.assert(
      fc.property(v6Cidr, v6Big, ([base, bits], host) => {
        const policy = createAddressPolicy([`${bigToV6(base)}/${bits}`]);
        const hostMask = (1n << BigInt(128 - bits)) - 1n;
        const ip = bigToV6((base & ~hostMask & MAX_V6) | (host & hostMask));
        expect(policy.why(ip)).toBeUndefined();
      }),
    );
  });

  it('allows a listed single address and its IPv4-mapped form, nothing next to it', () => {
    const policy = createAddressPolicy(['127.0.0.1', '10.20.0.0/16', 'fd00:1::/32']);
    expect(policy.allows('127.0.0.1')).toBe(true);
    expect(policy.allows('::ffff:127.0.0.1')).toBe(true);
    expect(policy.allows('127.0.0.2')).toBe(false);
    expect(policy.allows('10.20.255.1')).toBe(true);
    expect(policy.allows('10.21.0.1')).toBe(false);
    expect(policy.allows('fd00:1:ffff::1')).toBe(true);
    expect(policy.allows('fd00:2::1')).toBe(false);
  });

  it('reads IPv4-mapped CIDR entries as the IPv4 range they cover', () => {
    const policy = createAddressPolicy(['::ffff:10.0.0.0/104']);
    expect(policy.allows('10.9.8.7')).toBe(true);
    expect(policy.allows('11.0.0.1')).toBe(true); // public anyway
    expect(policy.allows('192.168.1.1')).toBe(false);
  });

  it.each(['nope', '10.1', '10.0.0.0/33', '::/129', '1.2.3.4/', '1.2.3.4/8/9', '1.2.3.4/-1', 'localhost'])(
    'refuses to start with the entry %j',
    (entry) => {
      expect(() => createAddressPolicy([entry])).toThrow(/Outbound allow-list: .* is neither an IP address nor a CIDR/);
    },
  );

  it('parses the comma-separated setting', () => {
    expect(parseAllowList(undefined)).toEqual([]);
    expect(parseAllowList('')).toEqual([]);
    expect(parseAllowList(' 10.0.0.0/8, ,fd00::/8 ,192.168.1.5,')).toEqual(['10.0.0.0/8', 'fd00::/8', '192.168.1.5']);
  });
});

describe('any input', () => {
  it('never throws, and refuses with a reason whatever is not an IP address', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.ipV4Extended(), fc.ipV6()), (text) => {
        const why = strict.why(text);
        expect(strict.allows(text)).toBe(why === undefined);
        if (isIP(text) === 0) expect(why).toMatch(/is not an IP address$/);
      }),
    );
  });

  it('never throws on values that are not strings at all', () => {
    for (const value of [undefined, null, 42, {}, []]) expect(strict.allows(value as unknown as string)).toBe(false);
  });
});
