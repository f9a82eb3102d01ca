import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, screenshot, signIn, watchOrigin } from './helpers';

/**
 * The officer's journey on the demo (README, "The workplace"): propose for a Rozenhof vacancy, read
 * why the plain-order candidate was passed over, override with a coded reason, a second officer
 * approves, the household declines, the next offer is accepted. Asserts what a person checks on the
 * screen: names, numbers, states.
 */
test.describe.configure({ mode: 'serial' });

const OFFICER = 'dev-officer';
const SECOND_OFFICER = 'dev-officer-2';

async function openRozenhofVacancies(page: Page): Promise<string[]> {
  await page.goto('/worklist');
  await page.getByLabel('Complex').selectOption({ label: 'Rozenhof' });
  const rows = page.getByTestId('worklist').locator('tbody tr');
  await expect(rows.first()).toContainText('Rozenhof (CPX-CASE)');
  for (const row of await rows.all()) await expect(row).toContainText('Rozenhof (CPX-CASE)');
  return page.getByTestId('worklist').getByRole('link').allTextContents();
}

async function propose(page: Page): Promise<{ chosen: string; plain: string }> {
  await page.getByRole('button', { name: /Maak een (nieuw )?voorstel/ }).click();
  await expect(page.getByTestId('chosen')).toBeVisible();
  const chosen = (await page.getByTestId('chosen').locator('.reference').textContent())!;
  const plain = (await page.getByTestId('plain-order').locator('.reference').textContent())!;
  return { chosen, plain };
}

