/**
 * Text rendering of a NeighborGrStatus in FRR's `show bgp neighbors` wording (gr-reference §2.12):
 * the capability lines and the "Graceful restart information:" block.
 */
import type { NeighborGrStatus } from './neighbor-status.js';

const tf = (b: boolean) => (b ? 'True' : 'False');
const yn = (b: boolean) => (b ? 'Yes' : 'No');

export function renderNeighborGr(st: NeighborGrStatus): string {
  const l: string[] = [];
  // FRR bgp_vty.c bgp_show_peer: one "Address Family X: advertised and received" line per family.
  for (const a of st.addressFamilies) {
    const how = [a.advertised ? 'advertised' : '', a.received ? `${a.advertised ? 'and ' : ''}received` : '']
      .filter(Boolean)
      .join(' ');
    l.push(`    Address Family ${a.name}: ${how}`);
  }
  if (st.capability) {
    l.push(`    Graceful Restart Capability: ${st.capability}`);
    if (st.receivedRestartTime !== null) {
      l.push(`      Remote Restart timer is ${st.receivedRestartTime} seconds`);
      const afs = st.addressFamiliesByPeer.map((a) => `${a.name}(${a.preserved ? 'preserved' : 'not preserved'})`);
      l.push(`      Address families by peer:`);
      l.push(`        ${afs.length > 0 ? afs.join(', ') : 'none'}`);
    }
  }
  l.push('  Graceful restart information:');
  if (st.state === 'Established' && st.receivedRestartTime !== null) {
    l.push(`    End-of-RIB send: ${st.endOfRibSent.join(', ')}`);
    l.push(`    End-of-RIB received: ${st.endOfRibReceived.join(', ')}`);
  }
  if (st.restartTimeRemaining !== null) l.push(`    The remaining time of restart timer is ${st.restartTimeRemaining}`);
  if (st.stalePathTimeRemaining !== null) {
    l.push(`    The remaining time of stalepath timer is ${st.stalePathTimeRemaining}`);
  }
  l.push(`    Local GR Mode: ${st.localGrMode}`);
  l.push(`    Remote GR Mode: ${st.remoteGrMode}`);
  if (st.rBit !== null) l.push(`    R bit: ${tf(st.rBit)}`);
  if (st.nBit !== null) l.push(`    N bit: ${tf(st.nBit)}`);
  l.push('    Timers:');
  l.push(`      Configured Restart Time(sec): ${st.configuredRestartTime}`);
  if (st.receivedRestartTime !== null) l.push(`      Received Restart Time(sec): ${st.receivedRestartTime}`);
  l.push(`      Configured LLGR Stale Path Time(sec): ${st.configuredLlgrStaleTime}`);
  if (st.restartTimeRemaining !== null) l.push(`      Restart Time Remaining(sec): ${st.restartTimeRemaining}`);
  for (const af of st.afs) {
    l.push(`    ${af.name}:`);
    if (af.fBit !== null) l.push(`      F bit: ${tf(af.fBit)}`);
    l.push(`      End-of-RIB sent: ${yn(af.endOfRibSent)}`);
    l.push(`      End-of-RIB sent after update: ${yn(af.endOfRibSentAfterUpdate)}`);
    l.push(`      End-of-RIB received: ${yn(af.endOfRibReceived)}`);
    l.push('      Timers:');
    if (af.configuredStalePathTime !== null)
      l.push(`        Configured Stale Path Time(sec): ${af.configuredStalePathTime}`);
    if (af.stalePathRemaining !== null) l.push(`        Stale Path Remaining(sec): ${af.stalePathRemaining}`);
    if (af.configuredSelectionDeferralTime !== null) {
      l.push(`        Configured Selection Deferral Time(sec): ${af.configuredSelectionDeferralTime}`);
    }
    l.push(`        LLGR Stale Path Time(sec): ${af.llgrStaleTime}`);
    if (af.llgrStaleRemaining !== null) l.push(`        LLGR Stale Path Remaining(sec): ${af.llgrStaleRemaining}`);
  }
  if (st.lastNotificationReason) {
    l.push(`  Last notification: ${st.lastNotificationReason}${st.lastNotificationHardReset ? ' (Hard Reset)' : ''}`);
  }
  if (st.lastResetReason) l.push(`  Last reset reason: ${st.lastResetReason}`);
  return l.join('\n');
}

/** One family's Adj-RIB-In as FRR's per-family block counts it. */
export interface AfPrefixCounts {
  readonly name: string;
  readonly accepted: number;
  readonly stale: number;
}

/**
 * FRR bgp_vty.c bgp_show_peer_afi: " For address family: IPv4 Unicast" and "  %u accepted prefixes"
 * per activated family; the stale count is this simulator's addition (FRR shows it in `show bgp` as
 * the S flag).
 */
export function renderNeighborAfis(afs: readonly AfPrefixCounts[]): string {
  const l: string[] = [];
  for (const a of afs) {
    l.push('', ` For address family: ${a.name}`);
    l.push(`  ${a.accepted} accepted prefixes${a.stale > 0 ? `, ${a.stale} stale` : ''}`);
  }
  return l.length > 0 ? `\n${l.join('\n')}` : '';
}
