import { describe, expect, it } from 'vitest';
import { clientNetwork, normalisedEmail } from '../../../relay/client-network';

describe('client network', () => {
  it('keeps an IPv4 address whole, also when written as IPv6', () => {
    expect(clientNetwork('203.0.113.7')).toBe('203.0.113.7');
    expect(clientNetwork('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('groups IPv6 clients by /64, however the address is written', () => {
    const one = clientNetwork('2001:db8:1:2::1');
    expect(one).toBe('2001:db8:1:2::/64');
    expect(clientNetwork('2001:0db8:0001:0002:ffff:ffff:ffff:ffff')).toBe(one);
    expect(clientNetwork('2001:DB8:1:2:abcd::9')).toBe(one);
    expect(clientNetwork('2001:db8:1:3::1')).not.toBe(one);
    expect(clientNetwork('::1')).toBe('0:0:0:0::/64');
  });

  it('passes anything else through as its own key', () => {
    expect(clientNetwork('unknown')).toBe('unknown');
  });
});

describe('normalised email (for counting only)', () => {
  it('lower-cases every address', () => {
    expect(normalisedEmail(' Reader@Example.COM ')).toBe('reader@example.com');
  });

  it('drops +tags and dots where the provider ignores them', () => {
    expect(normalisedEmail('Jane.Doe+promo@gmail.com')).toBe('janedoe@gmail.com');
    expect(normalisedEmail('j.a.n.e.doe@googlemail.com')).toBe('janedoe@gmail.com');
    expect(normalisedEmail('jane.doe+x@outlook.com')).toBe('jane.doe@outlook.com');
  });

  it('keeps +tags and dots for domains that may treat them as different mailboxes', () => {
    expect(normalisedEmail('jane.doe+x@example.com')).toBe('jane.doe+x@example.com');
  });
});
