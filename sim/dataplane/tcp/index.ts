export * from './linux-tcp.js';
export * from './reconnect.js';
export * from './stall-stats.js';
