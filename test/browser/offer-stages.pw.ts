import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, offerAdvertisedVacancy, screenshot, signIn, watchOrigin } from './helpers';

/**
 * An offer's stages (src/engine/letting/offer-stages.ts), on a demo vacancy no other test works on (the
 * third open, advertised, unpublished one from the end of the worklist; the letting test takes the last
 * two, the journeys and the workplace the first ones): the officer proposes and offers, a second officer
 * approves when four eyes are needed, and the offer goes from interest check through viewing,
 * provisional acceptance and the documents check (refused at the field without the documents) to the
 * final acceptance, after which the dwelling is let.
 */
test.describe.configure({ mode: 'serial' });

const OFFICER = 'dev-officer';

async function nextStep(page: Page, reference: string, stage: string): Promise<void> {
  await page.getByRole('button', { name: 'Volgende stap' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Aanbod aan ${reference}: volgende stap is ${stage}.` })).toBeVisible();
  await expect(page.getByTestId('offer-stage').getByRole('heading')).toHaveText(`Aanbod aan ${reference}: stap ${stage}`);
}

test('an officer offers a vacancy and takes the offer through its stages, with the documents checked, to the letting', async ({ page, baseURL }) => {
  test.setTimeout(180_000);
  const outside = watchOrigin(page, baseURL!);
  await signIn(page, 'Woonconsulent', OFFICER);
  // what is due today heads the worklist
  await expect(page.getByRole('heading', { name: 'Vandaag te doen' })).toBeVisible();
  await expect(page.getByTestId('offers-due').or(page.getByText('Geen aanbiedingen die vandaag of eerder een stap moeten zetten.'))).toBeVisible();

  const { vacancy, chosen } = await offerAdvertisedVacancy(page, 3);

  // the open offer starts at the interest check, with its due date
  await page.getByRole('tab', { name: /Aanbiedingen/ }).click();
  const offers = page.getByTestId('offers');
  await expect(offers.locator('tbody tr').filter({ hasText: chosen })).toContainText('Openstaand');
  await expect(offers.locator('tbody tr').filter({ hasText: chosen })).toContainText('interesse peilen');
  await expect(page.getByTestId('offer-stage').getByRole('heading')).toHaveText(`Aanbod aan ${chosen}: stap interesse peilen`);
  await expect(page.getByTestId('offer-stage-due')).toContainText(/Uiterlijk: \d+ \S+ \d{4}/);
  // the decline form offers the coded refusal reasons, justified or not
  await expect(
    page
      .getByRole('combobox', { name: 'Weigeringsgrond' })
      .locator('option', { hasText: /\(gegrond\)|\(ongegrond\)/ })
      .first(),
  ).toBeAttached();

  await nextStep(page, chosen, 'bezichtiging');
  await nextStep(page, chosen, 'voorlopige acceptatie');
  await nextStep(page, chosen, 'stukken controleren');

  // the documents check: without the documents the service refuses, at the field, naming what is missing
  const documents = page.getByTestId('offer-stage').getByRole('group', { name: 'Gecontroleerde stukken' });
  await expect(documents.getByRole('checkbox', { name: 'Inkomensverklaring' })).not.toBeChecked();
  await page.getByRole('button', { name: 'Volgende stap' }).click();
  const problem = page.getByTestId('documents-error');
  await expect(problem).toContainText(/inkomensverklaring|income statement/i);
  await expect(problem).toContainText(/identiteitsbewijs|proof of identity/i);
  await expect(documents).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('offer-stage').getByRole('heading')).toHaveText(`Aanbod aan ${chosen}: stap stukken controleren`);
  await expectAccessible(page, 'offer documents check');

  await documents.getByRole('checkbox', { name: 'Inkomensverklaring' }).check();
  await documents.getByRole('checkbox', { name: 'Identiteitsbewijs' }).check();
  await nextStep(page, chosen, 'definitieve acceptatie');
  await expect(problem).toBeHidden();
  await expectAccessible(page, 'offer stages');
  await screenshot(page, 'officer-offer-stages');

  // the final acceptance lets the dwelling
  await page.getByRole('button', { name: 'Volgende stap' }).click();
  await expect(page.getByRole('status').filter({ hasText: `${chosen} heeft definitief geaccepteerd; de woning is verhuurd.` })).toBeVisible();
  await expect(page.getByRole('heading', { name: new RegExp(vacancy) })).toContainText('Toegewezen');
  await expect(offers.locator('tbody tr').filter({ hasText: chosen })).toContainText('Geaccepteerd');
  expect(outside).toEqual([]);
});
