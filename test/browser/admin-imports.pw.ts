import { expect, test } from '@playwright/test';
import { expectAccessible, screenshot, signIn, watchOrigin } from './helpers';

/**
 * An admin imports complexes from a CSV file: checked first (nothing stored), every bad row named by
 * line and field; then, with the file fixed, checked again and imported, all or nothing.
 */
test('an admin checks a CSV of complexes, reads which row is wrong and why, fixes it and imports it', async ({ page, baseURL }) => {
  const outside = watchOrigin(page, baseURL!);
  await signIn(page, 'Beheerder', 'dev-admin');
  await page.getByRole('link', { name: 'Import' }).click();
  await expect(page.getByRole('heading', { name: 'Gegevens importeren' })).toBeVisible();
  // the file import's own form (the VERA exchange below it has buttons of the same names)
  const form = page.getByRole('form', { name: 'Bestand kiezen' });
  await page.getByLabel('Soort gegevens').selectOption('COMPLEXES');
  const csv = (rows: string[]) => ({ name: 'complexen.csv', mimeType: 'text/csv', buffer: Buffer.from(['code,name,buurtCode', ...rows].join('\n')) });
  await page.getByLabel('Bestand (.csv of .json)').setInputFiles(csv(['CPX-WEB,Webhof,BU90010200', 'CPX-BAD,Nergenshof,BU00000000']));
  await expect(form.getByRole('button', { name: 'Importeren' })).toBeDisabled();
  await form.getByRole('button', { name: 'Controleren' }).click();
  const result = page.getByTestId('import-result');
  await expect(result.getByRole('heading')).toHaveText('Niet geïmporteerd: herstel de rijen hieronder');
  const problem = page.getByTestId('import-errors').locator('tbody tr');
  await expect(problem).toHaveCount(1);
  await expect(problem.locator('td').nth(1)).toHaveText('3');
  await expect(problem.getByRole('rowheader')).toHaveText('buurtCode');
  await expect(form.getByRole('button', { name: 'Importeren' })).toBeDisabled();
  await expectAccessible(page, 'imports with problems');
  await screenshot(page, 'admin-import');

  const file = page.getByLabel('Bestand (.csv of .json)');
  const importButton = form.getByRole('button', { name: 'Importeren' });
  const good = csv(['CPX-WEB,Webhof,BU90010200']);
  const bad = csv(['CPX-WEB,Webhof,BU90010200', 'CPX-BAD,Nergenshof,BU00000000']);
  // what was checked is the text, not the file name: the file replaced while its check is on its way
  // (same name, a bad row added) is not the file the answer is about, so Import waits for a new check
  await file.setInputFiles(good);
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/graphql', async (route) => {
    const response = await route.fetch();
    await held;
    await route.fulfill({ response });
  });
  const answered = page.waitForResponse('**/graphql');
  await form.getByRole('button', { name: 'Controleren' }).click();
  await expect(page.getByRole('status')).toHaveText(/^Bezig/);
  await file.setInputFiles(bad);
  release();
  await (await answered).finished();
  await page.unroute('**/graphql');
  // the page has had the (stale) answer: give it a moment to act on it, then Import must still be off
  await page.waitForTimeout(300);
  await expect(importButton).toBeDisabled();
  // checked and fine, then the text changes under the same name: checked again before Import
  await file.setInputFiles(good);
  await form.getByRole('button', { name: 'Controleren' }).click();
  await expect(result.getByRole('heading')).toHaveText('Gecontroleerd: alles is in orde (nog niets opgeslagen)');
  await expect(importButton).toBeEnabled();
  await file.setInputFiles(bad);
  await expect(importButton).toBeDisabled();
  await file.setInputFiles(good);
  await expect(importButton).toBeDisabled();
  await form.getByRole('button', { name: 'Controleren' }).click();
  await expect(result.getByRole('heading')).toHaveText('Gecontroleerd: alles is in orde (nog niets opgeslagen)');
  await importButton.click();
  await expect(result.getByRole('heading')).toHaveText('Geïmporteerd');
  await expect(result).toContainText('complexes: 1 rijen');
  // imported once: the same file again is refused by its code, nothing written twice
  await form.getByRole('button', { name: 'Controleren' }).click();
  await expect(result.getByRole('heading')).toHaveText('Niet geïmporteerd: herstel de rijen hieronder');
  await expect(page.getByTestId('import-errors')).toContainText('code');
  expect(outside).toEqual([]);
});
