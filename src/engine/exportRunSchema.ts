// The run-file schema as JSON Schema (draft-07, the most widely read draft) for Python and R users: `npm run schema` writes it
// to schema/eigenalign.run-1.schema.json, and a test fails when the committed file is stale.
// Checks across fields (row widths against config.d, summaries with the first checkpoint's shapes,
// the config's combinations) are not expressible there; docs/RUN-FORMAT.md states them in words.
import { toJsonSchema } from '@valibot/to-json-schema';
import {
  blockTheorySchema,
  checkpointSchema,
  diagnosisSchema,
  ensembleEntrySchema,
  ensembleSummarySchema,
  runDataSchema,
  runFileSchema,
  spectrumSchema,
  theorySchema,
} from './runFile';
import { summarySchema } from './runSummary';

export const RUN_SCHEMA_FILE = 'schema/eigenalign.run-1.schema.json';

export function runFileJsonSchema(): Record<string, unknown> {
  const json = toJsonSchema(runFileSchema, {
    target: 'draft-07',
    // finite: JSON numbers are finite already; the checks are the cross-field rules above
    ignoreActions: ['finite', 'check', 'raw_check'],
    definitions: {
      spectrum: spectrumSchema,
      summary: summarySchema,
      blockTheory: blockTheorySchema,
      theory: theorySchema,
      diagnosis: diagnosisSchema,
      checkpoint: checkpointSchema,
      ensembleEntry: ensembleEntrySchema,
      ensembleSummary: ensembleSummarySchema,
      data: runDataSchema,
    },
  });
  return json as Record<string, unknown>;
}

/** The file's text: stable key order, two-space indent, final newline. */
export function runFileJsonSchemaText(): string {
  return JSON.stringify(runFileJsonSchema(), null, 2) + '\n';
}
