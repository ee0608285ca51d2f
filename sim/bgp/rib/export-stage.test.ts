import { describe, expect, it } from 'vitest';
import type { PathAttributes } from '../wire/message.js';
import { Rib, type RibResult } from './rib.js';

const V4 = 'ipv4-unicast';
const LOCAL: PathAttributes = { origin: 0, asPath: [], nextHop: '0.0.0.0' };
const LEARNED: PathAttributes = { origin: 0, asPath: [{ type: 'sequence', asns: [65001] }], nextHop: '192.0.2.1' };

/** r1 sends us routes; h is opened 'local-only' (a restarting FRR speaker's peer), up normally. */
function world() {
  const rib = new Rib({ localAs: 65000, routerId: '10.255.0.1' });
  rib.addPeer({ id: 'r1', asn: 65001, address: '192.0.2.1' });
  rib.addPeer({ id: 'h', asn: 65002, address: '192.0.2.2', nextHopSelf: { [V4]: '192.0.2.254' } });
  rib.addPeer({ id: 'up', asn: 65100, address: '198.51.100.1', nextHopSelf: { [V4]: '198.51.100.2' } });
  rib.peerUp('r1', { routerId: '10.0.0.1', families: [V4] });
  rib.update('r1', V4, { nlri: ['10.1.0.0/24'], attributes: LEARNED });
  rib.originate(V4, '10.0.0.0/24', LOCAL);
  rib.peerUp('up', { routerId: '10.0.1.1', families: [V4] });
  rib.peerUp('h', { routerId: '10.0.0.2', families: [] });
  return rib;
}

const announcedTo = (r: RibResult, peer: string) =>
  r.updates.find((u) => u.peer === peer)?.announced.flatMap((a) => a.nlri) ?? [];
const withdrawnFrom = (r: RibResult, peer: string) => r.updates.find((u) => u.peer === peer)?.withdrawn ?? [];

describe("the 'local-only' export stage (FRR bgp_dest_set_defer_flag)", () => {
  it('opens a family with only the locally originated best paths', () => {
    const rib = world();
    const r = rib.peerFamilyUp('h', V4, false, 'local-only');
    expect(announcedTo(r, 'h')).toEqual(['10.0.0.0/24']);
    expect(rib.exportStage('h', V4)).toBe('local-only');
    expect(rib.exportStatus('h', V4, '10.1.0.0/24')).toBe('selection-deferred');
    expect(rib.exportStatus('h', V4, '10.0.0.0/24')).toBe('advertised');
  });

  it('sends a peer at that stage local route changes but no learned ones', () => {
    const rib = world();
    rib.peerFamilyUp('h', V4, false, 'local-only');
    const learned = rib.update('r1', V4, { nlri: ['10.1.1.0/24'], attributes: LEARNED });
    expect(announcedTo(learned, 'h')).toEqual([]);
    expect(announcedTo(learned, 'up')).toEqual(['10.1.1.0/24']);
    expect(announcedTo(rib.originate(V4, '10.0.1.0/24', LOCAL), 'h')).toEqual(['10.0.1.0/24']);
    expect(withdrawnFrom(rib.withdrawOriginated(V4, '10.0.0.0/24'), 'h')).toEqual(['10.0.0.0/24']);
  });

  it('releases only what was held back, each prefix counted once', () => {
    const rib = world();
    rib.peerFamilyUp('h', V4, false, 'local-only');
    rib.update('r1', V4, { nlri: ['10.1.1.0/24'], attributes: LEARNED });
    const r = rib.releaseFamily('h', V4);
    expect(announcedTo(r, 'h')).toEqual(['10.1.0.0/24', '10.1.1.0/24']);
    expect(rib.exportStage('h', V4)).toBe('all');
    expect(rib.counters('h', V4)).toEqual({ updatesSent: 3, withdrawalsSent: 0, prefixesAdvertised: 3 });
    expect(announcedTo(rib.update('r1', V4, { nlri: ['10.1.2.0/24'], attributes: LEARNED }), 'h')).toEqual([
      '10.1.2.0/24',
    ]);
    expect(() => rib.releaseFamily('h', V4)).toThrow(/not held/);
  });
});
