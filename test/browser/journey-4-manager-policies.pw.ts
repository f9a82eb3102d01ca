import { expect, test } from '@playwright/test';
import { expectAccessible, screenshot, signIn, watchOrigin } from './helpers';

/**
 * The manager's policies: every version with its name and date, one read in words, two compared
 * field by field, and a new version authored in a form that names each problem at its field.
 */
test('a manager reads the composition policy, sees what Plan Rozenhof changes, and authors a new version field by field', async ({ page, baseURL }) => {
  const outside = watchOrigin(page, baseURL!);
  await signIn(page, 'Manager', 'dev-manager');
  await page.getByRole('link', { name: 'Beleid' }).click();
  await expect(page.getByRole('heading', { name: 'Beleid', level: 1 })).toBeVisible();

  const versions = page.getByTestId('policy-versions').first();
  await expect(versions.locator('tbody tr')).toHaveCount(2);
  await expect(versions.locator('tbody tr').nth(0)).toContainText('geldt nu');
  await expect(versions.locator('tbody tr').nth(1)).toContainText(/Plan Rozenhof.*1 jan \d{4}.*gepland/);
  // the version in force, in words: the demo's cap on vulnerable households in a class-1 buurt
  const readable = page.getByTestId('policy-readable');
  await expect(readable).toContainText('Urgente woningzoekenden worden niet overgeslagen');
  await expect(readable.getByTestId('target-sentence').first()).toContainText('ten hoogste 30% van de huishoudens');
  // what Plan Rozenhof changes: urgent households may be passed over, nothing else
  const changes = page.getByTestId('policy-changes');
  await expect(changes.locator('tbody tr')).toHaveCount(1);
  await expect(changes.locator('tbody tr')).toContainText('Verdringing (hoe ver de volgorde mag wijken) › Urgente woningzoekenden worden niet overgeslagen');
  await expect(changes.locator('tbody tr td')).toHaveText(['gewijzigd', 'ja', 'nee']);
  // read Plan Rozenhof itself (keyboard: the read buttons are buttons)
  await versions.getByRole('button', { name: 'Lees Plan Rozenhof' }).focus();
  await page.keyboard.press('Enter');
  await expect(readable.getByRole('heading')).toContainText('Plan Rozenhof (versie 2');
  await expectAccessible(page, 'policies');
  await screenshot(page, 'manager-policies');

  // the local policy and the override reasons have their own tabs
  await page.getByRole('tab', { name: 'Redenen om af te wijken' }).click();
  await expect(page.getByTestId('policy-readable')).toContainText('Redenen');
  await expectAccessible(page, 'override reasons');
  await page.getByRole('tab', { name: 'Lokaal toewijzingsbeleid' }).click();
  await expect(page.getByTestId('policy-readable').first()).toContainText('Kamernormen');
  await page.getByRole('tab', { name: 'Samenstelling (gedifferentieerd toewijzen)' }).click();

  // a new version, in a form that starts from the version in force
  await page.getByRole('link', { name: 'Nieuwe versie opstellen' }).click();
  await expect(page.getByRole('heading', { name: 'Nieuwe versie van het samenstellingsbeleid' })).toBeVisible();
  const share = page.locator('[data-path="defaultsByResilienceClass.1.0.basisPoints"] input');
  await expect(share).toHaveValue('3000');
  await page.getByLabel(/Naam van de versie/).fill('Plan Rozenhof strenger');
  await page.getByLabel('Gaat in op').fill('2030-01-01');
  // every save asks the API for a new audited version: count the asks
  const saves: string[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('/graphql') && request.postData()?.includes('addCompositionPolicyVersion')) saves.push(request.postData() ?? '');
  });
  const problems = page.getByTestId('form-problems');
  const saveButton = page.getByRole('button', { name: 'Versie opslaan' });
  // not a whole number where one belongs, then Enter: the form names it above and at the field, and sends nothing
  const weight = page.locator('[data-path="defaultsByResilienceClass.1.0.weight"] input');
  await weight.fill('1,5');
  await weight.press('Enter');
  await expect(problems).toContainText('Niet opgeslagen: 1 punt(en)');
  await expect(problems.getByRole('listitem')).toHaveText(
    'Doelen per veerkrachtklasse van de buurt › veerkrachtklasse 1 › Onderdeel 1 › Gewicht: moet een heel getal zijn',
  );
  await expect(page.locator('[data-path="defaultsByResilienceClass.1.0.weight"] .field-error')).toHaveText('moet een heel getal zijn');
  await expect(weight).toHaveAttribute('aria-invalid', 'true');
  await expect(weight).toHaveValue('1,5');
  await saveButton.click();
  await expect(problems).toContainText('Niet opgeslagen: 1 punt(en)');
  expect(saves).toEqual([]);
  await problems.getByRole('link').click();
  await expect(weight).toBeFocused();
  await weight.fill('150');
  await expect(page.locator('[data-path="defaultsByResilienceClass.1.0.weight"] .field-error')).toHaveCount(0);
  await expect(problems).toHaveCount(0);
  // a share above 100% and an override for a complex that does not exist
  await share.fill('12000');
  const overrides = page.locator('fieldset[data-path="complexOverridesByCode"]');
  await overrides.getByLabel('Nieuw onder Afwijkingen per complex: code').fill('CPX-NOPE');
  await overrides.getByRole('button', { name: 'Toevoegen' }).click();
  await saveButton.click();
  // the API's problem, at its field and in the list above the form, linked to the input
  await expect(problems).toContainText('Niet opgeslagen: 1 punt(en)');
  await expect(problems.getByRole('link')).toHaveText(
    'Doelen per veerkrachtklasse van de buurt › veerkrachtklasse 1 › Onderdeel 1 › Aandeel (basispunten, 10.000 = 100%)',
  );
  await expect(share).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('[data-path="defaultsByResilienceClass.1.0.basisPoints"] .field-error')).toContainText('10000');
  await expectAccessible(page, 'policy form with problems');
  await screenshot(page, 'manager-policy-form');
  await problems.getByRole('link').click();
  await expect(share).toBeFocused();
  // a new share typed and Enter pressed in its field: the API is asked with what the field shows (2500, not 12000),
  // and names the next problem, of a group: its link goes to the group
  await share.fill('2500');
  await share.press('Enter');
  await expect(problems.getByRole('link')).toHaveText('Afwijkingen per complex');
  await expect(problems).toContainText('CPX-NOPE');
  await expect(share).not.toHaveAttribute('aria-invalid', 'true');
  await problems.getByRole('link').click();
  await expect(overrides).toBeFocused();
  await overrides.getByRole('button', { name: 'CPX-NOPE verwijderen' }).click();
  await saveButton.click();

  // saved: the third version, planned, and exactly what it changes against the version in force
  await expect(page.getByRole('heading', { name: 'Beleid', level: 1 })).toBeVisible();
  expect(saves).toHaveLength(3);
  const rows = page.getByTestId('policy-versions').first().locator('tbody tr');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(2)).toContainText(/v3.*Plan Rozenhof strenger.*1 jan 2030.*gepland/);
  await page.getByLabel('Van versie').selectOption({ label: 'v1 Composition policy' });
  await page.getByLabel('Naar versie').selectOption({ label: 'v3 Plan Rozenhof strenger' });
  const diff = page.getByTestId('policy-changes').locator('tbody tr');
  await expect(diff).toHaveCount(2);
  await expect(diff.filter({ hasText: 'Aandeel' }).locator('td')).toHaveText(['gewijzigd', '30% (3.000)', '25% (2.500)']);
  await expect(diff.filter({ hasText: 'Gewicht' }).locator('td')).toHaveText(['gewijzigd', '100', '150']);

  // the override reasons: a new coded reason in a form, not a JSON text
  await page.getByRole('tab', { name: 'Redenen om af te wijken' }).click();
  // counted once the override reasons' panel shows (not the composition versions still on screen)
  await expect(page.getByRole('link', { name: 'Nieuwe versie opstellen' })).toHaveAttribute('href', '/policies/override/new');
  const overrideVersions = page.getByTestId('policy-versions').locator('tbody tr');
  const before = await overrideVersions.count();
  await page.getByRole('link', { name: 'Nieuwe versie opstellen' }).click();
  await expect(page.getByRole('heading', { name: 'Nieuwe versie van de afwijkingsredenen' })).toBeVisible();
  await page.getByLabel('Gaat in op').fill('2030-01-01');
  await page.getByRole('button', { name: 'Nog een toevoegen (kopie van de laatste)' }).click();
  const added = page.locator('.document-items > li').last();
  await added.getByLabel('Code').fill('BUURTBEHEER');
  await added.getByLabel('Omschrijving').fill('Afspraak met de buurtbeheerder over deze woning');
  await added.getByLabel('Vereist gegeven').selectOption('');
  await expectAccessible(page, 'override reasons form');
  await page.getByRole('button', { name: 'Versie opslaan' }).click();
  await expect(page.getByRole('heading', { name: 'Beleid', level: 1 })).toBeVisible();
  await expect(overrideVersions).toHaveCount(before + 1);
  await expect(overrideVersions.last()).toContainText(/1 jan 2030.*gepland/);
  const changed = page.getByTestId('policy-changes').locator('tbody tr');
  await expect(changed.filter({ hasText: 'BUURTBEHEER' }).first()).toContainText('toegevoegd');
  expect(outside).toEqual([]);
});

