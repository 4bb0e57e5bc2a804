// The Intradesk, as a teacher and a parent use it: the teacher of 3B makes a folder and shares a
// PDF with her class (first without a title: told next to the field); a parent of a 3B student
// finds it from the "Vers" menu and downloads it; the teacher then sees that this parent opened
// it. With JavaScript on and off.
import { execFileSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { settle, signIn } from '../support/journey';

const programme = { name: 'programme.pdf', mimeType: 'application/pdf',
  buffer: Buffer.from('%PDF-1.4\n% programme\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n') };

test('a teacher shares a document with her class, a parent opens it, the teacher sees who did', async ({ page, browser }, info) => {
  const js = info.project.name === 'javascript';
  const lastName = `Lecteur${Date.now().toString().slice(-6)}${js ? 'j' : 'n'}`;
  const cartable = (args: string[]) => execFileSync(process.env.CARTABLE_BIN!, args, { env: process.env }).toString();
  const letters = JSON.parse(cartable(['student', 'add', '--json', '--platform', 'isu-dour',
    '--first-name', 'Albert', '--last-name', lastName, '--class', '3B']));
  cartable(['course', 'add', '--platform', 'isu-dour', '--student', letters.identifier,
    '--name', 'Français', '--teacher', 'Mme Leroy']);
  const folder = `Sorties ${lastName}`;
  const title = `Programme ${lastName}`;

  await signIn(page, 'claire.leroy@isu-dour.be', 'la craie au tableau');
  await expect(page).toHaveURL(/\/ecole$/);
  await page.goto('/ecole/intradesk');
  await page.getByLabel('Dossier', { exact: true }).last().fill(folder);
  await page.getByRole('button', { name: 'Créer le dossier' }).click();
  await expect(page.getByRole('heading', { name: folder })).toBeVisible();
  const share = page.locator('form[enctype="multipart/form-data"]');
  await share.getByLabel('Dossier', { exact: true }).selectOption({ label: folder });
  await share.getByLabel('3B').check();
  await share.getByLabel('Fichier').setInputFiles(programme);
  await share.getByRole('button', { name: 'Partager' }).click();
  await expect(page.getByText('Donnez un titre au document.')).toBeVisible();
  await expect(page.locator('form[enctype="multipart/form-data"]').getByLabel('Dossier', { exact: true }))
    .toHaveValue(/^\d+$/);
  const again = page.locator('form[enctype="multipart/form-data"]');
  await again.getByLabel('Dossier', { exact: true }).selectOption({ label: folder });
  await again.getByLabel('Titre').fill(title);
  await again.getByLabel('3B').check();
  await again.getByLabel('Fichier').setInputFiles(programme);
  await again.getByRole('button', { name: 'Partager' }).click();
  await expect(page).toHaveURL(/\/ecole\/intradesk$/);
  const shared = page.locator('.documents li', { hasText: title });
  await expect(shared).toContainText('Classes : 3B');
  await expect(shared).toContainText('Ouvert par 0 parent');

  const parent = await (await browser.newContext({ javaScriptEnabled: js })).newPage();
  await settle(parent, { identifier: letters.identifier, password: letters.slots[0].temporary_password }, js);
  await parent.getByText('Vers', { exact: true }).click();
  await parent.getByRole('link', { name: 'Intradesk' }).click();
  await expect(parent).toHaveURL(/\/intradesk$/);
  await expect(parent.getByRole('heading', { name: folder })).toBeVisible();
  const link = parent.getByRole('link', { name: title });
  const download = await parent.request.get((await link.getAttribute('href'))!);
  expect(download.headers()['content-disposition']).toMatch(/^attachment;/);
  expect(await download.body()).toEqual(programme.buffer);

  await page.reload();
  const opened = page.locator('.documents li', { hasText: title });
  await expect(opened).toContainText('Ouvert par 1 parent');
  await opened.getByText('Ouvert par 1 parent').click();
  await expect(opened.getByText('Antoinette Dupond')).toBeVisible();
});
