// The addresses MetalLB's controller would give services, as far as a manifest set tells:
// internal/allocator/allocator.go getIPFromCIDR walks each pool entry from its first address and
// takes the first free one (skipping IPv4 .0/.255 with avoidBuggyIPs); findBestPoolForService
// takes the first pool that has every family the service needs (PreferDualStack settles for one).
import { confusesBuggyFirmware, familyOf, fromBig, type IpFamily, toBig } from './ip.js';
import type { IpAddressPoolResource } from './manifests.js';

export class PoolAllocator {
  private readonly used = new Set<string>();

  /** Marks addresses as taken (requested ones and those a live cluster already assigned). */
  take(address: string): void {
    this.used.add(address);
  }

  /** The lowest free address of `family` in `pool`, or undefined when it has none. */
  lowestFree(pool: IpAddressPoolResource, family: IpFamily): string | undefined {
    for (const r of pool.ranges) {
      if (r.family !== family) continue;
      // A pool entry can be a /64; only the first few addresses are ever looked at.
      for (let n = r.first, tries = 0; n <= r.last && tries < 100_000; n++, tries++) {
        if (pool.avoidBuggyIPs && confusesBuggyFirmware(n, family)) continue;
        const a = fromBig(n, family);
        if (!this.used.has(a)) return a;
      }
    }
    return undefined;
  }
}

export const poolFamilies = (pool: IpAddressPoolResource): IpFamily[] => [...new Set(pool.ranges.map((r) => r.family))];

/** The pool whose ranges hold `address` (allocator.go poolFor), or undefined. */
export function poolHolding(
  pools: readonly IpAddressPoolResource[],
  address: string,
): IpAddressPoolResource | undefined {
  const f = familyOf(address);
  if (f === undefined) return undefined;
  const n = toBig(address);
  return pools.find((p) =>
    p.ranges.some(
      (r) => r.family === f && n >= r.first && n <= r.last && !(p.avoidBuggyIPs && confusesBuggyFirmware(n, f)),
    ),
  );
}
