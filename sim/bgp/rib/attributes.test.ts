import { describe, expect, it } from 'vitest';
import { LLGR_STALE } from '../wire/message.js';
import { AttributeStore, asPathLength, neighborAs } from './attributes.js';

describe('path attributes in the RIB', () => {
  it('interns equal attribute sets to one shared object', () => {
    const store = new AttributeStore();
    const a = store.intern({ origin: 0, asPath: [{ type: 'sequence', asns: [1, 2] }], nextHop: '192.0.2.1' });
    const b = store.intern({ origin: 0, asPath: [{ type: 'sequence', asns: [1, 2] }], nextHop: '192.0.2.1' });
    const c = store.intern({ origin: 0, asPath: [{ type: 'sequence', asns: [1, 3] }], nextHop: '192.0.2.1' });
    expect(a).toBe(b);
    expect(a).not.toBe(c);
    expect(Object.isFrozen(a)).toBe(true);
  });

  it('strips NLRI from MP_REACH_NLRI so one object serves every prefix', () => {
    const store = new AttributeStore();
    const mp = (nlri: string[]) => ({ afi: 2, safi: 1, nextHop: '2001:db8::1', nlri });
    const a = store.intern({ origin: 0, mpReach: mp(['2001:db8:1::/48']) });
    const b = store.intern({ origin: 0, mpReach: mp(['2001:db8:2::/48']) });
    expect(a).toBe(b);
    expect(a.mpReach?.nlri).toEqual([]);
  });

  it('remembers each export per attribute set and variant, asked in any order and set again', () => {
    const store = new AttributeStore();
    const a = store.intern({ origin: 0, communities: [1] });
    const b = store.intern({ origin: 0, communities: [2] });
    const x = store.intern({ origin: 1 });
    const y = store.intern({ origin: 2 });
    expect(store.exported(a, 'v1')).toBeUndefined();
    store.setExported(a, 'v1', x);
    store.setExported(a, 'v2', y);
    store.setExported(b, 'v1', y);
    const ask = (): unknown[] => [store.exported(a, 'v1'), store.exported(a, 'v1'), store.exported(a, 'v2')];
    expect(ask()).toEqual([x, x, y]);
    expect([store.exported(b, 'v1'), store.exported(b, 'v2'), store.exported(a, 'v1')]).toEqual([y, undefined, x]);
    store.setExported(a, 'v1', y);
    expect(store.exported(a, 'v1')).toBe(y);
  });

  it('attaches LLGR_STALE once, however often it is asked', () => {
    const store = new AttributeStore();
    const a = store.intern({ origin: 0, communities: [7] });
    const once = store.withLlgrStale(a);
    expect(once.communities).toEqual([7, LLGR_STALE]);
    expect(store.withLlgrStale(once)).toBe(once);
    expect(store.withLlgrStale(a)).toBe(once);
  });

  it('counts an AS_SET as one and confederation segments as none in the AS_PATH length', () => {
    expect(
      asPathLength({
        asPath: [
          { type: 'confed-sequence', asns: [64512, 64513] },
          { type: 'sequence', asns: [1, 2] },
          { type: 'set', asns: [3, 4, 5] },
        ],
      }),
    ).toBe(3);
  });

  it('takes the neighbour AS from the first AS_SEQUENCE, and ours for an empty path', () => {
    expect(
      neighborAs(
        {
          asPath: [
            { type: 'confed-sequence', asns: [64512] },
            { type: 'sequence', asns: [7, 8] },
          ],
        },
        65000,
      ),
    ).toBe(7);
    expect(neighborAs({ asPath: [] }, 65000)).toBe(65000);
    // A path led by an AS_SET has no single neighbour AS: such paths only compare MED among themselves.
    expect(neighborAs({ asPath: [{ type: 'set', asns: [7, 8] }] }, 65000)).toBe(0);
  });
});
