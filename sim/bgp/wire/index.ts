export * from './address.js';
export * from './codec.js';
export * from './decode-result.js';
export * from './framer.js';
export * from './message.js';
export * from './notification.js';
export { capabilityBytes } from './open.js';
export * from './split-update.js';
