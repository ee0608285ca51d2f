// Dotted-quad IPv4 text ↔ a 32-bit number, for the synthetic node addresses (10.0.1.11, …).
export function ipv4ToInt(a: string): number {
  return a.split('.').reduce((acc, o) => acc * 256 + Number(o), 0);
}

export function intToIpv4(n: number): string {
  return [24, 16, 8, 0].map((sh) => Math.floor(n / 2 ** sh) % 256).join('.');
}
