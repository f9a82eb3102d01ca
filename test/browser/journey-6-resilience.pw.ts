import { expect, test, type Download, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { expectAccessible, screenshot, signIn, watchOrigin } from './helpers';

/**
 * The resilience lens (issue 16) in the workplace: a manager opens the buurt on top of the priorities
 * (Rozenwijk, where Rozenhof is) and reads its dossier for the deep-dive session, prints it on A4 and
 * takes it as CSV for a Dutch spreadsheet; reads whether "Plan Rozenhof" helped against comparable
 * complexes; a partner (wijkteam) reads only the buurt granted to it.
 */

const BUURT = 'BU90010200';
const HIDDEN = 'minder dan 5: niet getoond';

/** The development sign-in as the demo's partner (helpers.signIn names the staff roles). */
async function signInAsPartner(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Aanmelden bij Woonmix' })).toBeVisible();
  await page.locator('label', { hasText: /^Partner/ }).click();
  await expect(page.getByRole('radio', { name: /^Partner/ })).toBeChecked();
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  await expect(page.getByTestId('signed-in-as')).toContainText('dev-partner');
}

/** The downloaded file's bytes. */
async function bytesOf(download: Download): Promise<Buffer> {
  return readFileSync(await download.path());
}

/** Pages of a PDF: its page objects (`/Type /Page`, not the `/Type /Pages` tree). */
function pageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
}

/** The PDF's title (the page's title when printed), which Chromium writes as UTF-16 in hex or as a plain string. */
function pdfTitle(pdf: Buffer): string {
  const text = pdf.toString('latin1');
  const hex = /\/Title\s*<FEFF([0-9A-Fa-f]*)>/.exec(text)?.[1];
  if (hex) return Buffer.from(hex, 'hex').swap16().toString('utf16le');
  return /\/Title\s*\(([^)]*)\)/.exec(text)?.[1] ?? '';
}

