import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, screenshot, signIn, watchOrigin } from './helpers';

/** What every screen owes everyone: the keyboard, the session, the language, the origin. */

/** Presses Tab until the focused element matches, as a keyboard user moves through the page. */
async function tabTo(page: Page, matches: (el: { tag: string; text: string; role: string | null }) => boolean, max = 80): Promise<void> {
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return { tag: el?.tagName.toLowerCase() ?? '', text: (el?.textContent ?? '').trim(), role: el?.getAttribute('role') ?? null };
    });
    if (matches(focused)) return;
  }
  throw new Error('the element was not reached with Tab');
}

/** A vacancy outside Rozenhof (the officer journey works there), open and with respondents. */
async function otherVacancy(page: Page, index: number): Promise<string> {
  await page.goto('/worklist?status=OPEN');
  const rows = page.getByTestId('worklist').locator('tbody tr').filter({ hasNotText: 'Rozenhof' });
  await expect(rows.nth(index)).toBeVisible();
  const reference = (await rows.nth(index).getByRole('link').textContent())!;
  expect(reference).toMatch(/^VAC-/);
  return reference;
}

test('an officer signs in, opens a vacancy, proposes, reads the respondents and decides with the keyboard only', async ({ page, baseURL }) => {
  const outside = watchOrigin(page, baseURL!);
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Aanmelden bij Woonmix' })).toBeVisible();
  await expectAccessible(page, 'sign-in');
  await screenshot(page, 'sign-in');
  // the officer's role is chosen first; the subject field, then the button
  await tabTo(page, (el) => el.tag === 'input' && el.role === null && el.text === '');
  await page.keyboard.type('dev-officer');
  await tabTo(page, (el) => el.tag === 'button' && el.text === 'Aanmelden');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Werkvoorraad' })).toBeVisible();

  const reference = await otherVacancy(page, 0);
  await page.goto('/worklist?status=OPEN');
  await tabTo(page, (el) => el.tag === 'a' && el.text === reference, 200);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: new RegExp(`Vrijkomende woning ${reference}`) })).toBeVisible();
  await tabTo(page, (el) => el.text === 'Maak een voorstel');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('chosen')).toBeVisible();
  const chosen = (await page.getByTestId('chosen').locator('.reference').textContent())!;

  // tabs: arrow keys move between them
  await tabTo(page, (el) => el.role === 'tab');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Reageerders' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('respondent-counts')).toBeVisible();
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByRole('tab', { name: 'Voorstel en besluit' })).toHaveAttribute('aria-selected', 'true');

  // accept as proposed: the radio is chosen already; the button
  await tabTo(page, (el) => el.tag === 'button' && el.text === 'Aanbieden', 200);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: /aanbod staat open|tweede consulent/ })).toBeVisible();
  await page.getByRole('tab', { name: /Aanbiedingen/ }).click();
  await expect(page.getByTestId('offers')).toContainText(chosen);
  expect(outside).toEqual([]);
});

test('a session that ends sends the officer to sign in and back, with the words typed still there; signing out ends the session', async ({ page }) => {
  await signIn(page, 'Woonconsulent', 'dev-officer');
  const reference = await otherVacancy(page, 1);
  await page.getByRole('link', { name: reference }).click();
  await page.getByRole('button', { name: 'Maak een voorstel' }).click();
  await expect(page.getByTestId('chosen')).toBeVisible();
  const address = page.url();
  await page.locator('label', { hasText: 'Afwijken' }).click();
  const words = 'Afgestemd met de wijkagent en het wijkteam over deze portiek.';
  await page.getByLabel(/Toelichting/).fill(words);

  // the token stops being valid (expired, or revoked at the provider): the next request gets 401
  await page.evaluate(() => {
    const session = JSON.parse(sessionStorage.getItem('woonmix.session')!);
    sessionStorage.setItem('woonmix.session', JSON.stringify({ ...session, token: 'expired-token' }));
  });
  await page.getByRole('tab', { name: 'Reageerders' }).click();
  await expect(page.getByRole('heading', { name: 'Aanmelden bij Woonmix' })).toBeVisible();
  await expect(page.getByRole('status')).toContainText('Uw sessie is verlopen');
  await page.locator('label', { hasText: /^Woonconsulent/ }).click();
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  await expect(page).toHaveURL(address);
  await page.locator('label', { hasText: 'Afwijken' }).click();
  await expect(page.getByLabel(/Toelichting/)).toHaveValue(words);

  await page.getByRole('button', { name: 'Afmelden' }).click();
  await expect(page.getByRole('status')).toContainText('U bent afgemeld');
  await page.goto('/worklist');
  await expect(page.getByRole('heading', { name: 'Aanmelden bij Woonmix' })).toBeVisible();
});

test('the workplace speaks Dutch by default and English on request', async ({ page }) => {
  await signIn(page, 'Woonconsulent', 'dev-officer');
  await expect(page.getByRole('heading', { name: 'Werkvoorraad' })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Beschikbaar per' })).toBeVisible();
  await page.getByLabel('Taal').selectOption('en');
  await expect(page.getByRole('heading', { name: 'Worklist' })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Available from' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expectAccessible(page, 'worklist (English)');
  // the service's sentences follow: a respondent's verdict, rule by rule, in English, then in Dutch again
  await page.getByTestId('worklist').locator('tbody tr').first().getByRole('link').first().click();
  await page.getByRole('tab', { name: 'Respondents' }).click();
  const firstVerdict = page.getByTestId('eligible').locator('tbody tr').first();
  await expect(firstVerdict).toContainText('Your household may rent this home');
  await page.getByLabel('Language').selectOption('nl');
  await page.getByRole('tab', { name: 'Reageerders' }).click();
  await expect(firstVerdict).toContainText('Uw huishouden mag deze woning huren');
  await expect(firstVerdict).not.toContainText('Your household');
});

test('an error of the API is shown in words, naming the field', async ({ page }) => {
  await signIn(page, 'Woonconsulent', 'dev-officer');
  const reference = await otherVacancy(page, 2);
  await page.getByRole('link', { name: reference }).click();
  await page.getByRole('button', { name: 'Maak een voorstel' }).click();
  await expect(page.getByTestId('chosen')).toBeVisible();
  await page.locator('label', { hasText: 'Afwijken' }).click();
  const household = page.getByRole('combobox', { name: 'Huishouden' });
  await household.selectOption({ index: 1 });
  await page.getByRole('combobox', { name: 'Reden (code)' }).selectOption('SOCIAL_MANAGEMENT');
  await page.getByLabel(/Toelichting/).fill('te kort');
  await page.getByRole('button', { name: 'Afwijking vastleggen' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Dat lukte niet');
  await expect(alert).toContainText('reasonText');
  await expect(alert).toContainText('10');
  await expectAccessible(page, 'decision with an error');
});
