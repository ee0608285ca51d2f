/** Links are undirected: one key per pair of endpoints. */
export const linkKey = (a: string, b: string): string => (a < b ? `${a}|${b}` : `${b}|${a}`);