test('a manager opens Rozenwijk from the priorities, reads its dossier, prints it on A4 and downloads it as CSV', async ({ page, baseURL }) => {
  const outside = watchOrigin(page, baseURL!);
  await signIn(page, 'Manager', 'dev-manager');
  await page.getByRole('link', { name: 'Prioriteiten' }).click();
  await page.getByRole('link', { name: `Dossier van Rozenwijk (${BUURT})` }).click();
  await expect(page).toHaveURL(new RegExp(`/buurten/${BUURT}/dossier$`));
  const dossier = page.getByTestId('dossier');
  await expect(page.getByRole('heading', { level: 1, name: 'Buurtdossier Rozenwijk' })).toBeVisible();
  await expect(page.getByTestId('dossier-facts')).toContainText('Demostad');
  await expect(page.getByTestId('dossier-rank')).toHaveText(/^1 \(score [\d,]+\)$/);

  // the readings over the years: a chart and the table
  await expect(page.getByTestId('readings-charts').getByRole('img').first()).toBeVisible();
  await expect(page.getByTestId('dossier-readings').locator('tbody tr').first()).toContainText('2019');

  // Rozenhof against its targets, with its inflow and tenancies ended; a small cell is a dash that says why
  const rozenhof = page.getByTestId('dossier-complex-CPX-CASE');
  await expect(rozenhof.getByRole('heading', { name: 'Rozenhof (CPX-CASE)' })).toBeVisible();
  // staff see the complex as it stands today, the date of the dossier itself
  const today = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'medium', timeZone: 'Europe/Amsterdam' }).format(new Date());
  await expect(rozenhof.getByTestId('complex-figures-as-of')).toHaveText(today);
  await expect(rozenhof.getByTestId('complex-targets').locator('tbody tr')).not.toHaveCount(0);
  await expect(rozenhof.getByTestId('complex-inflow')).toContainText('Totaal');
  const hidden = dossier.locator('.withheld').first();
  await expect(hidden).toHaveAttribute('title', HIDDEN);
  await expect(hidden.locator('[aria-hidden="true"]')).toHaveText('–');
  await expect(dossier.getByRole('cell', { name: HIDDEN }).first()).toBeVisible();

  // outcomes per year, one chart per indicator; the programme running in the buurt, with its evaluation for staff
  await expect(page.getByTestId('dossier-indicator-NUISANCE_REPORTS').getByRole('img')).toBeVisible();
  const programme = page.getByTestId('dossier-programme').filter({ hasText: 'Plan Rozenhof' });
  await expect(programme).toBeVisible();
  await expect(programme.getByRole('link', { name: 'Evaluatie van Plan Rozenhof' })).toBeVisible();
  await expect(page.getByTestId('dossier-notes')).toContainText('minder dan 5 huishoudens');
  await expectAccessible(page, 'dossier');
  await screenshot(page, 'manager-dossier');

  // CSV for a Dutch spreadsheet: byte order mark, semicolons, decimal commas; and the other notation
  const [dutch] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'CSV (Nederlandse spreadsheet)' }).click()]);
  expect(dutch.suggestedFilename()).toBe(`buurtdossier-${BUURT}.csv`);
  const dutchBytes = await bytesOf(dutch);
  expect([...dutchBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const dutchText = dutchBytes.subarray(3).toString('utf8');
  expect(dutchText.split(/\r?\n/)[0].split(';').length).toBeGreaterThan(3);
  expect(dutchText).toMatch(/;-?\d+,\d+(;|\r?$)/m);
  expect(dutchText).toContain('CPX-CASE');
  const [point] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'CSV (punt als decimaalteken)' }).click()]);
  const pointBytes = await bytesOf(point);
  expect([...pointBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const pointText = pointBytes.subarray(3).toString('utf8');
  expect(pointText.split(/\r?\n/)[0]).not.toContain(';');
  expect(pointText).toMatch(/,-?\d+\.\d+(,|\r?$)/m);

  // on paper: no navigation or buttons, the dossier itself, A4 pages
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Afdrukken' })).toBeHidden();
  await expect(page.getByRole('heading', { level: 1, name: 'Buurtdossier Rozenwijk' })).toBeVisible();
  await expect(rozenhof.getByTestId('complex-targets')).toBeVisible();
  const pdf = await page.pdf({ format: 'A4' });
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(pdfTitle(pdf)).toContain('Buurtdossier Rozenwijk');
  const pages = pageCount(pdf);
  test.info().annotations.push({ type: 'dossier PDF pages', description: String(pages) });
  expect(pages).toBeGreaterThanOrEqual(1);
  expect(pages).toBeLessThanOrEqual(8);
  await page.emulateMedia({ media: 'screen' });
  await expect(page.getByRole('navigation')).toBeVisible();
  expect(outside).toEqual([]);
});

