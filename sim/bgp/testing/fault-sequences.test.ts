/**
 * Property: whatever faults hit a pair of speakers, in any order and profile, the machines never
 * break their own invariants, and once the faults stop and the network heals the pair converges:
 * both sessions Established, every route fresh, the same routes as before.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ms, s, type Time } from '../../base/time.js';
import { sessionNextDeadline } from '../session/session.js';
import { grNet } from './fixtures.js';

type Fault =
  | { kind: 'crash-process' | 'stop-process' | 'crash-node' | 'restart'; node: 'r' | 'h' }
  | { kind: 'blackhole' | 'heal' }
  | { kind: 'admin-reset' | 'bfd-down'; node: 'r' | 'h' }
  | { kind: 'wait'; ms: number };

const node = fc.constantFrom<'r' | 'h'>('r', 'h');
const fault: fc.Arbitrary<Fault> = fc.oneof(
  fc.record({
    kind: fc.constantFrom('crash-process', 'stop-process', 'crash-node', 'restart'),
    node,
  }) as fc.Arbitrary<Fault>,
  fc.record({ kind: fc.constantFrom('blackhole', 'heal') }) as fc.Arbitrary<Fault>,
  fc.record({ kind: fc.constantFrom('admin-reset', 'bfd-down'), node }) as fc.Arbitrary<Fault>,
  fc.record({ kind: fc.constant('wait'), ms: fc.integer({ min: 1, max: 200_000 }) }) as fc.Arbitrary<Fault>,
);

const PROFILES = ['rfc', 'frr', 'frr-8.4', 'frr-10.5.1', 'bird', 'bird-2.13', 'gobgp', 'gobgp-3.25', 'cisco-ios-xe'];

describe('fault sequences on a speaker pair', () => {
  it('never trip an invariant and always converge after healing', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PROFILES),
        fc.constantFrom('restart' as const, 'helper' as const, 'disable' as const),
        fc.boolean(),
        fc.boolean(),
        fc.array(fault, { maxLength: 20 }),
        (profile, mode, llgr, wire, faults) => {
          const cfg = {
            profile,
            gr: { mode, preserveForwarding: true, restartTime: 30 },
            timers: { holdTime: 9, keepaliveTime: 3, connectRetryTime: 5 },
            ...(llgr ? { llgr: { advertise: 'tuples' as const, staleTime: 60 } } : {}),
          };
          const net = grNet({ r: cfg, h: cfg, rOriginate: ['10.1.0.0/24'], hOriginate: ['10.2.0.0/24'], wire });
          const down = new Set<string>();
          for (const f of faults) {
            switch (f.kind) {
              case 'crash-process':
              case 'stop-process':
              case 'crash-node':
                if (down.has(f.node)) break;
                if (f.kind === 'crash-process') net.crashProcess(f.node);
                else if (f.kind === 'stop-process') net.stopProcess(f.node);
                else net.crashNode(f.node);
                down.add(f.node);
                break;
              case 'restart':
                if (!down.has(f.node)) break;
                net.restart(f.node, { restarting: true });
                down.delete(f.node);
                break;
              case 'blackhole':
                net.blackhole('r', 'h');
                break;
              case 'heal':
                net.blackhole('r', 'h', false);
                break;
              case 'admin-reset':
              case 'bfd-down':
                if (!down.has(f.node)) net.input(f.node, f.node === 'r' ? 'h' : 'r', { type: f.kind });
                break;
              case 'wait':
                net.runFor(ms(f.ms));
                break;
            }
          }
          net.blackhole('r', 'h', false);
          for (const n of down) net.restart(n, { restarting: true });
          net.runFor(s(1000));
          expect(net.fsm('r', 'h')).toBe('Established');
          expect(net.fsm('h', 'r')).toBe('Established');
          expect(net.route('h', 'r', '10.1.0.0/24')).toBe('fresh');
          expect(net.route('r', 'h', '10.2.0.0/24')).toBe('fresh');
          for (const [a, b] of [
            ['r', 'h'],
            ['h', 'r'],
          ] as const) {
            const view = net.speaker(a).rib.adjRibIn(b, 'ipv4-unicast');
            expect(view.every((v) => v.state === 'fresh')).toBe(true);
            expect(view).toHaveLength(1);
            // Every due deadline fired: none is left at or before now.
            expect(sessionNextDeadline(net.speaker(a).sessions.get(b)!)).toBeGreaterThan(net.now as Time);
          }
        },
      ),
      { numRuns: 300, seed: 4724 },
    );
  });
});