test('an officer proposes for Rozenhof, reads why the plain-order candidate was passed over, and overrides with a coded reason; a second officer approves; a decline brings the next offer, which is accepted', async ({
  page,
  baseURL,
}) => {
  const outside = watchOrigin(page, baseURL!);
  await signIn(page, 'Woonconsulent', OFFICER);
  await expect(page.getByRole('heading', { name: 'Werkvoorraad' })).toBeVisible();
  await expect(page.getByTestId('worklist-count')).toContainText(/\d+ van \d+ vrijkomende woningen/);
  await expectAccessible(page, 'worklist');
  await screenshot(page, 'officer-worklist');

  // the search narrows the list to one reference
  const references = await openRozenhofVacancies(page);
  expect(references.length).toBeGreaterThan(1);
  await page.getByLabel('Zoek op referentie').fill(references[0]);
  await page.getByLabel('Zoek op referentie').press('Enter');
  await expect(page.getByTestId('worklist-count')).toContainText(/^1 van 1 /);

  // a Rozenhof vacancy whose proposal passes over the plain-order candidate
  let vacancy = '';
  let proposal = { chosen: '', plain: '' };
  for (const reference of references) {
    await page.goto('/worklist?complex=CPX-CASE');
    await page.getByRole('link', { name: reference }).click();
    await expect(page.getByRole('heading', { name: new RegExp(`Vrijkomende woning ${reference}`) })).toBeVisible();
    await expect(page.getByTestId('vacancy-facts')).toContainText('Rozenhof (CPX-CASE)');
    proposal = await propose(page);
    if (proposal.chosen !== proposal.plain) {
      vacancy = reference;
      break;
    }
  }
  expect(vacancy, 'a Rozenhof proposal that passes over the plain-order candidate').not.toBe('');
  const why = page.getByTestId('passed-over');
  await expect(why.getByRole('heading', { name: `Waarom ${proposal.plain} niet is voorgesteld` })).toBeVisible();
  await expect(why).toContainText('Samenstellingsdoel');
  await expect(why).toContainText(/\d+ punten/);
  await expect(page.getByTestId('proposal-summary')).toContainText(`${proposal.chosen}`);
  // the service's own sentences in Dutch too (Accept-Language): the proposal and why the first was passed over
  await expect(page.getByTestId('proposal-summary')).toContainText(`wordt voorgesteld voor ${vacancy} in plaats van ${proposal.plain}, de eerste op volgorde`);
  await expect(why).toContainText(/overslaan kost [\d,]+ voorrangspunten/);
  // the composition against the targets, with the norm
  await expect(page.getByRole('table', { name: 'Doelen voor de samenstelling' })).toContainText('≤ 30%');
  await expectAccessible(page, 'vacancy');
  await screenshot(page, 'officer-vacancy-proposal');

  await page.getByRole('tab', { name: 'Reageerders' }).click();
  await expect(page.getByTestId('respondent-counts')).toContainText(/\d+ reageerders beoordeeld: \d+ passend, \d+ uitgesloten/);
  await expect(page.getByTestId('eligible').locator('tbody tr').first()).toBeVisible();
  await expectAccessible(page, 'respondents');
  await screenshot(page, 'officer-vacancy-respondents');

  // override: the plain-order candidate, with a coded reason and words
  await page.getByRole('tab', { name: 'Voorstel en besluit' }).click();
  await page.locator('label', { hasText: 'Afwijken' }).click();
  await expect(page.getByRole('radio', { name: /Afwijken/ })).toBeChecked();
  const householdSelect = page.getByRole('combobox', { name: 'Huishouden' });
  const optionOf = (select: typeof householdSelect, startsWith: string) =>
    select.evaluate((el: HTMLSelectElement, text) => [...el.options].find((o) => o.value && o.text.startsWith(text))!.value, startsWith);
  await householdSelect.selectOption(await optionOf(householdSelect, proposal.plain));
  // social management, agreed with partners: the practice of the case (shared/domain/case.md)
  const firstReason = 'SOCIAL_MANAGEMENT';
  await page.getByRole('combobox', { name: 'Reden (code)' }).selectOption(firstReason);
  await page.getByLabel(/Toelichting/).fill('Afgestemd met het wijkteam: dit huishouden past beter in deze portiek.');
  await expectAccessible(page, 'decision');
  await page.getByRole('button', { name: 'Afwijking vastleggen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'tweede consulent' })).toBeVisible();
  await page.getByRole('tab', { name: /Aanbiedingen/ }).click();
  await expect(page.getByTestId('offers')).toContainText(proposal.plain);
  await expect(page.getByTestId('offers')).toContainText('Wacht op tweede consulent');
  await expect(page.getByTestId('offers')).toContainText(firstReason);

  // the second officer approves
  await page.getByRole('button', { name: 'Afmelden' }).click();
  await signIn(page, 'Woonconsulent', SECOND_OFFICER);
  await page.getByRole('link', { name: 'Vier ogen' }).click();
  const card = page.getByTestId('approval').filter({ hasText: vacancy });
  await expect(card).toContainText(proposal.plain);
  await expect(card).toContainText(firstReason);
  await expect(card).toContainText('Afwijking van het voorstel');
  await expectAccessible(page, 'approvals');
  await screenshot(page, 'officer-approvals');
  await card.getByRole('button', { name: 'Goedkeuren' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Goedgekeurd: het aanbod voor ${vacancy} staat open.` })).toBeVisible();

  // the first officer records the household's decline; the next candidate is proposed and offered
  await page.getByRole('button', { name: 'Afmelden' }).click();
  await signIn(page, 'Woonconsulent', OFFICER);
  await page.goto('/worklist?complex=CPX-CASE');
  await page.getByRole('link', { name: vacancy }).click();
  await page.getByRole('tab', { name: /Aanbiedingen/ }).click();
  await expect(page.getByTestId('offers')).toContainText('Openstaand');
  await page.getByLabel('Reden van weigering').fill('De woning ligt te ver van school.');
  await page.getByRole('button', { name: 'Geweigerd' }).click();
  const next = page.getByRole('status').filter({ hasText: 'Geweigerd. Nieuw voorstel:' });
  await expect(next).toBeVisible();
  const nextHousehold = (await next.textContent())!.match(/Nieuw voorstel: (\S+)\./)![1];
  await expect(page.getByTestId('offers')).toContainText('Geweigerd');
  await expect(page.getByTestId('offers').locator('tbody tr').filter({ hasText: nextHousehold })).toBeVisible();

  // an offer that passes over others waits for the second officer first (FOUR_EYES_MIN_DISPLACEMENT)
  if (await page.getByTestId('offers').locator('tbody tr').filter({ hasText: nextHousehold }).filter({ hasText: 'Wacht op tweede consulent' }).count()) {
    await page.getByRole('button', { name: 'Afmelden' }).click();
    await signIn(page, 'Woonconsulent', SECOND_OFFICER, '/approvals');
    await page.getByTestId('approval').filter({ hasText: vacancy }).getByRole('button', { name: 'Goedkeuren' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Goedgekeurd' })).toBeVisible();
    await page.getByRole('button', { name: 'Afmelden' }).click();
    await signIn(page, 'Woonconsulent', OFFICER);
    await page.goto('/worklist?complex=CPX-CASE&status=OFFERED');
    await page.getByRole('link', { name: vacancy }).click();
    await page.getByRole('tab', { name: /Aanbiedingen/ }).click();
  }
  // accepted at once: refused at the field until the income statement and the identity are checked
  await page.getByRole('button', { name: 'Geaccepteerd' }).click();
  await expect(page.getByTestId('answer-documents-error')).toContainText('inkomensverklaring');
  const atOnce = page.getByRole('group', { name: 'Gecontroleerde stukken om meteen te accepteren' });
  await expect(atOnce).toHaveAttribute('aria-invalid', 'true');
  await atOnce.getByRole('checkbox', { name: 'Inkomensverklaring' }).check();
  await atOnce.getByRole('checkbox', { name: 'Identiteitsbewijs' }).check();
  await page.getByRole('button', { name: 'Geaccepteerd' }).click();
  await expect(page.getByRole('status').filter({ hasText: `${nextHousehold} heeft het aanbod geaccepteerd` })).toBeVisible();
  await expect(page.getByRole('heading', { name: new RegExp(vacancy) })).toContainText('Toegewezen');
  await screenshot(page, 'officer-offers');
  expect(outside).toEqual([]);
});
