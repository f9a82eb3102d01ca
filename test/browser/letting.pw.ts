import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCREENSHOT_DIR, expectAccessible, screenshot, signIn, watchOrigin } from './helpers';

/**
 * The letting process around the decision (issue 17), on demo vacancies no other test works on (the
 * last open ones of the worklist; the journeys and the workplace take the first): an officer publishes
 * a vacancy with a reaction window that opened yesterday and closes today, and cannot close it today
 * (seekers may react until the end of its last day; the demo's clock is the real date). The demo's
 * vacancy whose window ended yesterday (DemoSeederService.advertiseEndedWindow) is closed: the officer
 * reads its candidate list, skips the first candidate with a coded reason and undoes it, and invites
 * one. A manager reads the public accountability of lettings and downloads it.
 */
test.describe.configure({ mode: 'serial' });

const OFFICER = 'dev-officer';

/** A Dutch calendar day (the service counts days in Amsterdam), `offset` days from today. */
function dutchDay(offset: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  return new Date(Date.parse(`${today}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
}

/** A date as the page writes it for a Dutch reader (the browser's own Intl, as the app uses it). */
function shown(page: Page, iso: string): Promise<string> {
  return page.evaluate((d) => new Intl.DateTimeFormat('nl-NL', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${d}T00:00:00Z`)), iso);
}

/** The screen as the officer sees it (a list of hundreds of respondents would make a whole-page picture unreadable). */
async function screenshotInView(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
}

/** Open vacancies that are advertised (not direct) and have respondents, in worklist order. */
async function advertisableVacancies(page: Page): Promise<string[]> {
  await page.goto('/worklist?status=OPEN');
  const rows = page.getByTestId('worklist').locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  const found: string[] = [];
  for (const row of await rows.all()) {
    const cells = await row.locator('td').allTextContents();
    // reference, complex, buurt, address, route, status, respondents, available from
    if (cells[4] !== 'Direct bemiddelen' && Number(cells[6].replace(/\D/g, '')) > 1) found.push(cells[0].trim());
  }
  return found;
}

async function openVacancy(page: Page, reference: string): Promise<void> {
  await page.goto(`/worklist?status=OPEN&q=${encodeURIComponent(reference)}`);
  await page.getByTestId('worklist').getByRole('link', { name: reference, exact: true }).click();
  await expect(page.getByRole('heading', { name: new RegExp(`Vrijkomende woning ${reference}`) })).toBeVisible();
}

/** The demo's vacancy whose reaction window ended yesterday and is still open to close, opened on its screen. */
async function endedWindow(page: Page, references: string[]): Promise<string> {
  for (const reference of [...references].reverse()) {
    await openVacancy(page, reference);
    await page.getByRole('tab', { name: 'Publicatie' }).click();
    const form = page.getByRole('heading', { name: 'Woning publiceren' });
    await expect(form.or(page.getByTestId('publication'))).toBeVisible();
    if ((await page.getByTestId('publication').isVisible()) && (await page.getByTestId('publication').textContent())?.includes('De termijn liep tot en met'))
      return reference;
  }
  throw new Error('no advertised vacancy whose window has ended (the demo advertises one)');
}

/** The last `count` of these vacancies that are not published yet (the demo may advertise some), last first. */
async function unpublished(page: Page, references: string[], count: number): Promise<string[]> {
  const found: string[] = [];
  for (const reference of [...references].reverse()) {
    await openVacancy(page, reference);
    await page.getByRole('tab', { name: 'Publicatie' }).click();
    const form = page.getByRole('heading', { name: 'Woning publiceren' });
    await expect(form.or(page.getByTestId('publication'))).toBeVisible();
    if (await form.isVisible()) found.push(reference);
    if (found.length === count) return found;
  }
  throw new Error(`fewer than ${count} open vacancies that are not published yet`);
}

