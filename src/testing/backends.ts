// The Node backends for numeric specs live beside the math they test; tests above math import them here too.
export { NODE_BACKENDS, useBackend } from '../math/testing/backends';
