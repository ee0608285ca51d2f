/** Bad sweep input (a --param, --shard, output or merge file): reported as one line, exit 2. */
export class SweepInputError extends Error {
  override readonly name = 'SweepInputError';
}
