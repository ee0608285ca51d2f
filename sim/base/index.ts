export * from './assert.js';
export * from './ids.js';
export * from './mix.js';
export * from './time.js';
