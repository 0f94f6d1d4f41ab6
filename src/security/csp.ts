// The Content Security Policy of the built app, written into index.html as a <meta> tag at build time
// (the dev server needs inline scripts for hot reload, so `vite dev` runs without it).
//  - scripts: the app's own files only, plus 'wasm-unsafe-eval' to compile the tfjs wasm binaries
//    (no 'unsafe-eval', no inline scripts: URL text can never become code);
//  - styles: own files plus inline — React/D3 style attributes and the fixed ?hide= style sheet
//    (hideStyles.ts builds it from fixed selectors only);
//  - images: own files, data: and blob: (canvas exports, figure downloads);
//  - no plugins, no <base> rewriting, no form posts.
// frame-ancestors is ignored in a <meta> CSP (and says so in the console): embedding is allowed.
import type { Plugin } from 'vite';

export const CSP_DIRECTIVES: Record<string, string[]> = {
  'default-src': ["'self'"],
  'script-src': ["'self'", "'wasm-unsafe-eval'"],
  'worker-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
};

export const CONTENT_SECURITY_POLICY = Object.entries(CSP_DIRECTIVES)
  .map(([name, values]) => `${name} ${values.join(' ')}`)
  .join('; ');

/** The <meta> tag (attribute value escaped for HTML). */
export function cspMetaTag(): string {
  return `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}" />`;
}

/** Puts the CSP right after <meta charset> (before any script or style link: a meta CSP covers what follows it). */
export function withCsp(html: string): string {
  if (html.includes('http-equiv="Content-Security-Policy"')) return html;
  const charset = /<meta charset=[^>]*>/i;
  if (charset.test(html)) return html.replace(charset, (m) => `${m}\n    ${cspMetaTag()}`);
  return html.replace(/<head>/i, (m) => `${m}\n    ${cspMetaTag()}`);
}

/** Vite plugin: the built index.html carries the CSP (not the dev server: hot reload needs inline scripts). */
export function cspMeta(): Plugin {
  return {
    name: 'eigenalign-csp-meta',
    apply: 'build',
    transformIndexHtml: { order: 'post', handler: (html) => withCsp(html) },
  };
}
