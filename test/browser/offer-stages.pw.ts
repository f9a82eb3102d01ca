import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, screenshot, signIn, watchOrigin } from './helpers';

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
const SECOND_OFFICER = 'dev-officer-2';

/**
 * Open vacancies that are advertised (not direct), outside Rozenhof (journey 1), with respondents and
 * available this year (letting one needs the rule parameters of its year; the demo has this year's), in
 * worklist order.
 */
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

/** A vacancy being let (open, proposed or offered), found by its reference. */
async function openVacancy(page: Page, reference: string): Promise<void> {
  await page.goto(`/worklist?q=${encodeURIComponent(reference)}`);
  await page.getByTestId('worklist').getByRole('link', { name: reference, exact: true }).click();
  await expect(page.getByRole('heading', { name: new RegExp(`Vrijkomende woning ${reference}`) })).toBeVisible();
}

/** The `nth` (1-based) of these vacancies from the end that is not published. */
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

  const vacancy = await unpublishedFromEnd(page, await advertisableVacancies(page), 3);
  await openVacancy(page, vacancy);
  await page.getByRole('button', { name: 'Maak een voorstel' }).click();
  await expect(page.getByTestId('chosen')).toBeVisible();
  const chosen = (await page.getByTestId('chosen').locator('.reference').textContent())!.trim();
  await page.getByRole('button', { name: 'Aanbieden', exact: true }).click();
  const sent = page.getByRole('status').filter({ hasText: /aanbod staat open|tweede consulent/ });
  await expect(sent).toBeVisible();

  // an offer that passes over others waits for the second officer first (FOUR_EYES_MIN_DISPLACEMENT)
  if ((await sent.textContent())!.includes('tweede consulent')) {
    await page.getByRole('button', { name: 'Afmelden' }).click();
    await signIn(page, 'Woonconsulent', SECOND_OFFICER, '/approvals');
    await page.getByTestId('approval').filter({ hasText: vacancy }).getByRole('button', { name: 'Goedkeuren' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Goedgekeurd' })).toBeVisible();
    await page.getByRole('button', { name: 'Afmelden' }).click();
    await signIn(page, 'Woonconsulent', OFFICER);
    await openVacancy(page, vacancy);
  }

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
  const documents = page.getByRole('group', { name: 'Gecontroleerde stukken' });
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