test('a problem typed into a list item stays with that item when an item above it is removed', async ({ page, baseURL }) => {
  const outside = watchOrigin(page, baseURL!);
  await signIn(page, 'Manager', 'dev-manager');
  await page.goto('/policies/local/new');
  await expect(page.getByRole('heading', { name: /^Nieuwe versie van lokaal beleid/ })).toBeVisible();
  const field = (item: number, key: string) => page.locator(`[data-path="roomNorms.${item}.${key}"]`);
  const secondMinRooms = await field(1, 'minRooms').locator('input').inputValue();
  await field(1, 'maxRooms').locator('input').fill('veel');
  await expect(field(1, 'maxRooms').locator('.field-error')).toHaveText('moet een heel getal zijn');
  // the first room norm removed: the second (with its text and problem) is now the first
  await page.locator('fieldset[data-path="roomNorms.0"]').getByRole('button', { name: 'Onderdeel 1 verwijderen' }).click();
  await expect(field(0, 'minRooms').locator('input')).toHaveValue(secondMinRooms);
  await expect(field(0, 'maxRooms').locator('input')).toHaveValue('veel');
  await expect(field(0, 'maxRooms').locator('.field-error')).toHaveText('moet een heel getal zijn');
  await expect(field(1, 'maxRooms').locator('.field-error')).toHaveCount(0);
  await page.getByRole('button', { name: 'Versie opslaan' }).click();
  const problems = page.getByTestId('form-problems');
  await expect(problems.getByRole('listitem')).toHaveText('Kamernormen › Onderdeel 1 › Kamers ten hoogste: moet een heel getal zijn');
  await problems.getByRole('link').click();
  await expect(field(0, 'maxRooms').locator('input')).toBeFocused();
  expect(outside).toEqual([]);
});
