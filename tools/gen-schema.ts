/**
 * Writes the JSON Schema of the scenario format to `scenario.schema.json`, the file every scenario
 * names as its `$schema` (`npm run schema`). The zod schema in sim/scenario/schema.ts is the
 * source; scenarios/schema-file.test.ts fails when the committed file has fallen behind it.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SCENARIO_JSON_SCHEMA } from '../sim/index.js';

const SCHEMA_FILE = fileURLToPath(new URL('../scenario.schema.json', import.meta.url));

// `npm run schema` then formats it with biome, as every other file of the repository.
writeFileSync(SCHEMA_FILE, `${JSON.stringify(SCENARIO_JSON_SCHEMA, null, 2)}\n`);
process.stdout.write(`wrote ${SCHEMA_FILE}\n`);
