/** The seed box: empty means the scenario's own seed; otherwise a whole number the simulator takes. */

export const MAX_SEED = 2 ** 32 - 1;

/** The seed typed, or undefined for "the scenario's seed", or the problem as text. */
export function parseSeedText(text: string): { ok: true; seed: number | undefined } | { ok: false; error: string } {
  const t = text.trim();
  if (t === '') return { ok: true, seed: undefined };
  const n = /^\d+$/.test(t) ? Number(t) : Number.NaN;
  if (!Number.isSafeInteger(n) || n > MAX_SEED)
    return { ok: false, error: `seed: "${t}" is not a whole number from 0 to ${MAX_SEED}` };
  return { ok: true, seed: n };
}
