import type { RandomSource } from '../random-source.js';

/** A deterministic uniform source (a counter through a mixer): two copies with one seed draw the same numbers. */
export function counterSource(seed: number): RandomSource {
  let k = seed >>> 0;
  return {
    next() {
      k = (k + 0x9e3779b9) >>> 0;
      let z = k;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return ((z ^ (z >>> 16)) >>> 0) / 4294967296;
    },
  };
}
