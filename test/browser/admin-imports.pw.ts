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
  await page.getByLabel('Soort gegevens').selectOption('COMPLEXES');
  const csv = (rows: string[]) => ({ name: 'complexen.csv', mimeType: 'text/csv', buffer: Buffer.from(['code,name,buurtCode', ...rows].join('\n')) });
  await page.getByLabel('Bestand (.csv of .json)').setInputFiles(csv(['CPX-WEB,Webhof,BU90010200', 'CPX-BAD,Nergenshof,BU00000000']));
  await expect(page.getByRole('button', { name: 'Importeren' })).toBeDisabled();
  await page.getByRole('button', { name: 'Controleren' }).click();
  const result = page.getByTestId('import-result');
  await expect(result.getByRole('heading')).toHaveText('Niet geïmporteerd: herstel de rijen hieronder');
  const problem = page.getByTestId('import-errors').locator('tbody tr');
  await expect(problem).toHaveCount(1);
  await expect(problem.locator('td').nth(1)).toHaveText('3');
  await expect(problem.getByRole('rowheader')).toHaveText('buurtCode');
  await expect(page.getByRole('button', { name: 'Importeren' })).toBeDisabled();
  await expectAccessible(page, 'imports with problems');
  await screenshot(page, 'admin-import');

  await page.getByLabel('Bestand (.csv of .json)').setInputFiles(csv(['CPX-WEB,Webhof,BU90010200']));
  await page.getByRole('button', { name: 'Controleren' }).click();
  await expect(result.getByRole('heading')).toHaveText('Gecontroleerd: alles is in orde (nog niets opgeslagen)');
  await page.getByRole('button', { name: 'Importeren' }).click();
  await expect(result.getByRole('heading')).toHaveText('Geïmporteerd');
  await expect(result).toContainText('complexes: 1 rijen');
  // imported once: the same file again is refused by its code, nothing written twice
  await page.getByRole('button', { name: 'Controleren' }).click();
  await expect(result.getByRole('heading')).toHaveText('Niet geïmporteerd: herstel de rijen hieronder');
  await expect(page.getByTestId('import-errors')).toContainText('code');
  expect(outside).toEqual([]);
});
