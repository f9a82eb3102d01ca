import { expect, test } from '@playwright/test';
import { signIn, watchOrigin } from './helpers';

/** The report's charts speak the reader's language too: drawn anew (name, axis, quota names) when it changes. */
test('the allocation report draws its chart anew in English when the manager switches language', async ({ page, baseURL }) => {
  const outside = watchOrigin(page, baseURL!);
  await signIn(page, 'Manager', 'dev-manager');
  await page.getByRole('link', { name: 'Rapportage' }).click();
  const dutch = page.getByRole('img', { name: 'Staafdiagram: aandeel per quotum, met de norm als streep' });
  await expect(dutch).toBeVisible();
  await expect(dutch.locator('text', { hasText: 'Aandeel (%)' })).toHaveCount(1);

  await page.getByLabel('Taal').selectOption('en');
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('Toewijzingsrapportage');
  const english = page.getByRole('img', { name: 'Bar chart: share per quota, with the norm as a tick' });
  await expect(english).toBeVisible();
  await expect(english.locator('text', { hasText: 'Share (%)' })).toHaveCount(1);
  await expect(english.locator('text', { hasText: 'Aandeel (%)' })).toHaveCount(0);
  expect(outside).toEqual([]);
});
