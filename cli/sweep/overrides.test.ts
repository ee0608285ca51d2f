import { describe, expect, it } from 'vitest';
import { parseParams } from './grid.js';
import { applyOverrides, blameParam } from './overrides.js';

const raw = { speaker: { gracefulRestart: { restartTime: 120 } }, faults: [{ type: 'x', downtime: '20s' }] };

describe('applyOverrides', () => {
  it('sets nested and indexed fields on a copy, leaving the original alone', () => {
    const ps = parseParams(['speaker.gracefulRestart.restartTime=60', 'faults[0].downtime=45s']);
    const out = applyOverrides(raw, ps, [60, '45s']) as typeof raw;
    expect(out.speaker.gracefulRestart.restartTime).toBe(60);
    expect(out.faults[0].downtime).toBe('45s');
    expect(raw.speaker.gracefulRestart.restartTime).toBe(120);
    expect(raw.faults[0].downtime).toBe('20s');
  });

  it('creates an optional block the file leaves out', () => {
    const ps = parseParams(['speaker.bfd.profile=x']);
    expect((applyOverrides(raw, ps, ['x']) as { speaker: { bfd: unknown } }).speaker.bfd).toEqual({ profile: 'x' });
  });

  it('names the --param when an index does not exist', () => {
    const ps = parseParams(['faults[3].downtime=1s']);
    expect(() => applyOverrides(raw, ps, ['1s'])).toThrow(
      '--param faults[3].downtime: faults has 1 item, so [3] does not exist',
    );
  });

  it('names the --param when it indexes into something that is not a list or object', () => {
    expect(() => applyOverrides(raw, parseParams(['speaker[0]=1']), [1])).toThrow(
      '--param speaker[0]: speaker is not a list, so [0] does not exist',
    );
    expect(() => applyOverrides(raw, parseParams(['faults[0].downtime.x=1']), [1])).toThrow(
      '--param faults[0].downtime.x: faults[0].downtime is not an object, so it has no field "x"',
    );
    expect(() => applyOverrides(raw, parseParams(['routers[0].name=a']), ['a'])).toThrow(
      '--param routers[0].name: routers does not exist in the scenario',
    );
  });
});

describe('blameParam', () => {
  const ps = parseParams(['faults[0].downtime=abc', 'speaker.gracefulRestart.restartTime=60']);

  it('names the param whose path the validator error is about', () => {
    expect(blameParam('f.json: faults[0].downtime: "abc" is not a duration', 'f.json', ps, ['abc', 60])).toBe(
      'f.json: --param faults[0].downtime=abc: faults[0].downtime: "abc" is not a duration',
    );
  });

  it('names every param of the point when the error is about another field', () => {
    expect(blameParam('f.json: expect[0].at: after the end', 'f.json', ps, ['abc', 60])).toBe(
      'f.json: --param faults[0].downtime=abc --param speaker.gracefulRestart.restartTime=60: expect[0].at: after the end',
    );
  });
});
