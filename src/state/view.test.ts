import { describe, expect, it } from 'vitest';
import { defaultConfig } from './schema';
import { decodeState, encodeState } from './url';
import { embedPanels, hiddenControls, shouldAutoplay, viewFromEntries } from './view';

describe('view keys for embeds (embed, hide, autoplay, theme)', () => {
  it('reads a comma list of panels in the order given, and round-trips it readably', () => {
    const s = decodeState('?preset=alignment&embed=alignment,spectrum&hide=transport,lambda&autoplay=1&theme=slides');
    expect(s.notices).toEqual([]);
    expect(embedPanels(s.view)).toEqual(['alignment', 'spectrum']);
    expect(hiddenControls(s.view)).toEqual(['transport', 'lambda']);
    expect(s.view.theme).toBe('slides');
    expect(shouldAutoplay(s.view)).toBe(true);
    expect(encodeState(s)).toBe(
      '?preset=alignment&embed=alignment,spectrum&hide=transport,lambda&autoplay=1&theme=slides',
    );
    expect(decodeState(encodeState(s)).view).toEqual(s.view);
  });

  it('drops unknown panel names with a notice and keeps the known ones', () => {
    const s = decodeState('?embed=spectrum,<b>bogus</b>,neurons');
    expect(embedPanels(s.view)).toEqual(['spectrum', 'neurons']);
    expect(s.notices).toHaveLength(1);
    expect(s.notices[0].key).toBe('embed');
    expect(s.notices[0].message).toContain('"<b>bogus</b>"');
    expect(s.notices[0].message).toContain('using spectrum,neurons');
  });

  it('an embed list with no known panel falls back to the whole app, never a blank page', () => {
    const s = decodeState('?embed=spectrun');
    expect(embedPanels(s.view)).toEqual([]);
    expect(s.notices.map((n) => n.message)).toEqual([expect.stringContaining('showing the whole app')]);
  });

  it('dedupes, trims and ignores empty items; an empty list is not an embed', () => {
    const { view, notices } = viewFromEntries([['embed', ' spectrum , ,spectrum,projection ']], defaultConfig());
    expect(notices).toEqual([]);
    expect(view.embed).toBe('spectrum,projection');
    expect(embedPanels(viewFromEntries([['embed', '']], defaultConfig()).view)).toEqual([]);
  });

  it('repairs a bad theme and autoplay with notices', () => {
    const s = decodeState('?theme=neon&autoplay=yes');
    expect(s.view.theme).toBe('light');
    expect(s.view.autoplay).toBe('auto');
    expect(s.notices.map((n) => n.key).sort()).toEqual(['autoplay', 'theme']);
  });

  it('autoplay auto: the full app plays at once, an embed waits; 0 never, 1 always', () => {
    expect(shouldAutoplay({ autoplay: 'auto', embed: '' })).toBe(true);
    expect(shouldAutoplay({ autoplay: 'auto', embed: 'spectrum' })).toBe(false);
    expect(shouldAutoplay({ autoplay: '1', embed: 'spectrum' })).toBe(true);
    expect(shouldAutoplay({ autoplay: '0', embed: '' })).toBe(false);
  });

  it('hide accepts config keys and rejects the rest', () => {
    const s = decodeState('?hide=d,seed,__proto__');
    expect(hiddenControls(s.view)).toEqual(['d', 'seed']);
    expect(s.notices[0].message).toContain('"__proto__"');
  });
});
