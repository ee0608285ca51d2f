// Piscina loads this plain-JS file in each worker thread; it registers the TypeScript loader
// there (threads do not inherit it) so the sweep runs from a clean clone with no build step.
import { register } from 'tsx/esm/api';

register();
const { default: runTask } = await import('./worker.ts');

export default runTask;
