// Checks a server address a person typed (a Bluesky PDS, a Mastodon instance) before Kolorob talks to
// it: it must be http(s), and its host must not resolve to a private, loopback, link-local or
// unique-local address, so nobody can use Kolorob to probe the network it runs in. Operators with a
// PDS or instance on their own LAN (and the tests) turn this off with KOLOROB_ALLOW_PRIVATE_FETCH=true.
//
// The check resolves the name once; the request that follows resolves it again, so a name that
// changes its answer in between (DNS rebinding) is not caught here.
import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

export type LookupAll = (hostname: string) => Promise<{ address: string; family: number }[]>;

export interface OutboundUrlOptions {
  allowPrivate: boolean;
  /** Name resolution; dns.lookup with all addresses unless a test supplies its own. */
  lookup?: LookupAll;
}

/** Why an address was refused; the message is meant for the person who typed it. */
export class OutboundUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutboundUrlError';
  }
}

const PRIVATE_RANGES: [string, number, 'ipv4' | 'ipv6'][] = [
  ['0.0.0.0', 8, 'ipv4'], // "this network"
  ['10.0.0.0', 8, 'ipv4'],
  ['100.64.0.0', 10, 'ipv4'], // carrier-grade NAT
  ['127.0.0.0', 8, 'ipv4'],
  ['169.254.0.0', 16, 'ipv4'], // link-local, where cloud metadata services answer
  ['172.16.0.0', 12, 'ipv4'],
  ['192.0.0.0', 24, 'ipv4'],
  ['192.168.0.0', 16, 'ipv4'],
  ['198.18.0.0', 15, 'ipv4'],
  ['224.0.0.0', 4, 'ipv4'], // multicast
  ['240.0.0.0', 4, 'ipv4'], // reserved, and the broadcast address
  ['::', 128, 'ipv6'],
  ['::1', 128, 'ipv6'],
  ['64:ff9b:1::', 48, 'ipv6'], // local-use NAT64
  ['fc00::', 7, 'ipv6'], // unique-local
  ['fe80::', 10, 'ipv6'], // link-local
  ['fec0::', 10, 'ipv6'], // the old site-local
  ['ff00::', 8, 'ipv6'], // multicast
];

const privateRanges = new BlockList();
for (const [network, prefix, type] of PRIVATE_RANGES) privateRanges.addSubnet(network, prefix, type);

/** True for an address in a private, loopback, link-local, unique-local or otherwise non-public range. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  // BlockList matches IPv4-mapped IPv6 addresses (::ffff:10.0.0.1) against the IPv4 ranges too.
  return privateRanges.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

const defaultLookup: LookupAll = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/**
 * The address as a URL once it is safe to fetch; throws OutboundUrlError with a readable reason
 * otherwise. `what` names the address in messages ("The PDS address").
 */
export async function checkOutboundUrl(
  input: string,
  options: OutboundUrlOptions,
  what = 'The server address',
): Promise<URL> {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new OutboundUrlError(
      `${what} "${input}" is not a web address; it should look like https://example.com.`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new OutboundUrlError(`${what} must start with https:// (or http://), not ${url.protocol}//.`);
  }
  if (url.username || url.password) {
    throw new OutboundUrlError(`${what} must not contain a user name or password.`);
  }
  if (options.allowPrivate) return url;

  // URL keeps IPv6 literals in brackets.
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  let addresses: string[];
  if (isIP(host)) {
    addresses = [host];
  } else {
    try {
      addresses = (await (options.lookup ?? defaultLookup)(host)).map((entry) => entry.address);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new OutboundUrlError(
        `Could not find the server ${host}${code === 'ENOTFOUND' ? '' : ` (${code ?? 'no answer'})`}; check the address.`,
      );
    }
  }
  const refused = addresses.find(isPrivateAddress);
  if (refused !== undefined) {
    throw new OutboundUrlError(
      `${what} ${url.host} points to a private or local network address (${refused}), which Kolorob ` +
        'does not connect to. The operator can allow it with KOLOROB_ALLOW_PRIVATE_FETCH=true.',
    );
  }
  if (addresses.length === 0)
    throw new OutboundUrlError(`Could not find the server ${host}; check the address.`);
  return url;
}
