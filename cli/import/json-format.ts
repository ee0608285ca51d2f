// JSON as the bundled scenarios are written: a value goes on one line when it fits in 120
// columns, otherwise one member per line (so `biome format` leaves the file as it is).

const WIDTH = 120;

export function formatJson(value: unknown): string {
  return `${print(value, '', 0)}\n`;
}

function print(v: unknown, indent: string, prefixLength: number): string {
  const flat = inline(v);
  if (v === null || typeof v !== 'object' || indent.length + prefixLength + flat.length <= WIDTH) return flat;
  const inner = `${indent}  `;
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return `[\n${v.map((x) => `${inner}${print(x, inner, 1)}`).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
  if (entries.length === 0) return '{}';
  return `{\n${entries
    .map(([k, x]) => {
      const key = `${JSON.stringify(k)}: `;
      return `${inner}${key}${print(x, inner, key.length + 1)}`;
    })
    .join(',\n')}\n${indent}}`;
}

/** One line with the spacing biome uses: `{ "a": 1, "b": [1, 2] }`. */
function inline(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(inline).join(', ')}]`;
  const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
  if (entries.length === 0) return '{}';
  return `{ ${entries.map(([k, x]) => `${JSON.stringify(k)}: ${inline(x)}`).join(', ')} }`;
}
