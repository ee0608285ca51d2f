#!/usr/bin/env node
// Runs dependency-cruiser with the project's layer rules and fails on any violation, on any
// import it could not resolve, and when it cruised no module at all (a check that saw nothing
// cannot pass).
import { createRequire } from 'node:module';
import { cruise } from 'dependency-cruiser';

const require = createRequire(import.meta.url);
const config = require('../.dependency-cruiser.cjs');
const roots = ['sim', 'live', 'cli', 'web', 'benchmarks'];
const result = await cruise(roots, { ...config.options, ruleSet: { forbidden: config.forbidden }, validate: true });
const out = result.output;
const modules = out.modules.filter((m) => !m.coreModule && !m.source.includes('node_modules'));
const simModules = modules.filter((m) => m.source.startsWith('sim/'));
const problems = [];
if (simModules.length === 0) problems.push('cruised no module under sim/: the layer check saw nothing');
for (const m of modules) {
  for (const d of m.dependencies) {
    if (d.couldNotResolve) problems.push(`${m.source}: cannot resolve import '${d.module}'`);
  }
}
for (const v of out.summary.violations) {
  problems.push(
    `${v.rule.name}: ${v.from} → ${v.to}${v.cycle ? ` (cycle ${v.cycle.map((c) => c.name ?? c).join(' → ')})` : ''}`,
  );
}
if (problems.length > 0) {
  console.error(`layers: ${problems.length} problem(s) in ${modules.length} modules`);
  for (const p of problems) console.error(`  ${p}`);
  process.exit(1);
}
console.log(`layers: ${modules.length} modules (${simModules.length} under sim/), no violation`);
