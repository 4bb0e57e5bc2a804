// Two parents, one password (issue #9): both parents of a child choose the same password. In a
// browser new to both accounts, each is asked for the code mailed to their own address, and lands
// in their own account only; a wrong code opens nothing and says so next to the field.
import { test, expect, type Browser, type Page } from '@playwright/test';
import { newLetters, mailTo, mailsTo, type Letter } from '../support/school';
import { acceptTerms, passphrase, saveNewPassword, signIn } from '../support/journey';

interface Parent { firstName: string; lastName: string; role: string; email: string }

/** The first sign-in journey with `letter`, choosing the shared passphrase, then the address confirmed. */
async function settleAndConfirm(browser: Browser, letter: Letter, parent: Parent, js: boolean) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, letter.identifier, letter.password);
  await acceptTerms(page, js);
  await saveNewPassword(page, passphrase);
  await expect(page).toHaveURL(/\/bienvenue$/);
  await page.getByLabel('Votre prénom').fill(parent.firstName);
  await page.getByLabel('Votre nom de famille').fill(parent.lastName);
  await page.getByLabel('Votre rôle').selectOption({ label: parent.role });
  await page.getByLabel('Adresse e-mail').fill(parent.email);
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page).toHaveURL(/\/$/);
  const mail = await mailTo(parent.email);
  await page.goto(mail.match(/http:\/\/127\.0\.0\.1:\d+\/confirmer-email\?jeton=[A-Za-z0-9_-]+/)![0]);
  await page.getByRole('button', { name: 'Confirmer mon adresse e-mail' }).click();
  await expect(page.getByRole('heading', { name: 'Adresse e-mail confirmée' })).toBeVisible();
  await context.close();
}

/** The code of the next sign-in code mail to `email`, once it arrives. */
async function nextCode(email: string, before: number): Promise<string> {
  const codes = () => mailsTo(email).filter((mail) => mail.includes('Votre code de connexion'));
  await expect.poll(() => codes().length, { message: `a code mail to ${email}` }).toBeGreaterThan(before);
  return codes().pop()!.match(/Votre code de connexion : (\d{6})/)![1];
}

function codeMails(email: string): number {
  return mailsTo(email).filter((mail) => mail.includes('Votre code de connexion')).length;
}

async function typeCode(page: Page, code: string) {
  await page.getByLabel('Code reçu par e-mail').fill(code);
  await page.getByRole('button', { name: 'Valider' }).click();
}

test('two parents who chose one password each land in their own account', async ({ browser }, info) => {
  const js = info.project.name === 'javascript';
  const [first, second] = newLetters('Albert', 'Partage');
  const stamp = `${js ? 'js' : 'nojs'}.${Date.now()}`;
  const mother = { firstName: 'Antoinette', lastName: 'Dupond', role: 'Mère', email: `mere.${stamp}@example.be` };
  const father = { firstName: 'Bernard', lastName: 'Partage', role: 'Père', email: `pere.${stamp}@example.be` };
  await settleAndConfirm(browser, first, mother, js);
  await settleAndConfirm(browser, second, father, js);

  for (const parent of [mother, father]) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const before = codeMails(parent.email);
    await signIn(page, first.identifier, passphrase);
    await expect(page).toHaveURL(/\/connexion\/code$/);
    await expect(page.getByRole('heading', { name: 'Vérification' })).toBeVisible();
    const code = await nextCode(parent.email, before);

    // A wrong code: the message sits next to the field, and nothing opens.
    await typeCode(page, code === '123456' ? '654321' : '123456');
    await expect(page.getByText('Ce code ne correspond pas')).toBeVisible();
    await page.goto('/');
    await expect(page).toHaveURL(/\/connexion$/);

    await page.goto('/connexion/code');
    await typeCode(page, code);
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByText(`${parent.firstName} ${parent.lastName}`)).toBeVisible();
    const other = parent === mother ? father : mother;
    await expect(page.getByText(`${other.firstName} ${other.lastName}`)).toHaveCount(0);
    await context.close();
  }
});
