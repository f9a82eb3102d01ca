import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const SCREENSHOT_DIR = resolve(__dirname, '..', '..', 'test-results', 'screenshots');

/** Every request the page makes must stay on the service's origin (closed networks). */
export function watchOrigin(page: Page, baseURL: string): string[] {
  const outside: string[] = [];
  const origin = new URL(baseURL).origin;
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith('data:') && !url.startsWith('blob:') && new URL(url).origin !== origin) outside.push(url);
  });
  return outside;
}

/** Sign in through the development sign-in page as a role (and subject). */
export async function signIn(page: Page, role: 'Woonconsulent' | 'Manager' | 'Auditor' | 'Beheerder', subject?: string, path = '/'): Promise<void> {
  await page.goto(path);
  await expect(page.getByRole('heading', { name: 'Aanmelden bij Woonmix' })).toBeVisible();
  await page.locator('label', { hasText: new RegExp(`^${role}`) }).click();
  await expect(page.getByRole('radio', { name: new RegExp(`^${role}`) })).toBeChecked();
  if (subject) await page.getByLabel(/Gebruikersnaam/).fill(subject);
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  await expect(page.getByTestId('signed-in-as')).toContainText(subject ?? '');
}

/** axe-core on the page as it is: no serious or critical violation (WCAG 2.1 AA rules). */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${screen}: ${v.id} (${v.impact}) ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/**
 * Open vacancies that are advertised (not direct), outside Rozenhof (journey 1), with respondents and
 * available this year (letting one needs the rule parameters of its year; the demo has this year's), in
 * worklist order.
 */
export async function advertisableVacancies(page: Page): Promise<string[]> {
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
export async function openVacancy(page: Page, reference: string): Promise<void> {
  await page.goto(`/worklist?q=${encodeURIComponent(reference)}`);
  await page.getByTestId('worklist').getByRole('link', { name: reference, exact: true }).click();
  await expect(page.getByRole('heading', { name: new RegExp(`Vrijkomende woning ${reference}`) })).toBeVisible();
}

/** The `nth` (1-based) of these vacancies from the end that is not published. */
export async function unpublishedFromEnd(page: Page, references: string[], nth: number): Promise<string> {
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

/**
 * Proposes and offers the `nth` open, advertised, unpublished vacancy from the end of the worklist as
 * dev-officer; an offer that needs four eyes is approved by dev-officer-2 (FOUR_EYES_MIN_DISPLACEMENT).
 * Ends signed in as dev-officer on the vacancy's page. Returns the vacancy and the household offered.
 */
export async function offerAdvertisedVacancy(page: Page, nth: number): Promise<{ vacancy: string; chosen: string }> {
  const vacancy = await unpublishedFromEnd(page, await advertisableVacancies(page), nth);
  await openVacancy(page, vacancy);
  await page.getByRole('button', { name: 'Maak een voorstel' }).click();
  await expect(page.getByTestId('chosen')).toBeVisible();
  const chosen = (await page.getByTestId('chosen').locator('.reference').textContent())!.trim();
  await page.getByRole('button', { name: 'Aanbieden', exact: true }).click();
  const sent = page.getByRole('status').filter({ hasText: /aanbod staat open|tweede consulent/ });
  await expect(sent).toBeVisible();
  if ((await sent.textContent())!.includes('tweede consulent')) {
    await page.getByRole('button', { name: 'Afmelden' }).click();
    await signIn(page, 'Woonconsulent', 'dev-officer-2', '/approvals');
    await page.getByTestId('approval').filter({ hasText: vacancy }).getByRole('button', { name: 'Goedkeuren' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Goedgekeurd' })).toBeVisible();
    await page.getByRole('button', { name: 'Afmelden' }).click();
    await signIn(page, 'Woonconsulent', 'dev-officer');
    await openVacancy(page, vacancy);
  }
  return { vacancy, chosen };
}
