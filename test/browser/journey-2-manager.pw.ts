import { expect, test } from '@playwright/test';
import { expectAccessible, screenshot, signIn, watchOrigin } from './helpers';

/**
 * The manager's journey: a simulation of Rozenhof comparing the policy in force, Plan Rozenhof and
 * the plain order, read as a chart and tables with the price of each policy.
 */
test('a manager simulates Rozenhof under the policy in force, Plan Rozenhof and the plain order, and reads the chart and the price', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const outside = watchOrigin(page, baseURL!);
  await signIn(page, 'Manager', 'dev-manager');
  // first the complexes: Rozenhof in a buurt of resilience class 1, above its cap on vulnerable households
  await expect(page.getByRole('heading', { name: 'Complexen en buurten' })).toBeVisible();
  const rozenhof = page.getByTestId('complexes').locator('tbody tr').filter({ hasText: 'Rozenhof (CPX-CASE)' });
  await expect(rozenhof).toContainText(/vulnerable households: \d+(,\d)?% \(≤ 30%\) buiten de norm/);
  // sorting by resilience class: highest first, then lowest first, announced by aria-sort
  const sortByClass = page.getByTestId('complexes').getByRole('button', { name: 'Veerkrachtklasse' });
  const classOfFirstRow = page.getByTestId('complexes').locator('tbody tr').first().locator('td').nth(2);
  await sortByClass.click();
  await expect(page.getByTestId('complexes').getByRole('columnheader', { name: 'Veerkrachtklasse' })).toHaveAttribute('aria-sort', 'descending');
  await expect(classOfFirstRow).toHaveText('5');
  await sortByClass.click();
  await expect(page.getByTestId('complexes').getByRole('columnheader', { name: 'Veerkrachtklasse' })).toHaveAttribute('aria-sort', 'ascending');
  await expect(classOfFirstRow).toHaveText('1');
  await expect(page.getByTestId('buurten').locator('tbody tr').filter({ hasText: 'Rozenwijk' })).toBeVisible();
  await expectAccessible(page, 'complexes');
  await screenshot(page, 'manager-complexes');
  await page.getByRole('link', { name: 'Simulaties' }).click();
  await expect(page.getByRole('heading', { name: 'Simulatiestudio' })).toBeVisible();
  await expect(page.getByLabel('Complex')).toHaveValue(/\d+/);
  await expect(page.getByLabel('Complex').locator('option:checked')).toHaveText('Rozenhof (CPX-CASE)');
  // the version in force and Plan Rozenhof are chosen; the plain order always comes along
  const chosen = page.locator('fieldset input[type=checkbox]:checked');
  await expect(chosen).toHaveCount(2);
  await expect(page.locator('fieldset label', { hasText: 'Plan Rozenhof' }).locator('input')).toBeChecked();
  await page.getByLabel('Aantal runs').fill('100');
  await expectAccessible(page, 'simulation studio');
  await page.getByRole('button', { name: 'Start de simulatie' }).click();
  await expect(page.getByTestId('sim-status')).toBeVisible();
  await expect(page.getByTestId('sim-status')).toContainText('Klaar', { timeout: 200_000 });

  const result = page.getByTestId('sim-result');
  await expect(result.getByRole('heading', { level: 3 })).toContainText('CPX-CASE: 100 runs over 10 jaar');
  const outcomes = result.getByTestId('band-outcomes').first();
  await expect(outcomes.locator('tbody tr')).toHaveCount(3);
  await expect(outcomes).toContainText('Plan Rozenhof');
  await expect(outcomes).toContainText('Gewone volgorde (zonder sturing)');
  // the chart: a mean line and a P10-P90 band per policy (3 each), the target as a line, shares on the axis
  const chart = result.locator('figure.simulation-chart').first();
  await expect(chart.getByRole('img')).toBeVisible();
  // three mean lines with real coordinates (no NaN from a misread column)
  const lines = await chart.locator('svg path').evaluateAll((paths) => paths.map((p) => p.getAttribute('d') ?? '').filter((d) => d.length > 20));
  expect(lines.length).toBeGreaterThanOrEqual(6);
  expect(lines.join(' ')).not.toContain('NaN');
  // the y axis in percent (ticks 10, 20, 30, ...), the legend naming Plan Rozenhof
  await expect(chart.getByRole('img')).toContainText('30');
  await expect(chart.getByRole('img')).toContainText('Plan Rozenhof');
  const prices = result.getByTestId('sim-prices');
  await expect(prices.locator('tbody tr')).toHaveCount(3);
  await expect(prices).toContainText(/\d+(,\d+)? jaar/);
  await expect(result.getByRole('link', { name: 'Download de reeksen (CSV)' })).toHaveAttribute('download', 'simulatie-CPX-CASE.csv');
  await expectAccessible(page, 'simulation result');
  await screenshot(page, 'manager-simulation');
  expect(outside).toEqual([]);
});
