/**
 * Our own broken invariants throw `SimInvariantError`; a peer's protocol violation or bad
 * scenario input never does (those are outputs and error lists).
 */
export class SimInvariantError extends Error {
  override name = 'SimInvariantError';
}

export function invariant(cond: unknown, message: string | (() => string)): asserts cond {
  if (!cond) throw new SimInvariantError(typeof message === 'function' ? message() : message);
}

/** Ends every switch over a discriminated union: the compiler proves it unreachable. */
export function assertNever(x: never, what = 'value'): never {
  throw new SimInvariantError(`unexpected ${what}: ${JSON.stringify(x)}`);
}
