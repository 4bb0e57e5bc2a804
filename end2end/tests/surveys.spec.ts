// Surveys, as a teacher and a parent use them: the teacher of 3B asks her class's parents which
// menu their child wants (first without closing time: told next to the field, the title kept); a
// parent of 3B answers from the "Vers" menu (first without choosing: told next to the question);
// the teacher reads the count and downloads the answers as CSV. With JavaScript on and off.
import { execFileSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { settle, signIn } from '../support/journey';

/** `datetime-local`'s value for a moment `days` from now (the browser's zone is the server's). */
function inDays(days: number): string {
  const at = new Date(Date.now() + days * 86_400_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T18:00`;
}

test('a teacher asks her class, a parent answers once, the teacher reads and exports the answers', async ({ page, browser }, info) => {
  const js = info.project.name === 'javascript';
  const lastName = `Sondé${Date.now().toString().slice(-6)}${js ? 'j' : 'n'}`;
  const cartable = (args: string[]) => execFileSync(process.env.CARTABLE_BIN!, args, { env: process.env }).toString();
  const letters = JSON.parse(cartable(['student', 'add', '--json', '--platform', 'isu-dour',
    '--first-name', 'Albert', '--last-name', lastName, '--class', '3B']));
  cartable(['course', 'add', '--platform', 'isu-dour', '--student', letters.identifier,
    '--name', 'Français', '--teacher', 'Mme Leroy']);
  const title = `Repas de Noël ${lastName}`;

  await signIn(page, 'claire.leroy@isu-dour.be', 'la craie au tableau');
  await expect(page).toHaveURL(/\/ecole$/);
  await page.goto('/ecole/enquetes');
  await page.getByLabel('Titre').fill(title);
  await page.getByLabel('3B').check();
  const first = page.locator('fieldset.question-slot').first();
  await first.getByLabel('Question (laissez vide pour ne pas l\'utiliser)').fill('Quel menu ?');
  await first.getByLabel('Type de réponse').selectOption('single');
  await first.getByLabel('Choix, un par ligne (pour un choix)').fill('Viande\nPoisson\nVégétarien');
  await page.getByRole('button', { name: "Publier l'enquête" }).click();
  await expect(page.getByText("Indiquez quand l'enquête se clôt (jour et heure).")).toBeVisible();
  await expect(page.getByLabel('Titre')).toHaveValue(title);
  await page.getByLabel('Clôture (jour et heure)').fill(inDays(3));
  await page.getByLabel('3B').check();
  await page.getByRole('button', { name: "Publier l'enquête" }).click();
  await expect(page).toHaveURL(/\/ecole\/enquetes\/\d+$/);
  await expect(page.getByRole('heading', { name: title })).toBeVisible();
  const results = page.url();

  const parent = await (await browser.newContext({ javaScriptEnabled: js })).newPage();
  await settle(parent, { identifier: letters.identifier, password: letters.slots[0].temporary_password }, js);
  await parent.getByText('Vers', { exact: true }).click();
  await parent.getByRole('link', { name: 'Enquêtes' }).click();
  await expect(parent).toHaveURL(/\/enquetes$/);
  await parent.getByRole('link', { name: title }).click();
  await parent.getByRole('button', { name: 'Envoyer mes réponses' }).click();
  await expect(parent.getByText('Répondez à cette question.')).toBeVisible();
  await parent.getByLabel('Poisson').check();
  await parent.getByRole('button', { name: 'Envoyer mes réponses' }).click();
  await expect(parent.getByText(/^Répondu le/)).toBeVisible();
  await expect(parent.locator('.answers dd')).toHaveText('Poisson');
  await expect(parent.getByRole('button', { name: 'Envoyer mes réponses' })).toHaveCount(0);

  await page.goto(results);
  await expect(page.locator('.counts li', { hasText: 'Poisson' })).toContainText('1');
  await expect(page.locator('.staff-table tbody tr')).toContainText('Antoinette Dupond');
  const csv = await page.request.get((await page.getByRole('link', { name: 'Télécharger les réponses (CSV)' }).getAttribute('href'))!);
  expect(csv.headers()['content-disposition']).toMatch(/^attachment;/);
  expect(await csv.text()).toContain('Poisson');
});
