import { describe, expect, it } from 'vitest';
import { legalComments, licencesMarkdown } from './licenseFile';

describe('licence file', () => {
  it('finds @license, @preserve and /*! comments, without their comment marks, and nothing else', () => {
    const code = [
      '/**',
      ' * @license',
      ' * Copyright 2020 Google LLC.',
      ' * Licensed under the Apache License, Version 2.0',
      ' */',
      'import x from "y";',
      '/** an ordinary doc comment */',
      '/*! keep me */',
      '/* @preserve also me */',
      '// @license line comments are not banners here',
    ].join('\n');
    expect(legalComments(code)).toEqual([
      '@license\nCopyright 2020 Google LLC.\nLicensed under the Apache License, Version 2.0',
      'keep me',
      '@preserve also me',
    ]);
  });

  it('lists packages by name with version, identifier and every text', () => {
    const md = licencesMarkdown([
      { name: 'zeta', version: '1.0.0', identifier: 'MIT', texts: ['MIT text'] },
      { name: 'alpha', version: '2.1.0', texts: ['b banner', 'a banner'] },
    ]);
    expect(md.indexOf('## alpha 2.1.0\n')).toBeGreaterThan(0);
    expect(md.indexOf('## alpha 2.1.0')).toBeLessThan(md.indexOf('## zeta 1.0.0 (MIT)'));
    expect(md.indexOf('a banner')).toBeLessThan(md.indexOf('b banner'));
    expect(md).toContain('MIT text');
  });
});
