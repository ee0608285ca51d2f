/** Bad sweep input (a --param, --shard, output or merge file): reported as one line, exit 2. */
export class SweepInputError extends Error {
  override readonly name = 'SweepInputError';
}

/** A run that threw in its worker (our bug): the sweep stops, its output keeps every earlier row. */
export class SweepRunError extends Error {
  override readonly name = 'SweepRunError';
}