test('a manager reads whether Plan Rozenhof helped: nuisance reports improved against comparable complexes, with the band', async ({ page, baseURL }) => {
  const outside = watchOrigin(page, baseURL!);
  await signIn(page, 'Manager', 'dev-manager');
  await page.getByRole('link', { name: "Programma's" }).click();
  await expect(page.getByRole('heading', { level: 1, name: "Programma's" })).toBeVisible();
  await page.getByTestId('programmes').getByRole('link', { name: 'Plan Rozenhof' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Plan Rozenhof' })).toBeVisible();
  const id = /\/programmes\/(\d+)/.exec(page.url())![1];

  const evaluation = page.getByTestId('evaluation');
  await expect(evaluation.getByTestId('evaluation-chart').getByRole('img', { name: /verschil in verschillen per uitkomst/ })).toBeVisible();
  const nuisance = evaluation.getByTestId('evaluation-NUISANCE_REPORTS');
  await expect(nuisance).toHaveAttribute('data-verdict', 'IMPROVED');
  await expect(nuisance.getByTestId('verdict')).toHaveText('verbeterd');
  await expect(nuisance.getByTestId('did')).toHaveText(/^Verschil in verschillen: -[\d,]+ per 100 \(95%-band -[\d,]+ tot -[\d,]+\)$/);
  await expect(nuisance.getByTestId('verdict-text')).not.toBeEmpty();
  const rates = nuisance.getByTestId('evaluation-rates').locator('tbody tr');
  await expect(rates).toHaveCount(2);
  await expect(rates.first()).toContainText('Programma');
  await expect(nuisance.getByRole('img')).toBeVisible();
  await expect(nuisance.getByTestId('evaluation-goals')).toContainText('hoogstens');
  await expect(evaluation.getByTestId('evaluation-composition').locator('tbody tr')).not.toHaveCount(0);
  await expect(evaluation.getByTestId('evaluation-deviations')).toContainText('Toewijzingen');
  await expectAccessible(page, 'programme evaluation');
  await screenshot(page, 'manager-programme');

  // another window: two years before and after the start (2023-01-01)
  await page.getByLabel('Jaren voor en na de start').selectOption('2');
  await expect(page).toHaveURL(/jaren=2/);
  await expect(evaluation.getByTestId('evaluation-periods')).toContainText('Voor: 1 jan 2021');

  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'CSV (Nederlandse spreadsheet)' }).click()]);
  expect(csv.suggestedFilename()).toBe(`programma-${id}-evaluatie-2-jaar.csv`);
  const bytes = await bytesOf(csv);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(bytes.subarray(3).toString('utf8').split(/\r?\n/)[0]).toContain(';');
  expect(outside).toEqual([]);
});

test('a partner sees only its granted buurt, reads its dossier without staff screens, and is refused another buurt', async ({ page, baseURL }) => {
  const outside = watchOrigin(page, baseURL!);
  // every answer the partner's screens ask for is allowed: nothing is refused on the way
  const refused: string[] = [];
  page.on('response', (response) => {
    if (response.url().endsWith('/graphql') && response.status() !== 200) refused.push(`${response.status()} ${response.request().postData() ?? ''}`);
  });
  await signInAsPartner(page);
  await expect(page).toHaveURL(/\/priorities$/);
  await expect(page.getByRole('heading', { name: 'Waar sturen? Buurten door de veerkrachtlens' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link')).toHaveText(['Prioriteiten']);
  const rows = page.getByTestId('priorities').locator(':scope > tbody > tr');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(`Rozenwijk (${BUURT})`);
  await page.getByRole('button', { name: 'Waarom Rozenwijk?' }).click();
  await expect(page.getByTestId('priority-components').locator('tbody tr')).toHaveCount(8);
  await expect(page.getByTestId('buurt-readings')).toHaveCount(0);
  await expectAccessible(page, 'partner priorities');
  await screenshot(page, 'partner-priorities');

  await page.getByRole('link', { name: `Dossier van Rozenwijk (${BUURT})` }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Buurtdossier Rozenwijk' })).toBeVisible();
  await expect(page.getByTestId('dossier-complex-CPX-CASE')).toBeVisible();
  // a partner sees the complex as released on the last day of last month, never as it stands today (src/engine/privacy/partner-release.ts)
  const [year, month] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date()).split('-').map(Number);
  const lastMonthEnd = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(Date.UTC(year, month - 1, 0)));
  await expect(page.getByTestId('dossier-complex-CPX-CASE').getByTestId('complex-figures-as-of')).toHaveText(lastMonthEnd);
  const programme = page.getByTestId('dossier-programme').filter({ hasText: 'Plan Rozenhof' });
  await expect(programme).toBeVisible();
  await expect(programme.getByRole('link')).toHaveCount(0);
  await expectAccessible(page, 'partner dossier');
  await screenshot(page, 'partner-dossier');
  expect(refused).toEqual([]);

  // a buurt not granted: the service refuses, the screen says why
  await page.goto('/buurten/BU90010600/dossier');
  await expect(page.getByTestId('dossier-refused')).toContainText('U mag dit buurtdossier niet inzien');
  await expect(page.getByTestId('dossier')).toHaveCount(0);
  await expectAccessible(page, 'partner refused');
  expect(outside).toEqual([]);
});
