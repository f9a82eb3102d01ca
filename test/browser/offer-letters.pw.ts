import { expect, test } from '@playwright/test';
import { expectAccessible, offerAdvertisedVacancy, screenshot, signIn, watchOrigin } from './helpers';

/**
 * The offer letter (issue 17; src/engine/letting/offer-letter.ts): the officer offers a demo vacancy no
 * other test works on (the fourth open, advertised, unpublished one from the end of the worklist; the
 * letting test takes the last two, the offer stages test the third), opens the letter from the offer
 * ("Brief"), reads the address, the stages with their last days and the documents to bring, and prints
 * it: on paper (print media) only the letter, without navigation or buttons.
 */
test.describe.configure({ mode: 'serial' });

const OFFICER = 'dev-officer';

test('an officer opens the letter of an open offer and prints it: the dwelling, the stages with their deadlines, the documents', async ({ page, baseURL }) => {
  test.setTimeout(180_000);
  const outside = watchOrigin(page, baseURL!);
  await signIn(page, 'Woonconsulent', OFFICER);
  const { chosen } = await offerAdvertisedVacancy(page, 4);

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
