import { describe, expect, it } from 'vitest';
import { us } from '../base/time.js';
import { BFD_STATES, type BfdControlPacket, BfdDiag, type BfdState } from './packet.js';
import { type BfdInput, type BfdSession, createBfdSession, step } from './session.js';
import { BFD_EVENT_TABLE, BFD_REASON_CLAUSE, BFD_RECEIVE_TABLE } from './transitions.js';

/**
 * RFC 5880 §6.8.6, transcribed independently of transitions.ts: [local, received] → new local
 * state and the diag set on the way down (null: diag untouched).
 */
const RFC_5880_6_8_6: Record<BfdState, Record<BfdState, [BfdState, number | null]>> = {
  AdminDown: {
    AdminDown: ['AdminDown', null],
    Down: ['AdminDown', null],
    Init: ['AdminDown', null],
    Up: ['AdminDown', null],
  },
  Down: { AdminDown: ['Down', null], Down: ['Init', null], Init: ['Up', 0], Up: ['Down', null] },
  Init: { AdminDown: ['Down', 3], Down: ['Init', null], Init: ['Up', 0], Up: ['Up', 0] },
  Up: { AdminDown: ['Down', 3], Down: ['Down', 3], Init: ['Up', null], Up: ['Up', null] },
};

function packetIn(state: BfdState): BfdControlPacket {
  return {
    version: 1,
    diag: 0,
    state,
    poll: false,
    final: false,
    controlPlaneIndependent: false,
    demand: false,
    multipoint: false,
    detectMult: 3,
    myDiscriminator: 77,
    yourDiscriminator: 1,
    desiredMinTx: us(300_000),
    requiredMinRx: us(300_000),
    requiredMinEchoRx: us(0),
    auth: null,
  };
}

function session(): BfdSession {
  return createBfdSession(
    {
      localDiscriminator: 1,
      desiredMinTx: us(300_000),
      requiredMinRx: us(300_000),
      detectMult: 3,
      controlPlaneIndependent: false,
      passive: false,
    },
    () => 0.5,
    us(0),
  );
}

describe('BFD state transition table (RFC 5880 §6.8.6)', () => {
  it('has exactly one row for each (local state, received state) pair', () => {
    const keys = BFD_RECEIVE_TABLE.map((r) => `${r.from}/${r.received}`);
    expect(new Set(keys).size).toBe(16);
    expect(keys.length).toBe(16);
  });

  for (const local of BFD_STATES) {
    for (const received of BFD_STATES) {
      const [to, diag] = RFC_5880_6_8_6[local][received];
      it(`a session in ${local} receiving ${received} ends in ${to}${diag === null ? '' : ` with diag ${diag}`}`, () => {
        const st = session();
        st.state = local;
        st.localDiag = 31; // a marker no rule sets, to see whether the diag was touched
        const out = step(st, { type: 'receive', packet: packetIn(received) }, us(10));
        expect(st.state).toBe(to);
        expect(st.localDiag).toBe(diag ?? 31);
        const changes = out.filter((o) => o.type === 'state-change');
        expect(changes.length).toBe(to === local ? 0 : 1);
        expect(out.some((o) => o.type === 'session-down')).toBe(local === 'Up' && to !== 'Up');
        expect(out.some((o) => o.type === 'session-up')).toBe(local !== 'Up' && to === 'Up');
      });
    }
  }

  it('takes only Init and Up down on detection expiry, with diag 1 (RFC 5880 §6.8.4)', () => {
    const rows = BFD_EVENT_TABLE.filter((r) => r.event === 'detection-timer');
    expect(rows.map((r) => r.from).sort()).toEqual(['Init', 'Up']);
    for (const r of rows) expect([r.to, r.diag]).toEqual(['Down', BfdDiag.ControlDetectionTimeExpired]);
  });

  it('reaches AdminDown from every other state with diag 7 and leaves it only to Down (RFC 5880 §6.8.16)', () => {
    const downs = BFD_EVENT_TABLE.filter((r) => r.event === 'admin-down');
    expect(downs.map((r) => r.from).sort()).toEqual(['Down', 'Init', 'Up']);
    for (const r of downs) expect([r.to, r.diag]).toEqual(['AdminDown', BfdDiag.AdministrativelyDown]);
    const ups = BFD_EVENT_TABLE.filter((r) => r.event === 'admin-up');
    expect(ups.map((r) => [r.from, r.to])).toEqual([['AdminDown', 'Down']]);
  });
  it('states each change with its clause: §6.8.6 on a received packet, §6.8.4 on detection expiry, §6.8.16 on admin action', () => {
    const clauses = (st: BfdSession, input: BfdInput, at: number) =>
      step(st, input, us(at)).flatMap((o) => (o.type === 'state-change' ? [`${o.reason} ${o.clause}`] : []));
    const st = session();
    expect(clauses(st, { type: 'receive', packet: packetIn('Down') }, 10)).toEqual(['received-down RFC 5880 §6.8.6']);
    expect(clauses(st, { type: 'timer' }, 10_000_000)).toEqual(['detection-time-expired RFC 5880 §6.8.4']);
    expect(clauses(st, { type: 'admin-down' }, 10_000_001)).toEqual(['admin-down RFC 5880 §6.8.16']);
    expect(clauses(st, { type: 'admin-up' }, 10_000_002)).toEqual(['admin-up RFC 5880 §6.8.16']);
    for (const r of [...BFD_RECEIVE_TABLE, ...BFD_EVENT_TABLE])
      expect(BFD_REASON_CLAUSE[r.reason]).toMatch(/^RFC 5880 §6\.8\./);
  });
});
