// Entry of a solve-share thread (threadShare.ts). Worker threads do not inherit the parent's tsx
// loader, so this plain-JS bootstrap registers it, then loads the TypeScript body.
import { register } from 'tsx/esm/api';

register();
await import('./shareThreadBody.ts');
