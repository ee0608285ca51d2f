/**
 * A test group that needs a private network namespace (root and iproute2): runnable here, or one
 * test that fails under CI and is skipped elsewhere, naming what is missing (tools/requirements.ts).
 */
import { needs } from '../../tools/requirements.js';
import { netnsProblems } from './preflight.js';

export function needsNetns(group: string): boolean {
  const problems = netnsProblems();
  return needs({
    group,
    missing: problems.length > 0 ? problems.join('; ') : null,
    enable: 'run as root with iproute2 installed (apt-get install iproute2)',
  });
}
