/** A router's ECMP spec as the data plane builds its group (timers in ms, as ip-nexthop(8) writes them). */
import type { EcmpConfig } from '../dataplane/index.js';
import type { EcmpSpec } from './spec.js';

export function ecmpConfig(e: EcmpSpec): EcmpConfig {
  switch (e.type) {
    case 'resilient':
      return {
        scheme: 'resilient',
        buckets: e.buckets,
        idleTimerMs: e.idleTimer / 1000,
        unbalancedTimerMs: e.unbalancedTimer / 1000,
      };
    case 'maglev':
      return { scheme: 'maglev', tableSize: e.tableSize };
    default:
      return { scheme: e.type };
  }
}
