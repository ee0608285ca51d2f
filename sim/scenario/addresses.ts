/**
 * Addresses the scenario leaves out: routers 10.0.0.1, 10.0.0.2, …; nodes 10.0.1.11, 10.0.1.12, …
 * counting on past .255 (node 245 is 10.0.2.0), so every default is a valid, distinct IPv4 address
 * for the largest worlds the format accepts (100 routers, 10,000 nodes).
 */
const ipv4Text = (n: number) => [24, 16, 8, 0].map((sh) => (n >>> sh) & 255).join('.');

export const defaultRouterAddress = (i: number): string => ipv4Text(0x0a000001 + i);
export const defaultNodeAddress = (i: number): string => ipv4Text(0x0a00010b + i);
