import { describe, expect, it } from 'vitest';
import { parseParam, parseParams, parsePath, pointCount, pointValues } from './grid.js';

const err = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an error');
};

describe('parsePath', () => {
  it('splits dotted and indexed paths into fields and indices', () => {
    expect(parsePath('speaker.gracefulRestart.restartTime')).toEqual(['speaker', 'gracefulRestart', 'restartTime']);
    expect(parsePath('faults[0].downtime')).toEqual(['faults', 0, 'downtime']);
    expect(parsePath('routers[1].ecmp.type')).toEqual(['routers', 1, 'ecmp', 'type']);
    expect(parsePath('a[2][3]')).toEqual(['a', 2, 3]);
  });

  it('rejects empty segments, bad brackets and negative indices, naming the flag', () => {
    expect(err(() => parsePath('faults..downtime', 'faults..downtime=1'))).toBe(
      '--param faults..downtime=1: "" is not a field name or field[index] (path "faults..downtime")',
    );
    expect(err(() => parsePath('faults[-1].downtime'))).toMatch(/"faults\[-1\]" is not a field name/);
    expect(err(() => parsePath('faults[x]'))).toMatch(/"faults\[x\]" is not a field name/);
    expect(err(() => parsePath(''))).toMatch(/the path before "=" is empty/);
  });
});

describe('parseParam', () => {
  it('types each value: numbers, booleans, durations and other text stay strings', () => {
    expect(parseParam('x=1,2.5,true,false,20s,modulo,"7"').values).toEqual([1, 2.5, true, false, '20s', 'modulo', '7']);
  });

  it('expands a numeric range inclusively of its end', () => {
    expect(parseParam('speaker.gracefulRestart.restartTime=30..300:30').values).toEqual([
      30, 60, 90, 120, 150, 180, 210, 240, 270, 300,
    ]);
    expect(parseParam('x=1..10:4').values).toEqual([1, 5, 9]);
  });

  it('expands decimal ranges without floating-point drift', () => {
    expect(parseParam('x=0.1..0.5:0.1').values).toEqual([0.1, 0.2, 0.3, 0.4, 0.5]);
  });

  it('expands duration ranges in the unit of their start', () => {
    expect(parseParam('faults[0].downtime=20s..90s:35s').values).toEqual(['20s', '55s', '90s']);
    expect(parseParam('x=300ms..1200ms:300ms').values).toEqual(['300ms', '600ms', '900ms', '1200ms']);
    expect(parseParam('x=1s..2s:500ms').values).toEqual(['1s', '1.5s', '2s']);
  });

  it('mixes ranges and single values in one list', () => {
    expect(parseParam('x=5,10..30:10,100').values).toEqual([5, 10, 20, 30, 100]);
  });

  it('rejects malformed flags and ranges with a message naming the flag', () => {
    expect(err(() => parseParam('faults[0].downtime'))).toBe(
      '--param faults[0].downtime: expected PATH=V1,V2,... (e.g. faults[0].downtime=20s,40s)',
    );
    expect(err(() => parseParam('x='))).toBe('--param x=: no values after "="');
    expect(err(() => parseParam('x=1,,2'))).toBe('--param x=1,,2: an empty value in the list');
    expect(err(() => parseParam('x=30..300'))).toBe(
      '--param x=30..300: range "30..300" has no step (write START..END:STEP, e.g. 30..300:30)',
    );
    expect(err(() => parseParam('x=300..30:30'))).toBe(
      '--param x=300..30:30: range "300..30:30" ends before it starts',
    );
    expect(err(() => parseParam('x=1..3:0'))).toBe('--param x=1..3:0: range "1..3:0" has a step that is not positive');
    expect(err(() => parseParam('x=1s..3:1'))).toMatch(/mixes numbers and durations/);
    expect(err(() => parseParam('x=0..1000000:1'))).toMatch(/has 1000001 values; the limit is 100000/);
    expect(err(() => parseParam('x=1,2,1'))).toBe('--param x=1,2,1: value 1 appears twice');
  });

  it('rejects the same path given twice', () => {
    expect(err(() => parseParams(['faults[0].downtime=1s', 'faults[0].downtime=2s']))).toMatch(/given twice/);
  });
});

describe('grid points', () => {
  it('enumerates the cartesian product with the first param varying slowest', () => {
    const ps = parseParams(['a=1,2', 'b=x,y,z']);
    expect(pointCount(ps)).toBe(6);
    expect(Array.from({ length: 6 }, (_, i) => pointValues(ps, i))).toEqual([
      [1, 'x'],
      [1, 'y'],
      [1, 'z'],
      [2, 'x'],
      [2, 'y'],
      [2, 'z'],
    ]);
  });

  it('has one point with no param, so a sweep is its replicates alone', () => {
    expect(pointCount([])).toBe(1);
    expect(pointValues([], 0)).toEqual([]);
  });
});
