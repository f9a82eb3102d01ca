import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { expectAccessible, screenshot, signIn, watchOrigin } from './helpers';

const eenheid = (code: string, kamersAantal: unknown) => ({
  idExtern: `itris-${code}`,
  code,
  soort: { code: 'WOO' },
  adres: { soort: { code: 'EEN' }, adres: 'Webstraat 1', postcode: '7311AB', buurt: { code: 'BU90010200' } },
  clusters: [{ code: 'CPX-VERA-WEB', naam: 'Webhof' }],
  kamersAantal,
  oppervlakten: [{ soort: { code: 'GBO' }, waarde: 64 }],
  prijscomponenten: [{ soort: { code: 'NET' }, bedrag: 598.1 }],
  maatschappelijkLabel: { code: 'DAE' },
});
const delivery = (documents: unknown[]) => ({ name: 'eenheden.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(documents)) });

/**
 * An admin takes a delivery of VERA-WRV Eenheden from the ERP: checked first (a document that breaks
 * the specification is named with its place and the rule), fixed, imported; then downloads the stock
 * as VERA documents, the new dwelling among them.
 */
test('an admin checks a VERA delivery, reads the rule a document broke, imports the fixed one and downloads the stock', async ({ page, baseURL }) => {
  const outside = watchOrigin(page, baseURL!);
  await signIn(page, 'Beheerder', 'dev-admin');
  await page.getByRole('link', { name: 'Import' }).click();
  const vera = page.getByRole('region', { name: /VERA-WRV/ });
  await expect(vera).toBeVisible();
  const form = page.getByRole('form', { name: 'Levering importeren' });
  await form.getByLabel('Soort documenten').selectOption('EENHEDEN');
  await form.getByLabel('Afzender (systeem)').fill('itris');
  await form.getByLabel('Bestand (.json)').setInputFiles(delivery([eenheid('VERA-WEB-1', 2), eenheid('VERA-WEB-2', 'twee')]));
  await form.getByRole('button', { name: 'Controleren' }).click();
  const result = page.getByTestId('vera-result');
  await expect(result.getByRole('heading')).toHaveText('Niet geïmporteerd: herstel de documenten hieronder');
  const problem = page.getByTestId('vera-errors').locator('tbody tr');
  await expect(problem).toHaveCount(1);
  await expect(problem.locator('td').first()).toHaveText('2');
  await expect(problem.getByRole('rowheader')).toHaveText('/kamersAantal');
  await expect(problem.locator('td').nth(1)).toHaveText('type at #/components/schemas/Eenheden-Eenheid/properties/kamersAantal/type');
  await expect(form.getByRole('button', { name: 'Importeren' })).toBeDisabled();
  await expectAccessible(page, 'VERA delivery with problems');
  await screenshot(page, 'admin-vera');

  await form.getByLabel('Bestand (.json)').setInputFiles(delivery([eenheid('VERA-WEB-1', 2), eenheid('VERA-WEB-2', 3)]));
  await form.getByRole('button', { name: 'Controleren' }).click();
  await expect(result.getByRole('heading')).toHaveText('Gecontroleerd: alles is in orde (nog niets opgeslagen)');
  await form.getByRole('button', { name: 'Importeren' }).click();
  await expect(result.getByRole('heading')).toHaveText('Geïmporteerd');

  const exportForm = page.getByRole('form', { name: 'Exporteren als VERA-documenten' });
  await exportForm.getByLabel('Soort documenten').selectOption('EENHEDEN');
  const downloaded = page.waitForEvent('download');
  await exportForm.getByRole('button', { name: 'Downloaden' }).click();
  const file = await (await downloaded).path();
  const documents = JSON.parse(readFileSync(file, 'utf8')) as { code: string; kamersAantal: number; clusters: { code: string }[] }[];
  expect(documents.find((d) => d.code === 'VERA-WEB-2')).toMatchObject({ kamersAantal: 3, clusters: [{ code: 'CPX-VERA-WEB' }] });
  await expect(page.getByTestId('vera-exported')).toContainText(`${documents.length.toLocaleString('nl-NL')} documenten gedownload`);
  expect(outside).toEqual([]);
});
