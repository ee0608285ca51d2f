/**
 * A stable 64-bit content hash (two independent 32-bit FNV-1a lanes over UTF-16 code units),
 * computed incrementally. Identical in Node and browsers; used to prove a trace is byte-identical.
 */
export class StableHash {
  private a = 0x811c9dc5;
  private b = 0x01000193 ^ 0x5bd1e995;

  update(text: string): this {
    let a = this.a;
    let b = this.b;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
      b ^= b >>> 15;
    }
    this.a = a;
    this.b = b;
    return this;
  }

  digest(): string {
    return (this.a >>> 0).toString(16).padStart(8, '0') + (this.b >>> 0).toString(16).padStart(8, '0');
  }
}

export const stableHash = (text: string): string => new StableHash().update(text).digest();
