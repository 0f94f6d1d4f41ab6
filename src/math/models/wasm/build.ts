// Regenerates softmaxStepWasm.ts from softmaxStep.wat: `npx tsx src/math/models/wasm/build.ts`.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { assembleSoftmaxStep, softmaxStepModuleSource } from './assemble';

const bytes = await assembleSoftmaxStep();
const out = fileURLToPath(new URL('./softmaxStepWasm.ts', import.meta.url));
writeFileSync(out, softmaxStepModuleSource(bytes));
console.log(`softmaxStep.wat → ${out} (${bytes.length} bytes)`);