test('an officer publishes a vacancy, closes its reaction window, and skips, restores and invites on the candidate list', async ({ page, baseURL }) => {
  test.setTimeout(180_000);
  const outside = watchOrigin(page, baseURL!);
  await signIn(page, 'Woonconsulent', OFFICER);
  const vacancies = await advertisableVacancies(page);
  expect(vacancies.length, 'open advertised vacancies with respondents in the demo').toBeGreaterThan(3);
  const [vacancy, early] = await unpublished(page, vacancies, 2);
  const yesterday = dutchDay(-1);
  const today = dutchDay(0);

  // a window that runs on cannot be closed: the service says why, in Dutch
  await openVacancy(page, early);
  await page.getByRole('tab', { name: 'Publicatie' }).click();
  await expect(page.getByRole('heading', { name: 'Woning publiceren' })).toBeVisible();
  await expect(page.getByLabel('Reageren vanaf')).toHaveValue(today);
  await page.getByRole('button', { name: 'Publiceren' }).click();
  await expect(page.getByRole('status').filter({ hasText: `${early} is gepubliceerd` })).toBeVisible();
  await page.getByRole('button', { name: 'Reactietermijn sluiten en kandidatenlijst maken' }).click();
  await expect(page.getByRole('alert')).toContainText('dus de reactietermijn wordt gesloten vanaf');
  await page.getByRole('tab', { name: 'Kandidatenlijst' }).click();
  await expect(page.getByText('Er is nog geen kandidatenlijst')).toBeVisible();

  // the vacancy this test lets: a window that ends in the past is refused at its field and in the summary
  await openVacancy(page, vacancy);
  await page.getByRole('tab', { name: 'Publicatie' }).click();
  await page.getByLabel('Reageren vanaf').fill(yesterday);
  await page.getByLabel('Reageren tot en met').fill(dutchDay(-2));
  await page.getByLabel('Voorwaarden en kenmerken voor woningzoekenden').fill('Bezichtiging op afspraak. Geen huisdieren.');
  await page.getByRole('button', { name: 'Publiceren' }).click();
  const problems = page.getByTestId('publish-problems');
  await expect(problems).toContainText('Niet gepubliceerd: 1 punt(en) om te herstellen.');
  await expect(page.getByLabel('Reageren tot en met')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'publish form with a problem');
  // the summary's link leads to the field
  await problems.getByRole('link', { name: 'Reageren tot en met' }).click();
  await expect(page.getByLabel('Reageren tot en met')).toBeFocused();
  await page.getByLabel('Reageren tot en met').fill(today);
  await page.getByRole('button', { name: 'Publiceren' }).click();
  await expect(page.getByRole('status').filter({ hasText: `${vacancy} is gepubliceerd` })).toBeVisible();

  // published: the window and its state
  const window = `${await shown(page, yesterday)} tot en met ${await shown(page, today)}`;
  await expect(page.getByTestId('publication-window')).toHaveText(window);
  await expect(page.getByTestId('publication')).toContainText('Gepubliceerd');
  await expect(page.getByTestId('publication')).toContainText('Reageren kan nu');
  await expect(page.getByTestId('publication')).toContainText('Geen huisdieren.');
  await expect(page.getByTestId('vacancy-window')).toHaveText(`${window} (Gepubliceerd)`);
  await expectAccessible(page, 'publication');
  // today is its last day: a seeker may still react, so it is not closed yet
  await page.getByRole('button', { name: 'Reactietermijn sluiten en kandidatenlijst maken' }).click();
  await expect(page.getByRole('alert')).toContainText('reageren kan tot en met');
  await expect(page.getByTestId('publication')).toContainText('Gepubliceerd');

  // the demo's advertised vacancy whose window ended yesterday: closing it makes the list, and the screen moves to it
  const ended = await endedWindow(page, vacancies);
  await expect(page.getByRole('heading', { name: new RegExp(`Vrijkomende woning ${ended}`) })).toBeVisible();
  await page.getByRole('tab', { name: 'Publicatie' }).click();
  await expect(page.getByTestId('publication')).toContainText('De termijn liep tot en met');
  await page.getByRole('button', { name: 'Reactietermijn sluiten en kandidatenlijst maken' }).click();
  const made = page.getByRole('status').filter({ hasText: 'De reactietermijn is gesloten.' });
  await expect(made).toBeVisible();
  const [count, eligible] = ((await made.textContent()) ?? '')
    .match(/(\d+) kandidaten, van wie (\d+) passend/)!
    .slice(1)
    .map(Number);
  expect(count).toBeGreaterThan(1);
  await expect(page.getByRole('tab', { name: 'Kandidatenlijst' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('vacancy-window')).toContainText('Kandidatenlijst gemaakt');

  // positions 1..n by the published order, each with the rules' verdict and what the order compared
  const list = page.getByTestId('candidate-list');
  const rows = list.locator('tbody tr');
  await expect(rows).toHaveCount(count);
  await expect(list.locator('tbody th')).toHaveText(Array.from({ length: count }, (_, i) => String(i + 1)));
  const verdicts = await rows.locator('td:nth-child(3)').allTextContents();
  expect(verdicts.every((v) => /^(ja|nee)/.test(v))).toBe(true);
  expect(verdicts.filter((v) => v.startsWith('ja'))).toHaveLength(eligible);
  // an ineligible candidate names the rules that exclude it
  for (const [i, v] of verdicts.entries()) if (v.startsWith('nee')) await expect(rows.nth(i).locator('td').nth(1)).toContainText(/[A-Z_]{4,}/);
  await expect(rows.first().locator('td').nth(2)).toContainText('ingeschreven');
  await expect(rows.locator('td:nth-child(5)')).toHaveText(Array.from({ length: count }, () => 'Geplaatst'));
  await expect(page.getByTestId('candidate-counts')).toHaveText(`${count} kandidaten op volgorde van de publicatie, van wie ${eligible} passend.`);

  // skip the first with a coded reason: the dialog asks for one first
  const first = rows.first();
  const firstReference = (await first.locator('td.reference').textContent())!;
  await first.getByRole('button', { name: `Overslaan ${firstReference}` }).click();
  const dialog = page.getByRole('dialog', { name: `Kandidaat 1 (${firstReference}) overslaan` });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Kandidaat overslaan' }).click();
  await expect(dialog).toContainText('Kies een reden.');
  await dialog.locator('label', { hasText: 'Niet bereikbaar binnen de termijn' }).click();
  await expect(dialog.getByRole('radio', { name: /Niet bereikbaar binnen de termijn/ })).toBeChecked();
  await expectAccessible(page, 'skip dialog');
  await dialog.getByRole('button', { name: 'Kandidaat overslaan' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: `${firstReference} (plaats 1) is overgeslagen: Niet bereikbaar binnen de termijn.` })).toBeVisible();
  await expect(first.locator('td').nth(3)).toHaveText('Overgeslagen');
  await expect(first.locator('td').nth(4)).toHaveText('NO_CONTACT Niet bereikbaar binnen de termijn');
  // the keyboard stays in the row: its next step has the focus
  const undo = first.getByRole('button', { name: `Overslaan terugdraaien ${firstReference}` });
  await expect(undo).toBeFocused();
  // the history on demand
  await first.getByText('Geschiedenis (2)').click();
  await expect(first.locator('ol.history li')).toHaveCount(2);
  await expect(first.locator('ol.history li').last()).toContainText('overgeslagen (Geplaatst → Overgeslagen)');
  await expect(first.locator('ol.history li').last()).toContainText(`NO_CONTACT Niet bereikbaar binnen de termijn · door ${OFFICER}`);
  await expectAccessible(page, 'candidate list');
  await page.getByRole('heading', { name: 'Kandidatenlijst', level: 2 }).scrollIntoViewIfNeeded();
  await screenshotInView(page, 'officer-candidate-list');

  // undo with the keyboard: back in line at the same position
  await undo.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: `${firstReference} staat weer op plaats 1.` })).toBeVisible();
  await expect(first.locator('td').nth(3)).toHaveText('Geplaatst');
  await expect(first.locator('td').nth(4)).toHaveText('–');
  await expect(first.locator('ol.history li')).toHaveCount(3);

  // invite the first eligible candidate (or the first, when none is eligible)
  const index = Math.max(
    verdicts.findIndex((v) => v.startsWith('ja')),
    0,
  );
  const invited = rows.nth(index);
  const invitedReference = (await invited.locator('td.reference').textContent())!;
  await invited.getByRole('button', { name: `Uitnodigen ${invitedReference}` }).click();
  await expect(page.getByRole('status').filter({ hasText: `${invitedReference} (plaats ${index + 1}) is uitgenodigd.` })).toBeVisible();
  await expect(invited.locator('td').nth(3)).toHaveText('Uitgenodigd');
  await expect(invited.getByRole('button', { name: `Uitnodiging intrekken ${invitedReference}` })).toBeVisible();
  await expect(invited.getByRole('button', { name: `Uitnodigen ${invitedReference}` })).toHaveCount(0);

  // the list is kept: it reads the same after a reload
  await page.reload();
  await page.getByRole('tab', { name: 'Kandidatenlijst' }).click();
  await expect(rows).toHaveCount(count);
  await expect(rows.nth(index).locator('td').nth(3)).toHaveText('Uitgenodigd');
  await page.getByRole('tab', { name: 'Publicatie' }).click();
  await expect(page.getByTestId('publication')).toContainText('Kandidatenlijst gemaakt');
  await expect(page.getByRole('button', { name: 'Reactietermijn sluiten en kandidatenlijst maken' })).toHaveCount(0);
  expect(outside).toEqual([]);
});

