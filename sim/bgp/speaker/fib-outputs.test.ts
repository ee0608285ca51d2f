import { describe, expect, it } from 'vitest';
import type { Time } from '../../base/time.js';
import { createSpeaker, type SpeakerOutput, speakerStep } from './speaker.js';

function originateOutputs(fibOutputs?: boolean): SpeakerOutput['type'][] {
  const sp = createSpeaker({
    config: { name: 'n', localAs: 65001, routerId: '10.0.0.1', peers: [], fibOutputs },
    now: 0 as Time,
    uniform: () => () => 0.5,
  });
  const out = speakerStep(
    sp,
    {
      type: 'originate',
      family: 'ipv4-unicast',
      prefix: '10.1.0.0/24',
      attributes: { origin: 0, asPath: [], nextHop: '0.0.0.0' },
    },
    1 as Time,
  );
  expect(sp.rib.bestPath('ipv4-unicast', '10.1.0.0/24')?.local).toBe(true);
  return out.map((o) => o.type);
}

describe('SpeakerConfig.fibOutputs', () => {
  it('on (the default) a new best path is a FIB change; off, the same selection outputs none', () => {
    expect(originateOutputs()).toEqual(['fib']);
    expect(originateOutputs(true)).toEqual(['fib']);
    expect(originateOutputs(false)).toEqual([]);
  });
});
