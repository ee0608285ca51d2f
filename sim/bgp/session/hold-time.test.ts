import { describe, expect, it } from 'vitest';
import { ms, s } from '../../base/time.js';
import { isAcceptableHoldTime, keepaliveInterval, negotiateHoldTime } from './hold-time.js';
import { jittered, KEEPALIVE_JITTER } from './jitter.js';

describe('hold time negotiation (RFC 4271 §4.2, §10)', () => {
  it('uses the smaller of the two proposals', () => {
    expect(negotiateHoldTime(180, 90)).toBe(90);
    expect(negotiateHoldTime(3, 240)).toBe(3);
  });
  it('rejects 1 and 2 seconds and accepts 0 and 3 or more', () => {
    expect([0, 1, 2, 3, 90].map(isAcceptableHoldTime)).toEqual([true, false, false, true, true]);
  });
  it('derives the keepalive as a third of the hold time, or the smaller configured value', () => {
    expect(keepaliveInterval(90, 0)).toBe(30);
    expect(keepaliveInterval(180, 60)).toBe(60);
    expect(keepaliveInterval(9, 60)).toBe(3);
    expect(keepaliveInterval(3, 1)).toBe(1);
  });
  it('disables keepalives when the hold time is 0 and never sends more than one per second', () => {
    expect(keepaliveInterval(0, 30)).toBe(0);
    expect(keepaliveInterval(3, 0)).toBe(1);
  });
});

describe('RFC 4271 §10 jitter', () => {
  it('scales a timer by a factor drawn uniformly from [0.75, 1.0]', () => {
    expect(jittered(s(30), KEEPALIVE_JITTER, () => 0)).toBe(s(22.5));
    expect(jittered(s(30), KEEPALIVE_JITTER, () => 0.5)).toBe(ms(26250));
    expect(jittered(s(30), KEEPALIVE_JITTER, () => 0.999999)).toBeLessThanOrEqual(s(30));
  });
});
