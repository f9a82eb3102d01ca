import { expect, test } from '@playwright/test';
import { expectAccessible, screenshot, signIn, watchOrigin } from './helpers';

/**
 * The auditor's journey after the officers' (journey-1-officer.pw.ts): browse and filter the log, verify the
 * chain, read each proposal's rationale under pseudonyms, replay every proposal (IDENTICAL), ask why
 * a household was not chosen.
 */
test('an auditor filters the log, verifies the chain, replays every proposal and asks why a household was not chosen', async ({ page, baseURL }) => {
  const outside = watchOrigin(page, baseURL!);
  await signIn(page, 'Auditor', 'dev-auditor');
  await expect(page.getByRole('heading', { name: 'Auditlog' })).toBeVisible();
  const rows = page.getByTestId('audit-events').locator('tbody tr');
  await expect(rows.first()).toBeVisible();

  await page.getByRole('button', { name: 'Controleer de hele keten' }).click();
  await expect(page.getByTestId('chain-result')).toContainText(/De keten klopt: \d+ gebeurtenissen/);
  await expectAccessible(page, 'audit log');
  await screenshot(page, 'auditor-audit-log');

  // the second officer's approvals, by actor and kind
  await page.getByLabel('Door').fill('dev-officer-2');
  await page.getByLabel('Soort').selectOption('OFFER_APPROVED');
  await page.getByRole('button', { name: 'Filteren' }).click();
  await expect(page.getByTestId('audit-count')).toContainText(/^[1-9]\d* gebeurtenissen/);
  for (const row of await rows.all()) {
    await expect(row).toContainText('dev-officer-2');
    await expect(row).toContainText('Aanbieding goedgekeurd (vier ogen)');
  }

  // every proposal of the day replays identically
  await page.getByLabel('Door').fill('');
  await page.getByLabel('Soort').selectOption('PROPOSAL_MADE');
  await page.getByRole('button', { name: 'Filteren' }).click();
  await expect(rows.first()).toContainText('Voorstel gemaakt');
  const proposals = (
    await page
      .getByTestId('audit-events')
      .getByRole('link', { name: /^voorstel \d+$/ })
      .allTextContents()
  ).map((text) => text.replace('voorstel ', ''));
  // the officer's proposal and the one the system made after the decline, at least
  expect(proposals.length).toBeGreaterThanOrEqual(2);
  let pseudonym = '';
  for (const id of proposals) {
    await page.goto(`/proposals/${id}`);
    await expect(page.getByRole('heading', { name: new RegExp(`Voorstel ${id} voor VAC-`) })).toBeVisible();
    const rationale = page.getByTestId('rationale');
    await expect(rationale).toContainText(/\S/);
    // auditors read households under pseudonyms, never by reference
    await expect(rationale).not.toContainText(/H-\d{6}/);
    pseudonym ||= ((await rationale.textContent())!.match(/PSN-[0-9a-f]{16}/) ?? [''])[0];
    await page.getByRole('button', { name: 'Reken opnieuw uit' }).click();
    await expect(page.getByTestId('replay-result')).toContainText('IDENTIEK');
  }
  expect(pseudonym).toMatch(/^PSN-/);
  await expectAccessible(page, 'proposal audit');
  await screenshot(page, 'auditor-proposal-replay');

  await page.getByLabel('Huishouden (pseudoniem)').fill(pseudonym);
  await page.getByRole('button', { name: 'Vraag het na' }).click();
  await expect(page.getByTestId('why-not')).toContainText(pseudonym);
  expect(outside).toEqual([]);
});
