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
