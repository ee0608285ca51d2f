/**
 * What each node's speaker announces: MetalLB advertises a service's address from every node
 * (`externalTrafficPolicy: Cluster`) or only from nodes with a ready endpoint (`Local`), minus
 * what a policy withdrew. Policy and endpoint changes re-originate or withdraw the difference.
 */
import { ORIGIN_IGP, type PathAttributes } from '../bgp/wire/index.js';
import { familyOfPrefix, type NodeState, type WorldContext } from './context.js';
import type { ServiceSpec } from './spec.js';

export class Origination {
  constructor(
    private readonly ctx: WorldContext,
    private readonly endpointsOf: (service: string) => readonly string[],
  ) {}

  /** Services this node's speaker announces now (ETP Local: only where an endpoint is ready). */
  advertised(node: NodeState): ServiceSpec[] {
    return this.ctx.spec.services.filter(
      (sv) =>
        !node.withdrawn.has(sv.name) &&
        (sv.externalTrafficPolicy === 'Cluster' || this.endpointsOf(sv.name).includes(node.spec.name)),
    );
  }

  /** Re-originates or withdraws the node's services after a policy or endpoint change. */
  reconcile(node: NodeState, before: readonly ServiceSpec[]): void {
    if (!node.process.running) return;
    const after = this.advertised(node);
    for (const sv of after) {
      if (!before.includes(sv))
        node.process.input({
          type: 'originate',
          family: familyOfPrefix(sv.prefix),
          prefix: sv.prefix,
          attributes: originAttributes(),
        });
    }
    for (const sv of before) {
      if (!after.includes(sv))
        node.process.input({ type: 'withdraw-originated', family: familyOfPrefix(sv.prefix), prefix: sv.prefix });
    }
  }
}

/** A MetalLB service route as the speaker originates it: ORIGIN IGP (RFC 4271 §5.1.1). */
export function originAttributes(): PathAttributes {
  return { origin: ORIGIN_IGP, asPath: [] };
}
