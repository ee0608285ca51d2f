// A crashed host answers nothing: inside a fresh namespace, a listener on the node's address
// completes a dial before `down`, leaves it unanswered (no SYN-ACK, no RST, no ICMP error) while
// down, and completes it again after `up`.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { listNetns, Netns } from './netns.js';
import { needsNetns } from './netns-requirement.js';

const ROUTER = '10.0.0.1';
const NODE = '10.0.1.11';
const module = fileURLToPath(new URL('./host-address.ts', import.meta.url));

// Runs inside the namespace (Node binds its addresses only from inside it): listen on the node's
// address, then dial it from the router's before, during and after the host is down.
const probe = `
import net from 'node:net';
import { loopbackHost } from ${JSON.stringify(module)};
const server = net.createServer((s) => s.destroy());
await new Promise((r) => server.listen(1790, ${JSON.stringify(NODE)}, r));
const dial = () => new Promise((done) => {
  const s = net.connect({ host: ${JSON.stringify(NODE)}, port: 1790, localAddress: ${JSON.stringify(ROUTER)} });
  const t = setTimeout(() => { s.destroy(); done('unanswered'); }, 1500);
  s.once('connect', () => { clearTimeout(t); s.destroy(); done('answered'); });
  s.once('error', (e) => { clearTimeout(t); done(e.code); });
});
const host = loopbackHost(${JSON.stringify(NODE)});
const before = await dial();
host.down();
const during = await dial();
host.up();
const after = await dial();
console.log(JSON.stringify({ before, during, after }));
server.close();
`;

describe.runIf(needsNetns('a crashed host in a netns (live/daemons/host-address.test.ts)'))(
  'a host address taken down',
  () => {
    it('answers a dial when up, leaves it unanswered (no RST, no ICMP error) when down, and answers again when back', () => {
      const ns = Netns.create([ROUTER, NODE]);
      try {
        const out = ns.exec('node', ['--import', 'tsx', '--input-type=module', '-e', probe], 20_000);
        expect(JSON.parse(out.trim().split('\n').at(-1) ?? '{}')).toEqual({
          before: 'answered',
          during: 'unanswered',
          after: 'answered',
        });
        expect(ns.addresses().sort()).toEqual(['10.0.0.1/32', '10.0.1.11/32', '127.0.0.1/8']);
      } finally {
        ns.removeSync();
      }
      expect(listNetns()).not.toContain(ns.name);
    }, 30_000);
  },
);
