// Lectures and sharing: embeds show exactly the requested panels, pause off-screen and
// resume; figures export as valid SVG/PNG; the run exports as JSON that re-opens to the same numbers
// and as CSV; keyboard shortcuts and slider semantics.
import { readFileSync } from 'node:fs';
import { expect, test, type Frame, type Page } from '@playwright/test';
import { collectErrors, snapshot, waitForState, type Snap } from './helpers';

const visiblePanels = (page: Page) =>
  page.locator('[data-testid^="panel-"]').evaluateAll((nodes) =>
    nodes
      .filter((n) => (n as HTMLElement).offsetParent !== null)
      .sort(
        (a, b) =>
          a.getBoundingClientRect().top - b.getBoundingClientRect().top ||
          a.getBoundingClientRect().left - b.getBoundingClientRect().left,
      )
      .map((n) => n.getAttribute('data-testid')),
  );

test.describe('embed mode', () => {
  test('?embed= shows exactly the requested panels, in order, no chrome, filling the frame', async ({ page }) => {
    const errors = collectErrors(page);
    await page.setViewportSize({ width: 900, height: 520 });
    await page.goto('./?T=3&embed=alignment,spectrum&autoplay=1&hide=scale');
    const done = await waitForState(page, ['done']);
    expect(done.checkpoints.map((c) => c.step)).toEqual([0, 750, 900]);
    expect(await visiblePanels(page)).toEqual(['panel-alignment', 'panel-spectrum']);
    await expect(page.locator('h1')).toHaveCount(0); // no header
    await expect(page.locator('.sidebar')).toHaveCount(0);
    await expect(page.getByTestId('scale')).toBeHidden(); // hide=scale
    await expect(page.getByTestId('matrix')).toBeVisible();
    await expect(page.locator('[data-testid=chart-alignment] path[data-series]')).toHaveCount(10);
    // The panels fill the frame: no scrollbar, charts share the height.
    const fit = await page.evaluate(() => ({ scroll: document.documentElement.scrollHeight, inner: innerHeight }));
    expect(fit.scroll).toBeLessThanOrEqual(fit.inner);
    const chart = (await page.getByTestId('chart-spectrum').boundingBox())!;
    expect(chart.height).toBeGreaterThan(150);
    await page.setViewportSize({ width: 1400, height: 900 });
    await expect
      .poll(async () => (await page.getByTestId('chart-spectrum').boundingBox())!.height)
      .toBeGreaterThan(chart.height + 100);
    expect(errors).toEqual([]);
  });

  test('an unknown panel name gives a notice, never a blank page; a panel missing for the model says so', async ({
    page,
  }) => {
    await page.goto('./?T=2&embed=spectrum,nonsense');
    await expect(page.getByTestId('notices').locator('li[data-key="embed"]')).toContainText('"nonsense"');
    expect(await visiblePanels(page)).toEqual(['panel-spectrum']);
    await page.goto('./?T=2&embed=nonsense');
    await expect(page.getByTestId('notices').locator('li[data-key="embed"]')).toContainText('showing the whole app');
    await expect(page.locator('h1')).toBeVisible();
    await page.goto('./?T=2&embed=neurons');
    await expect(page.getByTestId('embed-missing')).toContainText('not available for model = softmax');
  });

  test('hide= hides chosen controls in the full app too (config keys, presets, sidebar)', async ({ page }) => {
    await page.goto('./?T=2&hide=lambda,presets');
    await expect(page.locator('input[type=range][data-key=lambda]')).toBeHidden();
    await expect(page.locator('input[type=range][data-key=d]')).toBeVisible();
    await expect(page.locator('nav.presets')).toBeHidden();
    await page.goto('./?T=2&hide=sidebar');
    await expect(page.locator('.sidebar')).toBeHidden();
    const panel = (await page.getByTestId('panel-alignment').boundingBox())!;
    expect(panel.x).toBeLessThan(60); // the panels take the sidebar's column
  });

  test('theme=slides draws large type and thick lines; theme=dark a dark page', async ({ page }) => {
    await page.goto('./?T=2&embed=spectrum&autoplay=1&theme=slides');
    await waitForState(page, ['done']);
    const svg = page.locator('[data-testid=chart-spectrum] svg.chart');
    await expect(svg).toHaveCSS('font-size', '20px');
    await expect(page.locator('[data-testid=chart-spectrum] path[data-series=ev0]')).toHaveAttribute(
      'stroke-width',
      /^4\.4/,
    );
    await page.goto('./?T=2&embed=spectrum&theme=dark');
    await expect(page.locator('.embed')).toHaveCSS('background-color', 'rgb(24, 28, 34)');
  });

  test('an embedded figure pauses off-screen and when the tab is hidden, and resumes where it was', async ({
    page,
    baseURL,
  }) => {
    const src = `${baseURL}?preset=minibulk&T=400&embed=alignment&autoplay=1`;
    await page.setContent(
      `<div id="top" style="height:2400px">slides…</div><iframe id="fig" src="${src}" width="640" height="360"></iframe><div style="height:2400px"></div>`,
    );
    const frame = (await (await page.$('#fig'))!.contentFrame()) as Frame;
    const state = () =>
      frame
        .evaluate(() => (globalThis as unknown as { __eigenalign: { get(): Snap } }).__eigenalign.get())
        .then((s) => ({ state: s.state, step: s.step }));
    await frame.waitForFunction(
      () =>
        (globalThis as unknown as { __eigenalign?: { get(): { state: string } } }).__eigenalign?.get().state ===
        'paused',
      null,
      { timeout: 60_000, polling: 250 },
    ); // rAF polling stalls in an off-screen frame
    await page.waitForTimeout(1500);
    expect(await state()).toEqual({ state: 'paused', step: 0 }); // off-screen from the start: autoplay waits
    await page.locator('#fig').scrollIntoViewIfNeeded();
    await expect.poll(async () => (await state()).step, { timeout: 60_000 }).toBeGreaterThan(0);
    expect((await state()).state).toBe('playing');
    await page.evaluate(() => scrollTo(0, 0));
    await expect.poll(async () => (await state()).state).toBe('paused');
    const parked = (await state()).step;
    await page.waitForTimeout(800);
    expect((await state()).step).toBe(parked); // stays where it was
    await page.locator('#fig').scrollIntoViewIfNeeded();
    await expect.poll(async () => (await state()).step).toBeGreaterThan(parked); // resumes from there
    expect(
      (await frame.evaluate(() => (globalThis as unknown as { __eigenalign: { get(): Snap } }).__eigenalign.get()))
        .checkpoints[0].step,
    ).toBe(0); // same run, not restarted
    // Tab hidden → pause; visible → resume.
    const setHidden = (hidden: boolean) =>
      frame.evaluate((h) => {
        Object.defineProperty(document, 'visibilityState', { value: h ? 'hidden' : 'visible', configurable: true });
        document.dispatchEvent(new Event('visibilitychange'));
      }, hidden);
    await setHidden(true);
    await expect.poll(async () => (await state()).state).toBe('paused');
    const hiddenAt = (await state()).step;
    await page.waitForTimeout(500);
    expect((await state()).step).toBe(hiddenAt);
    await setHidden(false);
    await expect.poll(async () => (await state()).step).toBeGreaterThan(hiddenAt);
    // The reader's own pause is never overridden by coming back on screen.
    await frame.getByTestId('play').click();
    await expect.poll(async () => (await state()).state).toBe('paused');
    await page.evaluate(() => scrollTo(0, 0));
    await page.locator('#fig').scrollIntoViewIfNeeded();
    await page.waitForTimeout(800);
    expect((await state()).state).toBe('paused');
  });
});

