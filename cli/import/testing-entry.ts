// A stand-in for `stalepath` with only the import commands, used by command.test.ts until (and
// independently of) cli/main.ts registering them: the same program settings as cli/main.ts.
import { Command } from 'commander';
import { registerImportCommands } from './index.js';

const program = new Command()
  .name('stalepath')
  .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : 2))
  .configureOutput({ writeErr: (s) => process.stderr.write(s) });
registerImportCommands(program);
await program.parseAsync(process.argv);
