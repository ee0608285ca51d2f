// The daemon version a calibration report names, read from the installed binaries.
import { describe, expect, it } from 'vitest';
import { needs } from '../../tools/requirements.js';
import { daemonProblems } from '../daemons/preflight.js';
import { daemonVersion } from './version.js';

const EXPECTED = { frr: /^FRR \d+\.\d+/, bird: /^BIRD \d+\.\d+/, gobgp: /^GoBGP \d+\.\d+/ } as const;

for (const d of ['frr', 'bird', 'gobgp'] as const) {
  const problems = daemonProblems(d);
  describe.runIf(
    needs({
      group: `${d} version (live/calibrate/version.test.ts)`,
      missing: problems.length > 0 ? problems.join('; ') : null,
      enable: 'run as root with frr, bird2, gobgpd and iproute2 installed (apt-get install frr bird2 gobgpd iproute2)',
    }),
  )(`${d} version`, () => {
    it(`names ${d}'s version from its binary, whichever stream it prints on (BIRD: stderr)`, () => {
      expect(daemonVersion(d)).toMatch(EXPECTED[d]);
    });
  });
}
