import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { profileNames } from '../bgp/profile/index.js';
import { explainRun } from './explain.js';
import { loadScenarioText } from './load.js';

function explain(name: string): string[] {
  const text = readFileSync(new URL(`../../scenarios/${name}.json`, import.meta.url), 'utf8');
  const r = loadScenarioText(text, name, { profiles: profileNames() });
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return explainRun(r.scenario);
}

describe('explain', () => {
  it('cites BFD detection expiry as RFC 5880 §6.8.4 and a received packet as §6.8.6', () => {
    const lines = explain('node-crash-bfd');
    const expiries = lines.filter((l) => l.includes('(detection-time-expired'));
    expect(expiries.length).toBeGreaterThan(0);
    for (const l of expiries) expect(l).toMatch(/BFD Up → Down .*\[RFC 5880 §6\.8\.4\]$/);
    for (const l of lines.filter((l) => l.includes('(received-'))) expect(l).toMatch(/\[RFC 5880 §6\.8\.6\]$/);
  });

  it('cites the clause of every BGP message it tells: OPEN, UPDATE, End-of-RIB, NOTIFICATION', () => {
    // A steady-state run has no boot: OPENs come from the restart, NOTIFICATIONs from the crash.
    const lines = [...explain('metallb-speaker-restart'), ...explain('node-crash-bfd')];
    const told = lines.filter((l) => / (sent|received) [A-Z]/.test(l));
    expect(told.some((l) => / sent OPEN .* \[RFC 4724 §3; RFC 8538 §2; RFC 9494 §3\.1\]$/.test(l))).toBe(true);
    expect(told.some((l) => / sent NOTIFICATION 6\/10 \[RFC 4271 §6\.7; RFC 9384 §2\]$/.test(l))).toBe(true);
    for (const l of told) expect(l).toMatch(/\[RFC [^\]]+\]$/);
    expect(lines.some((l) => l.includes('KEEPALIVE'))).toBe(false);
  });
});
