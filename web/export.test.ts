import { describe, expect, it } from 'vitest';
import { runJson, seriesCsv } from './export.js';
import type { RunPayload } from './run-payload.js';

const payload = {
  scenario: 'x',
  metrics: { packets: { delivered: 30 } },
  records: [{ t: 0, type: 'fault', subject: 'a', fault: 'f', detail: '' }],
  series: {
    resolution: 1_000_000,
    delivered: Float64Array.from([10, 20]),
    lost: Float64Array.from([0, 1.5]),
    resets: Float64Array.from([0, 2]),
    opened: Float64Array.from([3, 0]),
  },
} as unknown as RunPayload;

describe('exports', () => {
  it('writes one CSV row per series bin with its start time in seconds', () => {
    expect(seriesCsv(payload)).toBe('t_s,delivered_packets,lost_packets,resets,opened\n0,10,0,0,3\n1,20,1.5,2,0\n');
  });

  it('writes the run as JSON with its trace and without the binary series', () => {
    const j = JSON.parse(runJson(payload));
    expect(j.records).toHaveLength(1);
    expect(j.metrics.packets.delivered).toBe(30);
    expect(j.series).toBeUndefined();
  });
});
