import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, withCsp } from './csp';

describe('Content Security Policy', () => {
  it('allows only the app’s own scripts plus wasm compilation; no inline or eval scripts, no plugins, no <base>', () => {
    const directives = new Map(
      CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]),
    );
    expect(directives.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/'unsafe-eval'|\*|https?:/);
    expect(directives.has('frame-ancestors')).toBe(false); // ignored (with a console error) in a <meta> CSP
  });
  it('goes right after <meta charset>, before any script, once', () => {
    const html = '<html><head>\n<meta charset="UTF-8" />\n<script type="module" src="./a.js"></script></head></html>';
    const out = withCsp(html);
    const csp = out.indexOf('Content-Security-Policy');
    expect(csp).toBeGreaterThan(out.indexOf('charset'));
    expect(csp).toBeLessThan(out.indexOf('<script'));
    expect(out).toContain(`content="${CONTENT_SECURITY_POLICY}"`);
    expect(withCsp(out)).toBe(out);
  });
});
