/** The human summary `stalepath run` prints: the answer first, then the details behind it. */
import type { RunResult } from './run.js';
import type { Scenario } from './schema.js';

export function formatSummary(r: RunResult, sc: Scenario): string {
  const m = r.metrics;
  const c = m.connections;
  const lines: string[] = [];
  const pct = (n: number, d: number) => (d > 0 ? ` (${((100 * n) / d).toFixed(2)}%)` : '');
  lines.push(`${sc.title}`);
  lines.push(
    `scenario ${r.scenario} · seed ${r.seed} · ${sc.duration / 1e6} s simulated · ${r.events} events · trace ${r.traceHash}`,
  );
  lines.push('');
  lines.push(`connections  ${c.started} started, ${c.reset} reset${pct(c.reset, c.started)}`);
  const causes = Object.entries(c.resetByCause).filter(([, v]) => v > 0);
  if (causes.length) lines.push(`             by cause: ${causes.map(([k, v]) => `${k} ${v}`).join(', ')}`);
  if (c.stalled > 0 || c.reconnects > 0) {
    lines.push(
      `stalls       ${c.stalled} stalled, ${c.stallSurvived} survived, ${c.gaveUp} given up; ${c.reconnects} reconnects`,
    );
    lines.push(
      `             stall time p50 ${m.stall.p50Seconds} s, p99 ${m.stall.p99Seconds} s, max ${m.stall.maxSeconds} s (survived); ${m.stall.userSeconds} s waited, ${m.stall.blackholedSeconds} s black-holed`,
    );
  }
  lines.push(
    `packets      ${m.packets.delivered} delivered, ${m.packets.lost} lost${pct(m.packets.lost, m.packets.delivered + m.packets.lost)}`,
  );
  lines.push(`black-holed  ${m.blackholeSeconds} s (longest, any router)   no route ${m.noRouteSeconds} s`);
  // Per-family rows once clients use both families (a dual-stack service).
  const fams = (['ipv4', 'ipv6'] as const).filter((f) => m.byFamily[f].connections.started > 0);
  if (fams.length > 1) {
    for (const f of fams) {
      const x = m.byFamily[f];
      const label = f === 'ipv4' ? '  IPv4' : '  IPv6';
      lines.push(
        `${label}       ${x.connections.started} started, ${x.connections.reset} reset; ${x.packets.delivered} packets delivered, ${x.packets.lost} lost${pct(x.packets.lost, x.packets.delivered + x.packets.lost)}; no route ${x.noRouteSeconds} s`,
      );
    }
  }
  lines.push(`route churn  ${m.routeChurn.updates} updates, ${m.routeChurn.withdrawals} withdrawals sent upstream`);
  lines.push(
    `sessions     ${m.sessionFlaps} router-side session drops; failure noticed after ${m.detectionSeconds} s (longest)`,
  );
  for (const g of m.groups) {
    lines.push(
      `  ${g.router} ${g.prefix} [${g.scheme}] → ${g.nextHops.join(', ') || '(no route)'}; ${g.resets} resets`,
    );
  }
  if (r.expectations.length) {
    lines.push('');
    for (const e of r.expectations) lines.push(`${e.passed ? 'PASS' : 'FAIL'}  ${e.name} — ${e.actual}`);
  }
  return `${lines.join('\n')}\n`;
}
