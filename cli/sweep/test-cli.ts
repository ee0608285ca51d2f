// A minimal `stalepath` with only sweep and merge, for the child-process tests while cli/main.ts
// does not register them yet (tests prefer bin/stalepath.js once it does).
import { Command } from 'commander';
import { registerSweepCommands } from './index.js';

const program = new Command()
  .name('stalepath')
  .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : 2))
  .configureOutput({ writeErr: (s) => process.stderr.write(s) });
registerSweepCommands(program);
await program.parseAsync(process.argv);
