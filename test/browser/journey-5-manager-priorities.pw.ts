import { expect, test } from '@playwright/test';
import { expectAccessible, screenshot, signIn, watchOrigin } from './helpers';

/**
 * Where to steer (issue 16): the manager reads the buurten ranked through the resilience lens, opens
 * the one on top and reads why: each component with its value, weight and points, and the buurt's
 * readings over the years (the demo's, labelled as generated demo data).
 */
test('a manager reads the buurten by priority and why Rozenwijk comes first, with its readings over the years', async ({ page, baseURL }) => {
  const outside = watchOrigin(page, baseURL!);
  await signIn(page, 'Manager', 'dev-manager');
  await page.getByRole('link', { name: 'Prioriteiten' }).click();
  await expect(page.getByRole('heading', { name: 'Waar sturen? Buurten door de veerkrachtlens' })).toBeVisible();
  await expect(page.locator('.note').first()).toContainText('Startversie (aan te passen) (versie 1)');
  const rows = page.getByTestId('priorities').locator(':scope > tbody > tr');
  await expect(rows.first()).toContainText('Rozenwijk (BU90010200)');
  await expect(rows.first().locator('td').first()).toHaveText('1');
  await expectAccessible(page, 'priorities');
  await page.getByRole('button', { name: 'Waarom Rozenwijk?' }).click();
  await expect(page.getByRole('button', { name: 'Waarom Rozenwijk?' })).toHaveAttribute('aria-expanded', 'true');
  const components = page.getByTestId('priority-components').locator('tbody tr');
  await expect(components).toHaveCount(8);
  await expect(components.filter({ hasText: 'Veerkrachtklasse' }).locator('td').first()).toHaveText('1');
  await expect(components.filter({ hasText: 'Complexen buiten hun doelen' }).locator('td').first()).not.toHaveText('0');
  const readings = page.getByTestId('buurt-readings').locator('tbody tr');
  await expect(readings.first()).toContainText('2019');
  await expect(page.getByTestId('buurt-readings')).toContainText('generated, not a measurement');
  await expectAccessible(page, 'priorities with a buurt opened');
  await screenshot(page, 'manager-priorities');
  expect(outside).toEqual([]);
});