test.describe('export', () => {
  test('panels export as valid SVG (axes, legend, the scatter) and PNG at 2×; the run as CSV', async ({ page }) => {
    const errors = collectErrors(page);
    await page.goto('./?T=3');
    const done = await waitForState(page, ['done']);
    await page.waitForTimeout(600); // last draws
    const grab = async (testId: string) => {
      await page.getByTestId('export-menu').click();
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
      await page.getByTestId('export-menu').click(); // close
      return { name: download.suggestedFilename(), bytes: readFileSync((await download.path())!) };
    };
    // What the live chart shows (axis titles, ticks, legend), to find again in the file.
    const liveTexts = await page
      .locator('[data-testid=chart-spectrum] svg.chart text')
      .evaluateAll((nodes) => nodes.filter((n) => (n as SVGTextElement).getBBox().width > 0).map((n) => n.textContent));
    const svg = await grab('export-svg-spectrum');
    expect(svg.name).toBe('eigenalign-run-seed1-spectrum.svg');
    const checked = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      return {
        error: doc.querySelector('parsererror')?.textContent ?? null,
        root: doc.documentElement.nodeName,
        ns: doc.documentElement.namespaceURI,
        width: Number(doc.documentElement.getAttribute('width')),
        texts: [...doc.querySelectorAll('text')].map((t) => t.textContent),
        legend: [...doc.querySelectorAll('g.legend text')].map((t) => t.textContent),
        series: doc.querySelectorAll('path[data-series]').length,
        styled: doc.querySelector('path[data-series=ev0]')?.getAttribute('style') ?? '',
        desc: doc.querySelector('desc')?.textContent ?? '',
      };
    }, svg.bytes.toString('utf8'));
    expect(checked.error).toBeNull();
    expect(checked.root).toBe('svg');
    expect(checked.ns).toBe('http://www.w3.org/2000/svg');
    expect(checked.texts).toContain('training time t = step·δ'); // x axis
    expect(checked.texts.some((t) => /^eigenvalues θ of H/.test(t ?? ''))).toBe(true); // y axis
    expect(checked.legend).toContain('outlier'); // legend
    expect(liveTexts.length).toBeGreaterThan(10);
    for (const text of liveTexts) expect(checked.texts).toContain(text); // every label of the chart on screen
    expect(checked.series).toBeGreaterThanOrEqual(5);
    expect(checked.styled).toMatch(/stroke-width:\s*2px/); // computed styles inlined
    expect(checked.desc).toMatch(/^Spectrum of H, block class:0, at t = 3\.00/);

    const projection = await grab('export-svg-projection');
    const text = projection.bytes.toString('utf8');
    expect(text).toMatch(/<image [^>]*href="data:image\/png;base64,/); // the canvas scatter comes along
    expect(text).toContain('class 3'); // legend

    const png = await grab('export-png-alignment');
    expect(png.bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    const box = (await page.getByTestId('chart-alignment').boundingBox())!;
    expect(png.bytes.readUInt32BE(16)).toBe(2 * Math.ceil(box.width)); // IHDR width: 2× pixel ratio

    const csv = (await grab('export-csv')).bytes.toString('utf8').trimEnd().split('\n');
    expect(csv[0]).toBe(
      'step,time,loss,accuracy,matrix,block,eigenvalue_1,eigenvalue_2,eigenvalue_3,eigenvalue_4,residual_max,alignment,outliers,bulkEdge,alignment_dim,alignment_note,outliers_at_least',
    );
    expect(csv.length).toBe(1 + done.checkpoints.length * 10);
    const last = done.checkpoints[done.checkpoints.length - 1];
    const row = csv[csv.length - 1].split(',');
    const s = last.spectra[last.spectra.length - 1];
    expect([Number(row[0]), row[4], row[5], row[11]]).toEqual([
      last.step,
      s.matrix,
      s.block,
      String(s.alignment ?? ''),
    ]);
    expect(errors).toEqual([]);
  });

  test('the run JSON re-opens ("Open run…") to the same numbers without re-computing; a bad file gets a clear message', async ({
    page,
  }, info) => {
    const errors = collectErrors(page);
    await page.goto('./?T=3&seed=4');
    const done = await waitForState(page, ['done']);
    await page.waitForTimeout(600);
    const summaryBefore = await page.locator('[data-testid=panel-alignment] .panel-summary').textContent();
    await page.getByTestId('export-menu').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export').click()]);
    await page.getByTestId('export-menu').click();
    const path = info.outputPath('saved.run.json');
    await download.saveAs(path);
    const file = JSON.parse(readFileSync(path, 'utf8'));
    expect(file.schema).toBe('eigenalign.run/1');
    expect(file.checkpoints).toEqual(done.checkpoints);
    expect(file.data.test.inputs.length).toBe(600);

    // Move the live app elsewhere, then open the file.
    await page.goto('./?preset=low-snr&T=2');
    const other = await waitForState(page, ['done']);
    await page.getByTestId('open-run-input').setInputFiles(path);
    await expect(page.getByTestId('saved-run')).toContainText('saved.run.json');
    const shown = await page.evaluate(() =>
      JSON.parse(JSON.stringify((globalThis as unknown as { __eigenalignShown: Snap }).__eigenalignShown)),
    );
    expect(shown.checkpoints).toEqual(done.checkpoints);
    expect(shown.config.seed).toBe(4);
    await expect(page.locator('[data-testid=panel-alignment] .panel-summary')).toHaveText(summaryBefore!);
    await expect(page.locator('[data-testid=chart-alignment] path[data-series]')).toHaveCount(10);
    await expect(page.locator('[data-testid=chart-projection] line.weight')).toHaveCount(4); // from the file's data
    // Nothing re-computed: the Worker's run is the one from before, untouched.
    const live = await snapshot(page);
    expect(live.runId).toBe(other.runId);
    expect(live.checkpoints.length).toBe(other.checkpoints.length);
    expect(new URL(page.url()).searchParams.get('seed')).toBe('4');

    // A bad file: one clear message, the saved run still shown, the app still works.
    await page.getByTestId('open-run-input').setInputFiles({
      name: 'broken.run.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ ...file, checkpoints: [{ step: 'x' }] })),
    });
    await expect(page.getByTestId('open-error')).toContainText(
      'broken.run.json: checkpoints[0].step must be a finite number',
    );
    await page
      .getByTestId('open-run-input')
      .setInputFiles({ name: 'notjson.json', mimeType: 'application/json', buffer: Buffer.from('{oops') });
    await expect(page.getByTestId('open-error')).toContainText('notjson.json: not JSON');
    await expect(page.getByTestId('saved-run')).toBeVisible();
    await page.getByTestId('close-saved').click();
    await expect(page.getByTestId('saved-run')).toHaveCount(0);
    const again = await waitForState(page, ['done']);
    expect(again.runId).toBeGreaterThan(other.runId);
    expect(again.checkpoints).toEqual(done.checkpoints); // the live run of the file's config: same numbers
    expect(errors).toEqual([]);
  });

  test('"Copy embed code" gives an iframe snippet of the current state', async ({ page, context, baseURL }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto('./?preset=minibulk&lambda=100');
    await page.getByTestId('embed-menu').click();
    await page.locator('.embed-code input[data-panel=alignment]').check();
    const snippet = await page.getByTestId('embed-snippet').inputValue();
    expect(snippet).toMatch(
      /^<iframe src="[^"]+" title="eigenalign: spectrum, alignment" width="960" height="540" style="border:0;max-width:100%" loading="lazy"><\/iframe>$/,
    );
    const src = snippet.match(/src="([^"]+)"/)![1].replace(/&amp;/g, '&');
    const url = new URL(src);
    expect(`${url.origin}/`).toBe(baseURL);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      preset: 'minibulk',
      lambda: '100',
      embed: 'spectrum,alignment',
      autoplay: '1',
      theme: 'slides',
    });
    await page.getByTestId('copy-embed').click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(snippet);
  });
});

