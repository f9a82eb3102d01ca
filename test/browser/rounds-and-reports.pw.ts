import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { expectAccessible, screenshot, signIn, watchOrigin } from './helpers';

/**
 * Rounds and reports (project "rounds" in playwright.config.ts: after the journeys, since a round
 * proposes for every open vacancy). A manager plans a round and reads its quota effects and
 * passed-over counts without seeing a household; another round is cancelled while it waits or runs;
 * an officer follows a planned vacancy to its proposal; the manager reads the allocation report.
 */
test('a manager plans a round, reads its outcome and quota effects, and cancels a second one', async ({ page, baseURL }) => {
  test.setTimeout(240_000);
  const outside = watchOrigin(page, baseURL!);
  await signIn(page, 'Manager', 'dev-manager');
  await page.getByRole('link', { name: 'Toewijzingsrondes' }).click();
  await expect(page.getByRole('heading', { name: 'Toewijzingsrondes', level: 1 })).toBeVisible();
  await expectAccessible(page, 'rounds');
  // a bad time limit is refused, naming the field
  await page.getByLabel('Tijdslimiet rekenen (seconden)').fill('0');
  await page.getByRole('button', { name: 'Ronde starten' }).click();
  await expect(page.getByRole('alert')).toContainText('timeLimitSeconds');
  await page.getByLabel('Tijdslimiet rekenen (seconden)').fill('60');
  await page.getByRole('button', { name: 'Ronde starten' }).click();
  await expect(page).toHaveURL(/\/rounds\/\d+$/);
  const roundUrl = page.url();
  await expect(page.getByTestId('round-status')).toHaveText('Klaar', { timeout: 180_000 });

  // the outcome in counts: every planned home, those with a proposal, those passing over the first in order
  const counts = page.getByTestId('round-counts');
  await expect(counts).toHaveText(/^\d+ woningen gepland: \d+ met een voorstel, bij \d+ is de eerste op volgorde gepasseerd, \d+ overgeslagen\.$/);
  const [planned] = ((await counts.textContent()) ?? '').match(/\d+/g)!.map(Number);
  const vacancies = page.getByTestId('round-vacancies').locator('tbody tr');
  await expect(vacancies).toHaveCount(planned + Number(((await counts.textContent()) ?? '').match(/(\d+) overgeslagen/)![1]));
  expect(planned).toBeGreaterThan(0);
  // a manager reads no household: the homes are not links to the proposals, and no home says whether
  // it got a proposal or passed over the first in order (that points at who moves in)
  await expect(page.getByTestId('round-vacancies').getByRole('link')).toHaveCount(0);
  await expect(page.getByTestId('round-vacancies').locator('thead th')).toHaveText(['Woning', 'Complex', 'Route']);
  await expect(page.getByTestId('round-vacancies').locator('caption')).toContainText('ziet alleen de woonconsulent');
  // quotas before and after against their norms, in words, with the chart
  const quotas = page.getByTestId('round-quotas');
  await expect(quotas).toContainText('DAEB-doelgroep');
  await expect(quotas).toContainText('Passend toewijzen');
  await expect(quotas).toContainText('>= 92,5%');
  await expect(page.getByRole('img', { name: /aandeel per quotum na de ronde/ })).toBeVisible();
  await expectAccessible(page, 'round');
  await screenshot(page, 'manager-round');

  // a second round, cancelled from its page while it waits or runs
  await page.getByRole('link', { name: '← Alle rondes' }).click();
  await expect(page.getByTestId('rounds').locator('tbody tr')).toHaveCount(1);
  await page.getByRole('button', { name: 'Ronde starten' }).click();
  await expect(page).toHaveURL(/\/rounds\/\d+$/);
  expect(page.url()).not.toBe(roundUrl);
  await page.getByRole('button', { name: 'Ronde afbreken' }).click();
  await expect(page.getByTestId('round-status')).toHaveText('Geannuleerd');
  await expect(page.getByRole('button', { name: 'Ronde afbreken' })).toHaveCount(0);
  await page.getByRole('link', { name: '← Alle rondes' }).click();
  await expect(page.getByTestId('rounds').locator('tbody tr').first()).toContainText('Geannuleerd');
  expect(outside).toEqual([]);
});

test('an officer follows a home planned in the round to its proposal', async ({ page, baseURL }) => {
  const outside = watchOrigin(page, baseURL!);
  await signIn(page, 'Woonconsulent', 'dev-officer');
  await page.getByRole('link', { name: 'Toewijzingsrondes' }).click();
  await page.getByTestId('rounds').getByRole('link').last().click();
  await expect(page.getByTestId('round-status')).toHaveText('Klaar');
  // the officer reads each home's outcome; together they make the round's totals
  const [, filled, passedOver] = ((await page.getByTestId('round-counts').textContent()) ?? '').match(/\d+/g)!.map(Number);
  const vacancies = page.getByTestId('round-vacancies').locator('tbody tr');
  await expect(vacancies.filter({ has: page.locator('td:nth-child(5)', { hasText: /^ja$/ }) })).toHaveCount(filled);
  await expect(vacancies.filter({ has: page.locator('td:nth-child(6)', { hasText: /^ja$/ }) })).toHaveCount(passedOver);
  const first = page.getByTestId('round-vacancies').getByRole('link').first();
  const reference = (await first.textContent())!;
  await first.click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(reference);
  await expect(page.getByText('Voorgesteld').first()).toBeVisible();
  expect(outside).toEqual([]);
});

test('a manager reads the allocation report: quotas against norms, deviations, groups with small numbers hidden, as CSV', async ({ page, baseURL }) => {
  const outside = watchOrigin(page, baseURL!);
  await signIn(page, 'Manager', 'dev-manager');
  await page.getByRole('link', { name: 'Rapportage' }).click();
  await expect(page.getByRole('heading', { name: 'Toewijzingsrapportage' })).toBeVisible();
  await expect(page.getByTestId('report-summary')).toHaveText(new RegExp(`^${new Date().getUTCFullYear()}, de hele corporatie: \\d+ toewijzingen\\.$`));
  const quotas = page.getByTestId('report-quotas').locator('tbody tr');
  await expect(quotas).toHaveCount(3);
  await expect(quotas.filter({ hasText: 'DAEB-doelgroep' })).toContainText('Woningwet art. 48');
  await expect(page.getByTestId('report-caveat')).toContainText('Groepen van 1 tot 4 huishoudens worden voor managers niet getoond');
  await expect(page.getByTestId('report-deviations-OFFICER')).toBeVisible();
  await expect(page.getByRole('img', { name: /aandeel per quotum, met de norm/ })).toBeVisible();
  // a year without legal parameters: the API's reason in words, nothing half-shown
  await page.getByLabel('Jaar', { exact: true }).fill('2020');
  await page.getByRole('button', { name: 'Toon' }).click();
  await expect(page.getByRole('alert')).toContainText('No rule parameters for 2020');
  await expect(page.getByTestId('report-summary')).toHaveCount(0);
  await page.getByLabel('Jaar', { exact: true }).fill(String(new Date().getUTCFullYear()));
  await page.getByRole('button', { name: 'Toon' }).click();
  await expectAccessible(page, 'report');
  await screenshot(page, 'manager-report');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download als CSV' }).click()]);
  const csv = readFileSync((await download.path())!, 'utf8');
  expect(csv.split('\n')[0]).toBe('section,year,scope,dimension,key,measure,value');
  expect(csv).toContain('DAEB_TARGET_GROUP');
  expect(outside).toEqual([]);
});
