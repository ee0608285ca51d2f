/**
 * The view in the URL, so a link reproduces it: `#sc=<bundled name>&seed=<n>&t=<µs>` for an
 * unedited bundled scenario, else `#v1.<base64url(deflate-raw(JSON))>` carrying the scenario.
 * A link is untrusted input: every limit is checked here, and the scenario it carries still goes
 * through the loader's validation like any other text.
 */
export interface LinkState {
  /** A bundled scenario's name, or null when the link carries the scenario text. */
  readonly name: string | null;
  readonly text: string | null;
  readonly seed: number | null;
  readonly cursor: number;
}

export type LinkResult = { ok: true; state: LinkState } | { ok: false; error: string };

/** A link longer than this is refused before any decoding. */
export const MAX_LINK_CHARS = 512 * 1024;
/** The decompressed scenario may not exceed the loader's own limit. */
export const MAX_TEXT_BYTES = 16 * 1024 * 1024;
const NAME_RE = /^[a-z0-9][a-z0-9._-]{0,62}$/;

function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i++) bin += String.fromCharCode(bytes[i]!);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(s: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(s)) return null;
  try {
    const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream, limit: number) {
  const reader = new Blob([bytes as BlobPart]).stream().pipeThrough(stream).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

function describeNumber(v: string | null, what: string, max: number): number | null | string {
  if (v === null || v === '') return null;
  if (!/^\d{1,16}$/.test(v)) return `${what} "${v.slice(0, 20)}" is not a whole number`;
  const n = Number(v);
  return n > max ? `${what} ${n} exceeds ${max}` : n;
}

export async function encodeLink(s: LinkState): Promise<string> {
  const params = new URLSearchParams();
  if (s.seed !== null) params.set('seed', String(s.seed));
  params.set('t', String(Math.round(s.cursor)));
  if (s.name !== null && s.text === null) {
    params.set('sc', s.name);
    return `#${params.toString()}`;
  }
  const packed = await pipe(new TextEncoder().encode(s.text ?? ''), new CompressionStream('deflate-raw'), Infinity);
  return `#${params.toString()}&v1=${toBase64Url(packed!)}`;
}

export async function decodeLink(hash: string): Promise<LinkResult> {
  const h = hash.startsWith('#') ? hash.slice(1) : hash;
  if (h.length > MAX_LINK_CHARS)
    return { ok: false, error: `the link is ${h.length} characters; the limit is ${MAX_LINK_CHARS}` };
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(h);
  } catch {
    return { ok: false, error: 'the link is not a parameter list' };
  }
  const seed = describeNumber(params.get('seed'), 'seed', 2 ** 32 - 1);
  if (typeof seed === 'string') return { ok: false, error: `the link's ${seed}` };
  const t = describeNumber(params.get('t'), 'time', Number.MAX_SAFE_INTEGER);
  if (typeof t === 'string') return { ok: false, error: `the link's ${t}` };
  const name = params.get('sc');
  if (name !== null) {
    if (!NAME_RE.test(name))
      return { ok: false, error: 'the link names a scenario with characters a scenario name cannot have' };
    return { ok: true, state: { name, text: null, seed, cursor: t ?? 0 } };
  }
  const packed = params.get('v1');
  if (packed === null) return { ok: false, error: 'the link carries no scenario (expected sc= or v1=)' };
  const bytes = fromBase64Url(packed);
  if (!bytes) return { ok: false, error: 'the link’s scenario is not valid base64url' };
  let raw: Uint8Array | null;
  try {
    raw = await pipe(bytes, new DecompressionStream('deflate-raw'), MAX_TEXT_BYTES);
  } catch {
    return { ok: false, error: 'the link’s scenario is not valid compressed data' };
  }
  if (!raw) return { ok: false, error: `the link’s scenario expands beyond ${MAX_TEXT_BYTES} bytes` };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    return { ok: false, error: 'the link’s scenario is not UTF-8 text' };
  }
  return { ok: true, state: { name: null, text, seed, cursor: t ?? 0 } };
}
