// What tfjs's layers, converter, data and webgl packages resolve to inside the CLI bundle (launch.mjs
// aliases them here): nothing. Node never uses them (no models, no datasets, no WebGL), and leaving
// them out halves the bundle that every `npm run experiment` parses. tf.* ops and kernels come from
// tfjs-core and the cpu/wasm backends as before, so the numbers are the same (tested).
export {};
