// Messages, as a school and two separated parents use them: the teacher of 3B writes to the
// parents of one of her students, with a PDF; the mother reads it (the counter in her header goes
// down) and replies with a PDF of her own; the father reads his own copy and never her reply; the
// teacher sees who has read what. The mother hears of it by mail at once, having turned her quiet
// hours off, and on the Notifications page. With JavaScript on and off.
import { execFileSync } from 'node:child_process';
import { expect, test, type Page } from '@playwright/test';
import { settle, signIn } from '../support/journey';
import { mailsTo, newLetters } from '../support/school';

/** The smallest file a browser and the server read as a PDF. */
const pdf = (title: string) => ({ name: `${title}.pdf`, mimeType: 'application/pdf',
  buffer: Buffer.from(`%PDF-1.4\n% ${title}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`) });

/** A student of 3B in Mme Leroy's French course, with both parents' letters. */
function studentOfFrench(lastName: string) {
  const letters = newLetters('Albert', lastName);
  execFileSync(process.env.CARTABLE_BIN!, ['course', 'add', '--platform', 'isu-dour',
    '--student', letters[0].identifier, '--name', 'Français', '--teacher', 'Mme Leroy'], { env: process.env });
  return letters;
}

/** The unread count in the header's "Messages" link ('' when none). */
async function unreadInHeader(page: Page): Promise<string> {
  const badge = page.locator('.site-header nav > a[href="/messages"] .badge');
  return (await badge.count()) ? (await badge.textContent())!.trim() : '';
}

test('a teacher writes to both parents; each reads their own copy, and only the mother her reply', async ({ page, browser }, info) => {
  const js = info.project.name === 'javascript';
  const lastName = `Messager${Date.now().toString().slice(-6)}${js ? 'j' : 'n'}`;
  const [motherLetter, fatherLetter] = studentOfFrench(lastName);
  const mother = await (await browser.newContext({ javaScriptEnabled: js })).newPage();
  const motherEmail = await settle(mother, motherLetter, js);
  // Told at once whatever the hour the tests run at: no quiet hours.
  await mother.goto('/notifications/reglages');
  await expect(mother.getByLabel('Messages')).toHaveValue(/:message:immediately$/);
  await mother.getByLabel('De', { exact: true }).fill('00:00');
  await mother.getByLabel('À', { exact: true }).fill('00:00');
  await mother.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(mother.getByText('Vos choix sont enregistrés.')).toBeVisible();
  const father = await (await browser.newContext({ javaScriptEnabled: js })).newPage();
  await settle(father, fatherLetter, js);

  // The teacher, from the student's page.
  await signIn(page, 'claire.leroy@isu-dour.be', 'la craie au tableau');
  await expect(page).toHaveURL(/\/ecole$/);
  await page.goto(`/ecole/eleves?nom=${lastName}`);
  await page.getByRole('link', { name: new RegExp(lastName) }).click();
  await page.getByRole('link', { name: 'Écrire aux parents' }).click();
  await expect(page.getByLabel('Destinataires')).toHaveValue(/^eleve:\d+$/);
  const subject = `Sortie au musée ${lastName}`;
  // Sent empty first: refused next to the field, the subject kept.
  await page.getByLabel('Objet').fill(subject);
  await page.getByRole('button', { name: 'Envoyer' }).click();
  await expect(page.getByText('Écrivez votre message.')).toBeVisible();
  await expect(page.getByLabel('Objet')).toHaveValue(subject);
  await page.getByLabel('Message', { exact: true }).fill('Bonjour,\nla sortie est **jeudi**. Détails : https://isu-dour.be/musee');
  await page.getByLabel('Pièces jointes (facultatif)').setInputFiles(pdf('programme'));
  await page.getByRole('button', { name: 'Envoyer' }).click();
  await expect(page.getByText('Message envoyé : 2 conversations.')).toBeVisible();

  // The mother: told by mail (without the text), counted in her header, then read.
  // (Her first mail asked to confirm her address; the subject's accents are encoded: its ASCII
  // name is looked for.)
  let notice = '';
  await expect.poll(() => {
    notice = mailsTo(motherEmail).find((mail) => mail.includes(lastName)) ?? '';
    return notice;
  }, { message: `a notice to ${motherEmail}` }).not.toBe('');
  expect(notice).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
  expect(notice).not.toContain('jeudi');
  await mother.goto('/');
  expect(await unreadInHeader(mother)).toBe('1');
  // The Notifications page lists it; once shown, its counter is gone.
  await mother.goto('/notifications');
  await expect(mother.getByRole('link', { name: `Nouveau message : ${subject}` })).toBeVisible();
  await mother.goto('/');
  await expect(mother.locator('.site-header nav > a[href="/notifications"] .badge')).toHaveCount(0);
  await mother.goto('/messages');
  await mother.getByRole('link', { name: new RegExp(subject) }).click();
  await expect(mother.locator('.message-body strong')).toHaveText('jeudi');
  await expect(mother.getByRole('link', { name: 'https://isu-dour.be/musee' })).toBeVisible();
  const file = mother.getByRole('link', { name: 'programme.pdf' });
  const download = await mother.request.get((await file.getAttribute('href'))!);
  expect(download.headers()['content-disposition']).toMatch(/^attachment;/);
  expect(await download.body()).toEqual(pdf('programme').buffer);
  expect(await unreadInHeader(mother)).toBe('');
  await mother.getByLabel('Message', { exact: true }).fill('Merci, Albert y sera.');
  await mother.getByLabel('Pièces jointes (facultatif)').setInputFiles(pdf('autorisation'));
  await mother.getByRole('button', { name: 'Envoyer' }).click();
  await expect(mother).toHaveURL(/\/messages\/\d+#dernier$/);
  await expect(mother.getByText('Merci, Albert y sera.')).toBeVisible();
  await expect(mother.getByRole('link', { name: 'autorisation.pdf' })).toBeVisible();

  // The father: his own copy, unread until he opens it; never her reply.
  await father.goto('/messages');
  expect(await unreadInHeader(father)).toBe('1');
  await father.getByRole('link', { name: new RegExp(subject) }).click();
  await expect(father.locator('.message-body strong')).toHaveText('jeudi');
  await expect(father.getByText('Merci, Albert y sera.')).toHaveCount(0);
  await expect(father.getByRole('link', { name: 'autorisation.pdf' })).toHaveCount(0);

  // The teacher: the mother's reply, and who has read her message.
  await page.goto('/ecole/messages');
  const lines = page.locator('.conversations li', { hasText: subject });
  await expect(lines).toHaveCount(2);
  await lines.filter({ has: page.locator('.badge') }).getByRole('link').click();
  await expect(page.getByText('Merci, Albert y sera.')).toBeVisible();
  await expect(page.locator('.message.mine .receipt')).toHaveText('Lu par Antoinette Dupond');
});
