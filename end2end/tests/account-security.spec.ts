// The parent's own security, in a real browser with JavaScript on and off: the devices page and
// signing another device out, and a forgotten password reset by a link that reached the SMTP sink.
import { test, expect } from '@playwright/test';
import { passphrase, saveNewPassword, settle, signIn } from '../support/journey';
import { mailTo, newLetter } from '../support/school';

test('the devices page shows each device and signs another one out', async ({ page, browser }, info) => {
  const js = info.project.name === 'javascript';
  const letter = newLetter('Paul', 'Durant');
  await settle(page, letter, js);

  // A second device: another browser context, signed in with the parent's password.
  const other = await browser.newContext({ javaScriptEnabled: js });
  const otherPage = await other.newPage();
  await signIn(otherPage, letter.identifier, passphrase);
  await expect(otherPage).toHaveURL(/\/$/);

  await page.getByRole('link', { name: 'Mon compte' }).click();
  await expect(page).toHaveURL(/\/appareils$/);
  await expect(page.getByRole('heading', { name: 'Appareils qui ont accès à votre compte' })).toBeVisible();
  await expect(page.locator('.device')).toHaveCount(2);
  await expect(page.getByText('Cet appareil', { exact: true })).toBeVisible();
  await expect(page.getByText(/^Ordinateur · /).first()).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Activité récente' })).toBeVisible();

  await page.getByRole('button', { name: 'Déconnecter cet appareil' }).click();
  await expect(page.locator('.device')).toHaveCount(1);
  await otherPage.reload();
  await expect(otherPage).toHaveURL(/\/connexion$/);
  await other.close();
});

test('a forgotten password is replaced through the mailed link', async ({ page }, info) => {
  const js = info.project.name === 'javascript';
  const letter = newLetter('Lucie', 'Durant');
  const email = await settle(page, letter, js);
  // The address must be confirmed for a reset link to go to it.
  const confirmation = await mailTo(email);
  await page.goto(confirmation.match(/http:\/\/127\.0\.0\.1:\d+\/confirmer-email\?jeton=[A-Za-z0-9_-]+/)![0]);
  await page.getByRole('button', { name: 'Confirmer mon adresse e-mail' }).click();
  await expect(page.getByRole('heading', { name: 'Adresse e-mail confirmée' })).toBeVisible();
  await page.goto('/');
  await page.getByRole('button', { name: 'Se déconnecter' }).click();

  await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
  await expect(page).toHaveURL(/\/mot-de-passe-oublie$/);
  await page.getByRole('button', { name: 'Envoyer le lien' }).click();
  await expect(page.locator('.field-error')).toHaveText(/Indiquez l'identifiant d'un de vos enfants/);
  await page.getByLabel('Identifiant ou adresse e-mail').fill(letter.identifier);
  await page.getByRole('button', { name: 'Envoyer le lien' }).click();
  await expect(page.getByText('Si un compte correspond')).toBeVisible();
  await expect(page.getByRole('link', { name: 'direction@isu-dour.be' })).toBeVisible();

  let link = '';
  await expect.poll(async () => {
    const mail = await mailTo(email);
    link = mail.match(/http:\/\/127\.0\.0\.1:\d+\/nouveau-mot-de-passe\?jeton=[A-Za-z0-9_-]+/)?.[0] ?? '';
    return link;
  }).not.toBe('');
  await page.goto(link);
  const fresh = 'les tulipes fleurissent en avril';
  await saveNewPassword(page, 'court');
  await expect(page.getByText('Ce mot de passe est trop faible')).toBeVisible();
  await saveNewPassword(page, fresh);
  await expect(page).toHaveURL(/\/connexion\?mot-de-passe=reinitialise$/);
  await expect(page.getByText('Votre nouveau mot de passe est enregistré')).toBeVisible();

  await signIn(page, letter.identifier, passphrase);
  await expect(page.getByText('Identifiant ou mot de passe incorrect')).toBeVisible();
  await signIn(page, letter.identifier, fresh);
  await expect(page).toHaveURL(/\/$/);

  // The link served once.
  await page.goto(link);
  await saveNewPassword(page, fresh + ' encore');
  await expect(page.getByText("Ce lien n'est plus valable")).toBeVisible();
});
