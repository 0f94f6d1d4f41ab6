// Where H and G are measured (measureOn) and G with ridge (gRidge): a URL key and a sidebar control like
// every config key, and every place that shows H or G says which (panel texts, legend, axis, SVG <desc>).
import { expect, test, type Download } from '@playwright/test';
import { collectErrors, waitForState } from './helpers';

async function textOf(download: Download): Promise<string> {
  const stream = await download.createReadStream();
  let out = '';
  for await (const chunk of stream) out += chunk;
  return out;
}

test('?measureOn=recent&gRidge=1: the controls show it, the panels and the exported SVG say it; back to test from the sidebar', async ({
  page,
}) => {
  const errors = collectErrors(page);
  await page.goto('./?T=1&measureOn=recent&gRidge=1&matrix=G');
  const done = await waitForState(page, ['done']);
  expect(done.error).toBeUndefined();
  await expect(page.locator('select[data-key=measureOn]')).toHaveValue('recent');
  await expect(page.locator('input[data-key=gRidge]')).toBeChecked();

  const spectrum = page.getByTestId('panel-spectrum');
  await expect(spectrum.locator('.panel-sub')).toContainText('G (with ridge)');
  await expect(spectrum.locator('.panel-sub')).toContainText('last 600 training samples SGD drew');
  await expect(page.getByTestId('matrix')).toContainText('G (with ridge)');
  await expect(page.getByTestId('chart-spectrum')).toContainText('eigenvalues θ of G (with ridge)');
  await expect(page.getByTestId('summary-spectrum')).toContainText('last 600 training samples');
  await expect(page.locator('[data-testid=chart-alignment] .legend')).toContainText('G (with ridge) (dashed)');
  await expect(page.getByTestId('summary-alignment')).toContainText('last 600 training samples');

  await page.getByTestId('export-menu').click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-svg-spectrum').click(),
  ]);
  const svg = await textOf(download);
  expect(svg).toMatch(/<desc>[^<]*H and G \(with ridge\) are built on the last 600 training samples SGD drew/);
  await page.keyboard.press('Escape');

  // the sidebar control takes it back to the test set: the URL and the texts follow
  await page.locator('select[data-key=measureOn]').selectOption('test');
  await expect(page).not.toHaveURL(/measureOn=/);
  await expect(page).toHaveURL(/gRidge=true/);
  await waitForState(page, ['done']);
  await expect(spectrum.locator('.panel-sub')).not.toContainText('training samples');
  await expect(spectrum.locator('.panel-sub')).toContainText('G (with ridge)');
  await page.locator('input[data-key=gRidge]').uncheck();
  await expect(page).not.toHaveURL(/gRidge=/);
  await waitForState(page, ['done']);
  await expect(spectrum.locator('.panel-sub')).toContainText('built without the ridge term');
  await expect(page.getByTestId('summary-spectrum')).not.toContainText('ridge');
  expect(errors).toEqual([]);
});

test('a bad value is repaired with a notice and the app keeps working', async ({ page }) => {
  await page.goto('./?T=0.5&measureOn=latest');
  const done = await waitForState(page, ['done']);
  expect(done.error).toBeUndefined();
  await expect(page.locator('select[data-key=measureOn]')).toHaveValue('test');
  await expect(page.locator('body')).toContainText('measureOn must be one of test|recent, got "latest"; using test');
});