test.describe('keyboard and assistive tech', () => {
  test('space play/pause, → step, r reset, ? shortcuts; not while typing', async ({ page }) => {
    const errors = collectErrors(page);
    await page.goto('./?T=25&autoplay=0&preset=minibulk');
    const first = await waitForState(page, ['paused']);
    expect(first.checkpoints.map((c) => c.step)).toEqual([0]);
    await page.locator('h1').click(); // focus on the page, not a control
    await page.keyboard.press('ArrowRight');
    await expect.poll(async () => (await snapshot(page)).checkpoints.length).toBe(2);
    expect((await waitForState(page, ['paused'])).step).toBe(400);
    await page.keyboard.press(' ');
    await expect.poll(async () => (await snapshot(page)).state).toBe('playing');
    await page.keyboard.press(' ');
    await expect.poll(async () => (await snapshot(page)).state).toBe('paused');
    const paused = await snapshot(page);
    expect(paused.step).toBeGreaterThan(400);
    await page.keyboard.press('r');
    await expect.poll(async () => (await snapshot(page)).runId).toBeGreaterThan(paused.runId);
    const reset = await waitForState(page, ['paused']);
    expect(reset.step).toBe(0);
    // Typing in a number box never fires a shortcut.
    const box = page.locator('[data-key-text=seed]');
    await box.click();
    await box.press('r');
    await box.press(' ');
    await box.press('?');
    await page.waitForTimeout(300);
    expect((await snapshot(page)).runId).toBe(reset.runId);
    expect((await snapshot(page)).state).toBe('paused');
    await expect(page.getByTestId('shortcuts')).toBeHidden();
    await box.press('Escape');
    await page.locator('h1').click();
    await page.keyboard.press('?');
    const dialog = page.getByTestId('shortcuts');
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('play / pause');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    expect(errors).toEqual([]);
  });

  test('every slider has a visible label, its value, ARIA and keys; focus is visible; panels carry text summaries', async ({
    page,
  }) => {
    await page.goto('./?T=2');
    await waitForState(page, ['done']);
    const sliders = page.locator('input[type=range]');
    const n = await sliders.count();
    expect(n).toBeGreaterThanOrEqual(10);
    for (let i = 0; i < n; i++) {
      const info = await sliders.nth(i).evaluate((el: HTMLInputElement) => {
        const label = el.labels?.[0];
        const row = el.closest('.param, label')!;
        return {
          label: label?.textContent?.trim() ?? '',
          labelVisible: !!label && label.getBoundingClientRect().width > 0,
          valuetext: el.getAttribute('aria-valuetext') ?? '',
          shownValue:
            (row.querySelector('.param-value') as HTMLInputElement | null)?.value ??
            row.querySelector('output')?.textContent ??
            '',
        };
      });
      expect(info.label, `slider ${i}`).not.toBe('');
      expect(info.labelVisible).toBe(true);
      expect(info.valuetext).not.toBe('');
      expect(info.shownValue).not.toBe('');
      await expect(sliders.nth(i)).toHaveRole('slider');
    }
    await expect(page.locator('.param:has([data-key=every]) .param-unit')).toHaveText('steps');
    await expect(page.locator('.speed')).toContainText('100 %');
    // Keys: Home/End take λ to the ends of the slider's range (0.1 … 10⁴, log), PageDown moves it by a large step.
    const lambda = page.locator('input[type=range][data-key=lambda]');
    await lambda.focus();
    await lambda.press('Home');
    await expect(page).toHaveURL(/lambda=0\.1(&|$)/);
    await expect(page.locator('[data-key-text=lambda]')).toHaveValue('0.1');
    await expect(lambda).toHaveAttribute('aria-valuetext', 'λ = 0.1');
    await lambda.press('End');
    await expect(page.locator('[data-key-text=lambda]')).toHaveValue('10000');
    await lambda.press('PageDown');
    const paged = Number(await page.locator('[data-key-text=lambda]').inputValue());
    expect(paged).toBeLessThan(10000);
    expect(paged).toBeGreaterThan(100);
    // Focus is visible (keyboard focus draws an outline).
    await page.keyboard.press('Tab');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none');
    // Text summaries for screen readers and slide notes.
    for (const panel of ['spectrum', 'alignment', 'projection'])
      await expect(page.locator(`[data-testid=panel-${panel}] .panel-summary`)).toContainText('t = ');
  });
});
