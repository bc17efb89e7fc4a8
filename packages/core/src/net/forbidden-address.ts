/**
 * Which IP addresses outbound requests must never connect to (SECURITY-CHECKLIST N2).
 *
 * Everything that is not plainly a public unicast address is refused: loopback, private, link-local
 * (including the cloud metadata address 169.254.169.254), CGNAT, "this network", multicast,
 * documentation and benchmarking ranges, IPv6 ULA / link-local / site-local, and IPv6 forms that
 * embed an IPv4 address (mapped, compatible, NAT64, 6to4) when the embedded address is refused.
 * Anything that does not parse as an IP address is refused too: the check fails closed.
 */

/** [first octets as a 32-bit number, prefix length] of refused IPv4 ranges. */
const FORBIDDEN_V4: ReadonlyArray<readonly [string, number]> = [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // CGNAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // TEST-NET-1
  ['192.88.99.0', 24], // 6to4 relay anycast
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // TEST-NET-2
  ['203.0.113.0', 24], // TEST-NET-3
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
];

const V4_RANGES = FORBIDDEN_V4.map(([base, bits]) => {
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return { base: (parseIpv4(base) ?? 0) & mask, mask };
});

/**
 * Parses a dotted-quad IPv4 address (four plain decimal octets, no leading zeros) to a 32-bit number.
 * Returns `undefined` for anything else.
 */
function parseIpv4(ip: string): number | undefined {
  const parts = ip.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = value * 256 + octet;
  }
  return value;
}

/** Parses an IPv6 address (optionally with a trailing dotted quad and/or a zone id) to 8 hextets. */
function parseIpv6(input: string): number[] | undefined {
  let ip = input;
  const zone = ip.indexOf('%');
  if (zone !== -1) ip = ip.slice(0, zone);
  if (ip.length === 0 || ip.length > 45) return undefined;

  const lastColon = ip.lastIndexOf(':');
  const lastPart = ip.slice(lastColon + 1);
  if (lastPart.includes('.')) {
    // A trailing dotted quad stands for the last two hextets.
    const v4 = parseIpv4(lastPart);
    if (v4 === undefined) return undefined;
    ip = `${ip.slice(0, lastColon + 1)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }

  const halves = ip.split('::');
  if (halves.length > 2) return undefined;
  const toHextets = (s: string): number[] | undefined => {
    if (s === '') return [];
    const out: number[] = [];
    for (const h of s.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(h)) return undefined;
      out.push(Number.parseInt(h, 16));
    }
    return out;
  };
  const head = toHextets(halves[0] ?? '');
  if (head === undefined) return undefined;
  if (halves.length === 1) {
    return head.length === 8 ? head : undefined;
  }
  const rest = toHextets(halves[1] ?? '');
  if (rest === undefined) return undefined;
  const missing = 8 - head.length - rest.length;
  if (missing < 1) return undefined;
  return [...head, ...new Array<number>(missing).fill(0), ...rest];
}

function isForbiddenV4(value: number): boolean {
  return V4_RANGES.some(({ base, mask }) => (value & mask) >>> 0 === base >>> 0);
}

function isForbiddenV6(h: number[]): boolean {
  const [h0 = 0, h1 = 0, h2 = 0, h3 = 0, h4 = 0, h5 = 0, h6 = 0, h7 = 0] = h;
  const embeddedV4 = ((h6 << 16) >>> 0) + h7;
  // ::/96 (unspecified, loopback, IPv4-compatible) — refuse the whole block.
  if (h0 === 0 && h1 === 0 && h2 === 0 && h3 === 0 && h4 === 0 && h5 === 0) return true;
  // ::ffff:0:0/96 IPv4-mapped → judge the embedded IPv4 address.
  if (h0 === 0 && h1 === 0 && h2 === 0 && h3 === 0 && h4 === 0 && h5 === 0xffff) return isForbiddenV4(embeddedV4);
  // ::ffff:0:0:0/96 IPv4-translated (SIIT) → refuse.
  if (h0 === 0 && h1 === 0 && h2 === 0 && h3 === 0 && h4 === 0xffff && h5 === 0) return true;
  // 64:ff9b::/96 NAT64 well-known prefix → judge the embedded IPv4; 64:ff9b:1::/48 local-use NAT64 → refuse.
  if (h0 === 0x64 && h1 === 0xff9b && h2 === 0 && h3 === 0 && h4 === 0 && h5 === 0) return isForbiddenV4(embeddedV4);
  if (h0 === 0x64 && h1 === 0xff9b && h2 === 1) return true;
  // 100::/64 discard-only.
  if (h0 === 0x100 && h1 === 0 && h2 === 0 && h3 === 0) return true;
  // 2001::/23 IETF protocol assignments (Teredo 2001::/32 included), 2001:db8::/32 documentation.
  if (h0 === 0x2001 && h1 < 0x200) return true;
  if (h0 === 0x2001 && h1 === 0xdb8) return true;
  // 2002::/16 6to4 → judge the IPv4 address in bits 16–47.
  if (h0 === 0x2002) return isForbiddenV4(((h1 << 16) >>> 0) + h2);
  // 3fff::/20 documentation.
  if ((h0 & 0xfff0) === 0x3ff0) return true;
  // fc00::/7 ULA, fe80::/10 link-local, fec0::/10 site-local (deprecated), ff00::/8 multicast.
  if ((h0 & 0xfe00) === 0xfc00) return true;
  if ((h0 & 0xffc0) === 0xfe80) return true;
  if ((h0 & 0xffc0) === 0xfec0) return true;
  if ((h0 & 0xff00) === 0xff00) return true;
  return false;
}

/**
 * Whether outbound requests must refuse to connect to `ip` (SECURITY-CHECKLIST N2).
 * Accepts dotted-quad IPv4 and IPv6 (with or without brackets or a zone id); anything that is not
 * an IP address in those forms is refused.
 *
 * @example
 * isForbiddenAddress('169.254.169.254'); // true
 * isForbiddenAddress('::ffff:10.0.0.1'); // true
 * isForbiddenAddress('93.184.216.34'); // false
 */
export function isForbiddenAddress(ip: string): boolean {
  const bare = ip.startsWith('[') && ip.endsWith(']') ? ip.slice(1, -1) : ip;
  const v4 = parseIpv4(bare);
  if (v4 !== undefined) return isForbiddenV4(v4);
  if (!bare.includes(':')) return true;
  const v6 = parseIpv6(bare);
  if (v6 === undefined) return true;
  return isForbiddenV6(v6);
}
