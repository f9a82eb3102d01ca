import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, screenshot, signIn, watchOrigin } from './helpers';

/**
 * The offer letter (issue 17; src/engine/letting/offer-letter.ts): the officer offers a demo vacancy no
 * other test works on (the fourth open, advertised, unpublished one from the end of the worklist; the
 * letting test takes the last two, the offer stages test the third), opens the letter from the offer
 * ("Brief"), reads the address, the stages with their last days and the documents to bring, and prints
 * it: on paper (print media) only the letter, without navigation or buttons.
 */
test.describe.configure({ mode: 'serial' });

const OFFICER = 'dev-officer';
const SECOND_OFFICER = 'dev-officer-2';

/** Open vacancies that are advertised (not direct), outside Rozenhof (journey 1), with respondents and available this year, in worklist order. */
async function advertisableVacancies(page: Page): Promise<string[]> {
  await page.goto('/worklist?status=OPEN');
  const rows = page.getByTestId('worklist').locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  const found: string[] = [];
  for (const row of await rows.all()) {
    const cells = await row.locator('td').allTextContents();
    // reference, complex, buurt, address, route, status, respondents, available from
    const thisYear = cells[7].trim().endsWith(String(new Date().getFullYear()));
    if (!cells[1].includes('Rozenhof') && cells[4] !== 'Direct bemiddelen' && Number(cells[6].replace(/\D/g, '')) > 1 && thisYear) found.push(cells[0].trim());
  }
  return found;
}

async function openVacancy(page: Page, reference: string): Promise<void> {
  await page.goto(`/worklist?q=${encodeURIComponent(reference)}`);
  await page.getByTestId('worklist').getByRole('link', { name: reference, exact: true }).click();
  await expect(page.getByRole('heading', { name: new RegExp(`Vrijkomende woning ${reference}`) })).toBeVisible();
}

async function unpublishedFromEnd(page: Page, references: string[], nth: number): Promise<string> {
  let seen = 0;
  for (const reference of [...references].reverse()) {
    await openVacancy(page, reference);
    await page.getByRole('tab', { name: 'Publicatie' }).click();
    const form = page.getByRole('heading', { name: 'Woning publiceren' });
    await expect(form.or(page.getByTestId('publication'))).toBeVisible();
    if (await form.isVisible()) seen += 1;
    if (seen === nth) return reference;
  }
  throw new Error(`fewer than ${nth} open vacancies that are not published`);
}

test('an officer opens the letter of an open offer and prints it: the dwelling, the stages with their deadlines, the documents', async ({ page, baseURL }) => {
  test.setTimeout(180_000);
  const outside = watchOrigin(page, baseURL!);
  await signIn(page, 'Woonconsulent', OFFICER);
  const vacancy = await unpublishedFromEnd(page, await advertisableVacancies(page), 4);
  await openVacancy(page, vacancy);
  await page.getByRole('button', { name: 'Maak een voorstel' }).click();
  await expect(page.getByTestId('chosen')).toBeVisible();
  const chosen = (await page.getByTestId('chosen').locator('.reference').textContent())!.trim();
  await page.getByRole('button', { name: 'Aanbieden', exact: true }).click();
  const sent = page.getByRole('status').filter({ hasText: /aanbod staat open|tweede consulent/ });
  await expect(sent).toBeVisible();
  if ((await sent.textContent())!.includes('tweede consulent')) {
    await page.getByRole('button', { name: 'Afmelden' }).click();
    await signIn(page, 'Woonconsulent', SECOND_OFFICER, '/approvals');
    await page.getByTestId('approval').filter({ hasText: vacancy }).getByRole('button', { name: 'Goedkeuren' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Goedgekeurd' })).toBeVisible();
    await page.getByRole('button', { name: 'Afmelden' }).click();
    await signIn(page, 'Woonconsulent', OFFICER);
    await openVacancy(page, vacancy);
  }

  // the open offer links to its letter
  await page.getByRole('tab', { name: /Aanbiedingen/ }).click();
  await page.getByRole('link', { name: `Brief aan ${chosen} (aanbiedingsbrief)` }).click();
  await expect(page).toHaveURL(/\/aanbiedingen\/\d+\/brief$/);
  await expect(page.getByRole('heading', { name: 'Aanbiedingsbrief', exact: true })).toBeVisible();
  const letter = page.getByTestId('offer-letter');
  await expect(letter).toHaveAttribute('lang', 'nl');
  await expect(letter.getByRole('heading', { level: 1 })).toHaveText(/^Aanbieding van de woning .+, \d{4} [A-Z]{2}$/);
  await expect(letter).toContainText(`Beste woningzoekende (inschrijving ${chosen}),`);
  await expect(letter).toContainText(/De huur is € \d{1,3}(\.\d{3})*,\d{2} kale huur per maand/);
  const stages = letter.getByRole('list').first().getByRole('listitem');
  await expect(stages).toHaveCount(5);
  await expect(stages.first()).toHaveText(/^U laat weten of u interesse hebt: uiterlijk \S+dag \d{1,2} \S+ \d{4} \(deze stap loopt nu\)$/);
  await expect(stages.last()).toHaveText(/^Definitieve acceptatie en huurcontract: uiterlijk \S+dag \d{1,2} \S+ \d{4}$/);
  await expect(letter.getByRole('list').nth(1).getByRole('listitem')).toHaveText([/inkomensverklaring/, /legitimatiebewijs/]);
  await expect(page.getByTestId('offer-letter-note')).toContainText('sjabloonversie 1');
  await expectAccessible(page, 'offer letter');
  await screenshot(page, 'officer-offer-letter');

  // "Afdrukken" calls the browser's print; on paper only the letter shows
  await page.evaluate(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => {
      (window as unknown as { printed: number }).printed += 1;
    };
  });
  await page.getByRole('button', { name: 'Afdrukken' }).click();
  expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Afdrukken' })).toBeHidden();
  await expect(page.getByRole('heading', { name: 'Aanbiedingsbrief', exact: true })).toBeHidden();
  await expect(letter).toBeVisible();
  await screenshot(page, 'officer-offer-letter-print');
  await page.emulateMedia({ media: 'screen' });

  // the page around the letter follows the reader's language; the letter stays Dutch
  await page.getByLabel('Taal').selectOption('en');
  await expect(page.getByRole('heading', { name: 'Offer letter', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Print' })).toBeVisible();
  await expect(letter.getByRole('heading', { level: 1 })).toHaveText(/^Aanbieding van de woning /);
  await page.getByLabel('Language').selectOption('nl');
  expect(outside).toEqual([]);
});
