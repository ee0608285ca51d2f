import { describe, expect, it } from 'vitest';
import { decodeLink, encodeLink, MAX_TEXT_BYTES } from './url-state.js';

async function deflated(bytes: Uint8Array): Promise<string> {
  const buf = await new Response(
    new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream('deflate-raw')),
  ).arrayBuffer();
  return Buffer.from(buf).toString('base64url');
}

describe('links', () => {
  it('round-trips an edited scenario with its seed and cursor', async () => {
    const text = JSON.stringify({ name: 'x', title: '<b>t</b>', nodes: [] });
    const link = await encodeLink({ name: null, text, seed: 7, cursor: 70_000_000 });
    expect(await decodeLink(link)).toEqual({ ok: true, state: { name: null, text, seed: 7, cursor: 70_000_000 } });
  });

  it('names an unedited bundled scenario instead of carrying it', async () => {
    const link = await encodeLink({ name: 'metallb-speaker-restart', text: null, seed: null, cursor: 0 });
    expect(link).toBe('#t=0&sc=metallb-speaker-restart');
    expect(await decodeLink(link)).toMatchObject({ ok: true, state: { name: 'metallb-speaker-restart', seed: null } });
  });

  it('refuses markup in a scenario name, broken encodings and out-of-range numbers with a clear error', async () => {
    for (const bad of [
      '#sc=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E',
      '#v1=@@@',
      '#v1=AAAA',
      '#seed=99999999999&sc=a',
      '#t=-5&sc=a',
      '#nothing=1',
    ]) {
      const r = await decodeLink(bad);
      expect(r.ok, bad).toBe(false);
      if (!r.ok) expect(r.error).toMatch(/^the link/);
    }
  });

  it('stops inflating a decompression bomb at the size limit', async () => {
    const bomb = await deflated(new Uint8Array(MAX_TEXT_BYTES + 1024));
    const r = await decodeLink(`#v1=${bomb}`);
    expect(r).toEqual({ ok: false, error: `the link’s scenario expands beyond ${MAX_TEXT_BYTES} bytes` });
  });

  it('refuses text that is not UTF-8', async () => {
    const r = await decodeLink(`#v1=${await deflated(Uint8Array.from([0xff, 0xfe, 0x00]))}`);
    expect(r).toEqual({ ok: false, error: 'the link’s scenario is not UTF-8 text' });
  });
});
