import { describe, expect, it } from 'vitest';
import { MAX_SEED, parseSeedText } from './seed.js';

describe('the seed box', () => {
  it('takes nothing as the scenario’s seed and a whole number as itself', () => {
    expect(parseSeedText('  ')).toEqual({ ok: true, seed: undefined });
    expect(parseSeedText(' 7 ')).toEqual({ ok: true, seed: 7 });
    expect(parseSeedText(String(MAX_SEED))).toEqual({ ok: true, seed: MAX_SEED });
  });

  it('names what is wrong with anything else', () => {
    for (const bad of ['abc', '-1', '1.5', '1e3', String(MAX_SEED + 1), '0x10'])
      expect(parseSeedText(bad)).toEqual({
        ok: false,
        error: expect.stringContaining(`"${bad}" is not a whole number`),
      });
  });
});
