/**
 * What every ECMP strategy shares: next hops named by stable slots (slots.ts), and, for the
 * stateless strategies, no per-flow bookkeeping and no upkeep. Strategies with state (resilient)
 * override the hooks.
 */
import { NEVER, type Time } from '../../base/time.js';
import { type EcmpChange, type EcmpGroup, type EcmpScheme, NO_CHANGE } from './group.js';
import { NextHopSlots } from './slots.js';

export abstract class SlottedGroup implements Partial<EcmpGroup> {
  abstract readonly scheme: EcmpScheme;
  protected readonly slots = new NextHopSlots();

  nextHops(): readonly string[] {
    return this.slots.names();
  }
  slotOf(name: string): number {
    return this.slots.slotOf(name);
  }
  nameOf(slot: number): string {
    return this.slots.nameOf(slot);
  }

  /** A lookup by live traffic (resilient groups track bucket activity). */
  hit(_hash: number, _now: Time): void {}
  attach(_hash: number, _now: Time): void {}
  detach(_hash: number, _now: Time): void {}
  nextUpkeep(): Time {
    return NEVER;
  }
  upkeep(_now: Time): EcmpChange {
    return NO_CHANGE;
  }
}
