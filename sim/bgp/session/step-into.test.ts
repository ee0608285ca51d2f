import { describe, expect, it } from 'vitest';
import type { Time } from '../../base/time.js';
import { testSession } from '../testing/session.js';
import { stepSession, stepSessionInto } from './session.js';
import type { SessionInput, SessionOutput } from './types.js';

const T0 = 0 as Time;

const inputs: SessionInput[] = [
  { type: 'manual-start' },
  { type: 'tcp-established', conn: 1, outbound: true },
  {
    type: 'message',
    conn: 1,
    message: { type: 'open', version: 4, myAs: 65002, holdTime: 90, bgpId: '2.2.2.2', capabilities: [] },
  },
  { type: 'message', conn: 1, message: { type: 'keepalive' } },
  { type: 'message', conn: 1, message: { type: 'update', withdrawn: [], attributes: {}, nlri: [] } },
];

describe('stepSessionInto', () => {
  it('appends the same outputs as stepSession after what the list already holds, leaving that alone', () => {
    const a = testSession({}, () => 0);
    const b = testSession({}, () => 0);
    const marker: SessionOutput = { type: 'explain', clause: '', text: 'already there' };
    for (const input of inputs) {
      const fresh = stepSession(a, input, T0);
      const list: SessionOutput[] = [marker];
      stepSessionInto(b, input, T0, list);
      expect(list[0]).toBe(marker);
      expect(list.slice(1)).toEqual(fresh);
    }
    expect(b.fsm).toBe('Established');
  });
});
