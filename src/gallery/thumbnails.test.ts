// Every preset has its gallery thumbnail, small enough to commit (regenerate: npm run gallery:thumbs).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PRESET_NAMES } from '../state/presets';

describe('gallery thumbnails', () => {
  it.each(PRESET_NAMES)('%s: public/gallery/<preset>.png, a 480×300 PNG under 60 KB', (name) => {
    const path = `public/gallery/${name}.png`;
    expect(existsSync(path), `${path} is missing: run npm run gallery:thumbs ${name}`).toBe(true);
    const bytes = readFileSync(path);
    expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([480, 300]);
    expect(statSync(path).size).toBeLessThan(60_000);
  });
});
