// Regenerates kernelsWasm.ts from kernels.wat: `npx tsx src/math/eigen/wasm/build.ts`.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { assembleKernels, kernelsModuleSource } from './assemble';

const bytes = await assembleKernels();
const out = fileURLToPath(new URL('./kernelsWasm.ts', import.meta.url));
writeFileSync(out, kernelsModuleSource(bytes));
console.log(`kernels.wat → ${out} (${bytes.length} bytes)`);
