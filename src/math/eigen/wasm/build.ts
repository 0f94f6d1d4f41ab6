// Regenerates kernelsWasm.ts from kernels.wat and denseKernelsWasm.ts from denseKernels.wat: `npx tsx src/math/eigen/wasm/build.ts`.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { assembleDenseKernels, assembleKernels, kernelsModuleSource } from './assemble';

const bytes = await assembleKernels();
const out = fileURLToPath(new URL('./kernelsWasm.ts', import.meta.url));
writeFileSync(out, kernelsModuleSource(bytes));
console.log(`kernels.wat → ${out} (${bytes.length} bytes)`);

const denseBytes = await assembleDenseKernels();
const denseOut = fileURLToPath(new URL('./denseKernelsWasm.ts', import.meta.url));
writeFileSync(denseOut, kernelsModuleSource(denseBytes, 'DENSE_KERNELS_WASM_BASE64', 'denseKernels.wat'));
console.log(`denseKernels.wat → ${denseOut} (${denseBytes.length} bytes)`);
