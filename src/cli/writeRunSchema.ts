// `npm run schema`: writes the run-file JSON Schema (exportRunSchema.ts) into the repository.
import { writeFileSync } from 'node:fs';
import { RUN_SCHEMA_FILE, runFileJsonSchemaText } from '../engine/exportRunSchema';

writeFileSync(new URL(`../../${RUN_SCHEMA_FILE}`, import.meta.url), runFileJsonSchemaText());
process.stdout.write(`wrote ${RUN_SCHEMA_FILE}\n`);
