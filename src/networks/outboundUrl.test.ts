import { describe, expect, it } from 'vitest';
import { checkOutboundUrl, isPrivateAddress, type LookupAll, OutboundUrlError } from './outboundUrl.ts';

describe('isPrivateAddress', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.255.255.254', true],
    ['10.1.2.3', true],
    ['172.16.0.1', true],
    ['172.31.255.255', true],
    ['172.32.0.1', false],
    ['192.168.1.10', true],
    ['169.254.169.254', true],
    ['100.64.0.1', true],
    ['0.0.0.0', true],
    ['224.0.0.1', true],
    ['255.255.255.255', true],
    ['8.8.8.8', false],
    ['93.184.216.34', false],
    ['::1', true],
    ['::', true],
    ['fe80::1', true],
    ['fc00::1', true],
    ['fd12:3456:789a::1', true],
    ['ff02::1', true],
    ['::ffff:127.0.0.1', true],
    ['::ffff:10.0.0.1', true],
    ['::ffff:8.8.8.8', false],
    ['2001:4860:4860::8888', false],
    ['2606:4700::1111', false],
    ['not an address', false],
  ])('%s is private: %s', (address, expected) => {
    expect(isPrivateAddress(address)).toBe(expected);
  });
});

const resolvesTo =
  (...addresses: string[]): LookupAll =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

const notFound: LookupAll = async () => {
  throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
};

describe('checkOutboundUrl', () => {
  it.each([
    ['https://pds.example.com', resolvesTo('93.184.216.34'), undefined],
    ['http://pds.example.com:2583/', resolvesTo('2606:4700::1111'), undefined],
    ['https://93.184.216.34', notFound, undefined],
    ['ftp://pds.example.com', resolvesTo('93.184.216.34'), /must start with https/],
    ['javascript:alert(1)', resolvesTo('93.184.216.34'), /must start with https/],
    ['not a url', resolvesTo('93.184.216.34'), /not a web address/],
    ['https://user:pw@pds.example.com', resolvesTo('93.184.216.34'), /user name or password/],
    ['http://127.0.0.1:2583', notFound, /private or local network address \(127\.0\.0\.1\)/],
    ['http://localhost:2583', resolvesTo('127.0.0.1', '::1'), /private or local/],
    ['http://[::1]:8080', notFound, /private or local network address \(::1\)/],
    ['http://[fd00::5]', notFound, /private or local/],
    ['http://[::ffff:192.168.0.1]', notFound, /private or local/],
    ['http://metadata.internal', resolvesTo('169.254.169.254'), /private or local/],
    // One private answer among public ones is enough to refuse: the request could use any of them.
    ['https://mixed.example.com', resolvesTo('93.184.216.34', '10.0.0.7'), /\(10\.0\.0\.7\)/],
    ['https://nowhere.example', notFound, /Could not find the server nowhere\.example/],
  ])('%s', async (input, lookup, refusal) => {
    const checking = checkOutboundUrl(input, { allowPrivate: false, lookup });
    if (refusal) {
      await expect(checking).rejects.toThrow(OutboundUrlError);
      await expect(checking).rejects.toThrow(refusal);
    } else {
      await expect(checking).resolves.toBeInstanceOf(URL);
    }
  });

  it('allows private addresses when the operator says so, but still only http(s)', async () => {
    const allow = { allowPrivate: true, lookup: notFound };
    await expect(checkOutboundUrl('http://127.0.0.1:2583', allow)).resolves.toBeInstanceOf(URL);
    await expect(checkOutboundUrl('file:///etc/passwd', allow)).rejects.toThrow(/must start with https/);
  });

  it('names the address in its message', async () => {
    await expect(
      checkOutboundUrl('http://10.0.0.1', { allowPrivate: false }, 'The PDS address'),
    ).rejects.toThrow(/^The PDS address 10\.0\.0\.1 points to/);
  });
});
