/**
 * Route churn a router sends its upstream peers (RFC 4271 §9.2): read from its Adj-RIB-Out
 * counters after every step of its bgpd, summed over every bgpd incarnation.
 */
import type { RouterState, WorldContext } from './context.js';

export function noteUpstreamChurn(ctx: WorldContext, r: RouterState): void {
  const rib = r.process.sp?.rib;
  if (!rib || r.upstreamIds.length === 0) return;
  let updates = 0;
  let withdrawals = 0;
  for (const id of r.upstreamIds) {
    const c = rib.counters(id);
    updates += c.updatesSent;
    withdrawals += c.withdrawalsSent;
  }
  const du = updates - r.churn.seenUpdates;
  const dw = withdrawals - r.churn.seenWithdrawals;
  if (du === 0 && dw === 0) return;
  r.churn.seenUpdates = updates;
  r.churn.seenWithdrawals = withdrawals;
  r.churn.updates += du;
  r.churn.withdrawals += dw;
  ctx.record({ t: ctx.now(), type: 'churn', subject: r.spec.name, updates: du, withdrawals: dw });
}