test('a manager reads the accountability of lettings and downloads it as CSV and as a page', async ({ page, baseURL }) => {
  const outside = watchOrigin(page, baseURL!);
  await signIn(page, 'Manager', 'dev-manager');
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Verantwoording' }).click();
  await expect(page.getByRole('heading', { name: 'Verantwoording van verhuringen', level: 1 })).toBeVisible();
  // the current year by default
  const year = new Date().getFullYear();
  await expect(page.getByLabel('Van', { exact: true })).toHaveValue(`${year}-01-01`);
  await expect(page.getByLabel('Tot en met', { exact: true })).toHaveValue(`${year}-12-31`);
  const summary = page.getByTestId('accountability-summary');
  await expect(summary).toHaveText(/^\d+ verhuringen van .+ tot en met .+ \(alle gemeenten\)\.$/);
  const lettings = Number(((await summary.textContent()) ?? '').match(/^\d+/)![0]);
  const table = page.getByTestId('accountability');
  await expect(table.locator('thead th')).toHaveText([
    'Verhuurd op',
    'Reactietermijn gesloten',
    'Straat',
    'Plaats',
    'Gemeente',
    'Woning',
    'Model',
    'Reacties',
    'Ingeschreven sinds',
    'Punten',
    'Lotnummer',
    'Lotingszaad',
    'Codes',
    'Hoe verhuurd',
  ]);
  if (lettings === 0) await expect(page.getByTestId('accountability-empty')).toHaveText('Geen verhuringen in deze periode.');
  else {
    await expect(table.locator('tbody tr')).toHaveCount(lettings);
    // codes and the status sentence in Dutch; never a house number
    await expect(table.locator('tbody tr').first().locator('td').nth(12)).toHaveText(/[A-Z_]{5,}/);
    await expect(table.locator('tbody tr').first().locator('td').nth(13)).not.toBeEmpty();
  }
  await expectAccessible(page, 'accountability');
  await screenshot(page, 'manager-accountability');

  // the CSV keeps its byte order mark (a Dutch spreadsheet reads it as UTF-8) and its semicolons
  const [csvFile] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
  expect(csvFile.suggestedFilename()).toBe(`verantwoording-verhuringen-${year}-01-01-${year}-12-31.csv`);
  const csv = readFileSync((await csvFile.path())!);
  expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const header = csv.toString('utf8').slice(1).split(/\r?\n/)[0];
  expect(header).toContain(';');
  expect(csv.toString('utf8').slice(1).split(/\r?\n/).filter(Boolean)).toHaveLength(lettings + 1);
  // the page to publish is a file, not part of this screen
  const [htmlFile] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download HTML-pagina' }).click()]);
  expect(htmlFile.suggestedFilename()).toBe(`verantwoording-verhuringen-${year}-01-01-${year}-12-31.html`);
  const html = readFileSync((await htmlFile.path())!, 'utf8');
  expect(html).toMatch(/<html[\s>]/i);
  expect(html).not.toMatch(/<script/i);

  // a period that ends before it starts: the API's reason at the field
  await page.getByLabel('Tot en met', { exact: true }).fill(`${year - 1}-12-31`);
  await page.getByRole('button', { name: 'Toon' }).click();
  await expect(page.getByRole('alert').first()).toBeVisible();
  await expect(page.getByLabel('Tot en met', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('accountability-summary')).toHaveCount(0);
  expect(outside).toEqual([]);
});
