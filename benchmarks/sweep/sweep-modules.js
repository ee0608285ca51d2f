// Loaded by bench.ts at run time, from the checkout (never bundled): registers tsx in the main
// thread and hands over the sweep modules, piscina included, as `stalepath sweep` loads them.
import { register } from 'tsx/esm/api';

register();
export const { runSweep } = await import('../../cli/sweep/run-sweep.ts');
export const { prepareWorker } = await import('../../cli/sweep/worker-bundle.ts');
