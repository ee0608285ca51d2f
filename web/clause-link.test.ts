import { describe, expect, it } from 'vitest';
import { clauseParts } from './clause-link.js';

const links = (c: string) => clauseParts(c).flatMap((p) => (p.href ? [[p.text, p.href]] : []));

describe('clause links', () => {
  it('links an RFC section to its text on rfc-editor.org', () => {
    expect(links('RFC 4724 §4.2')).toEqual([['RFC 4724 §4.2', 'https://www.rfc-editor.org/rfc/rfc4724#section-4.2']]);
  });

  it('links every RFC of a clause, and a bare section to the RFC named before it', () => {
    expect(links('RFC 4271 §6.7; RFC 8538 §3')).toEqual([
      ['RFC 4271 §6.7', 'https://www.rfc-editor.org/rfc/rfc4271#section-6.7'],
      ['RFC 8538 §3', 'https://www.rfc-editor.org/rfc/rfc8538#section-3'],
    ]);
    expect(links('RFC 5882 §4.3.1, §10.2')[1]).toEqual([
      '§10.2',
      'https://www.rfc-editor.org/rfc/rfc5882#section-10.2',
    ]);
  });

  it('keeps the whole clause text and leaves implementation sources unlinked', () => {
    const c = 'RFC 9384 §2; FRR bgp_bfd.c (C21, C22)';
    expect(
      clauseParts(c)
        .map((p) => p.text)
        .join(''),
    ).toBe(c);
    expect(links(c)).toHaveLength(1);
    expect(links('FRR bgpd/bgp_fsm.c bgp_gr_check_all_eors')).toEqual([]);
  });
});
