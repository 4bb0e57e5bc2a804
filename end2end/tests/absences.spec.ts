// Absences, as a family and a teacher use them: the mother reports a morning's absence from the
// "Vers" menu with a certificate (first without a reason: told next to the field, the date kept);
// the father sees it on his own page; the teacher of the child's course acknowledges it, and both
// parents read that the school saw it. With JavaScript on and off.
import { execFileSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { settle, signIn } from '../support/journey';
import { newLetters } from '../support/school';

const certificate = { name: 'certificat.pdf', mimeType: 'application/pdf',
  buffer: Buffer.from('%PDF-1.4\n% certificat\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n') };

test('a parent reports an absence, the other parent sees it, the teacher acknowledges it', async ({ page, browser }, info) => {
  const js = info.project.name === 'javascript';
  const lastName = `Absent${Date.now().toString().slice(-6)}${js ? 'j' : 'n'}`;
  const [motherLetter, fatherLetter] = newLetters('Albert', lastName);
  execFileSync(process.env.CARTABLE_BIN!, ['course', 'add', '--platform', 'isu-dour',
    '--student', motherLetter.identifier, '--name', 'Français', '--teacher', 'Mme Leroy'], { env: process.env });
  const mother = await (await browser.newContext({ javaScriptEnabled: js })).newPage();
  await settle(mother, motherLetter, js);
  const father = await (await browser.newContext({ javaScriptEnabled: js })).newPage();
  await settle(father, fatherLetter, js);

  // From the "Vers" menu.
  await mother.getByText('Vers', { exact: true }).click();
  await mother.getByRole('link', { name: 'Absences' }).click();
  await expect(mother).toHaveURL(/\/absences$/);
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  await mother.getByLabel('Le matin').check();
  await mother.getByLabel('Date (premier jour)').fill(tomorrow);
  await mother.getByRole('button', { name: "Signaler l'absence" }).click();
  await expect(mother.getByText("Donnez le motif de l'absence.")).toBeVisible();
  await expect(mother.getByLabel('Date (premier jour)')).toHaveValue(tomorrow);
  await expect(mother.getByLabel('Le matin')).toBeChecked();
  await mother.getByLabel('Motif').fill(`Dentiste ${lastName}`);
  await mother.getByLabel('Certificat (facultatif)').setInputFiles(certificate);
  await mother.getByRole('button', { name: "Signaler l'absence" }).click();
  await expect(mother).toHaveURL(/\/absences\?signalee=1$/);
  const hers = mother.locator('.absences li', { hasText: lastName });
  await expect(hers).toContainText('(Le matin)');
  await expect(hers).toContainText('par vous');
  await expect(hers).toContainText("Pas encore vue par l'école");
  const file = await hers.getByRole('link', { name: 'Certificat' }).getAttribute('href');
  const download = await mother.request.get(file!);
  expect(download.headers()['content-disposition']).toMatch(/^attachment;/);
  expect(await download.body()).toEqual(certificate.buffer);

  // The father: the same absence, reported by "another parent".
  await father.goto('/absences');
  const his = father.locator('.absences li', { hasText: lastName });
  await expect(his).toContainText("par un autre parent de l'enfant");

  // The teacher of the child's course.
  await signIn(page, 'claire.leroy@isu-dour.be', 'la craie au tableau');
  await expect(page).toHaveURL(/\/ecole$/);
  await page.getByRole('link', { name: 'Absences' }).first().click();
  await expect(page).toHaveURL(/\/ecole\/absences$/);
  const line = page.locator('.absences li', { hasText: lastName });
  await expect(line).toContainText('Antoinette Dupond');
  await line.getByRole('button', { name: 'Bien reçu' }).click();
  await expect(page.locator('.absences li', { hasText: lastName })).toHaveCount(0);
  await page.getByRole('link', { name: 'Voir aussi les absences déjà vues' }).click();
  await expect(page.locator('.absences li', { hasText: lastName })).toContainText('Vue par Claire Leroy');

  for (const parent of [mother, father]) {
    await parent.goto('/absences');
    await expect(parent.locator('.absences li', { hasText: lastName })).toContainText("Vue par l'école le");
  }
});
