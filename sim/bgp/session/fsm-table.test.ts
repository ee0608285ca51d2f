import { describe, expect, it } from 'vitest';
import { SimInvariantError } from '../../base/assert.js';
import { FSM_STATES, FSM_TABLE, findTransition, fsmTransition } from './fsm-table.js';

describe('RFC 4271 §8 FSM table', () => {
  it('has at most one row per (state, event), so the machine is deterministic', () => {
    const keys = FSM_TABLE.map((r) => `${r.from}|${r.event}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('reaches every state from Idle', () => {
    const seen = new Set<string>(['Idle']);
    for (let changed = true; changed; ) {
      changed = false;
      for (const r of FSM_TABLE) {
        if (seen.has(r.from) && !seen.has(r.to)) {
          seen.add(r.to);
          changed = true;
        }
      }
    }
    expect([...seen].sort()).toEqual([...FSM_STATES].sort());
  });

  it('goes to Established only from OpenConfirm on a KEEPALIVE (RFC 4271 §8.2.2)', () => {
    const into = FSM_TABLE.filter((r) => r.to === 'Established' && r.from !== 'Established');
    expect(into.map((r) => [r.from, r.event])).toEqual([['OpenConfirm', 'keepalive-received']]);
  });

  it('sends every state that can fail back to Idle on a hold-timer expiry or NOTIFICATION after OpenSent', () => {
    for (const st of ['OpenSent', 'OpenConfirm', 'Established'] as const) {
      expect(findTransition(st, 'hold-timer-expired')?.to).toBe('Idle');
      expect(findTransition(st, 'notification-received')?.to).toBe('Idle');
    }
  });

  it('cites RFC 4724 §4.2 for a new connection while Established', () => {
    expect(fsmTransition('Established', 'new-connection').clause).toBe('RFC 4724 §4.2');
  });

  it('refuses a pair that is not in the table as our own bug', () => {
    expect(() => fsmTransition('Idle', 'keepalive-received')).toThrow(SimInvariantError);
  });
});
