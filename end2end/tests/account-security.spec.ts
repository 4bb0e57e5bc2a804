// The parent's own security, in a real browser with JavaScript on and off: the devices page and
// signing another device out, the calendar address and its replacement, a forgotten password
// reset by a link that reached the SMTP sink, and the second factor turned on, asked on a new
// device, and turned off.
import { test, expect } from '@playwright/test';
import { passphrase, saveNewPassword, settle, signIn } from '../support/journey';
import { mailTo, newLetter } from '../support/school';
import { totp } from '../support/totp';

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

test('the calendar address subscribes a phone, and a new one replaces it', async ({ page, request }, info) => {
  const js = info.project.name === 'javascript';
  const letter = newLetter('Agathe', 'Durant');
  await settle(page, letter, js);
  await page.getByRole('link', { name: 'Mon compte' }).click();
  await expect(page.getByRole('heading', { name: "L'agenda sur votre téléphone" })).toBeVisible();
  const address = page.getByLabel("Adresse de l'agenda");
  const first = await address.inputValue();
  expect(first).toMatch(/\/agenda\/[A-Za-z0-9_-]{43}\.ics$/);
  await expect(page.getByRole('link', { name: "S'abonner sur cet appareil" })).toHaveAttribute('href', /^webcal:\/\//);

  // What a phone's calendar gets, without any session.
  const feed = await request.get(new URL(first).pathname);
  expect(feed.status()).toBe(200);
  expect(feed.headers()['content-type']).toContain('text/calendar');
  expect(await feed.text()).toContain('TZID:Europe/Brussels');

  await page.getByRole('button', { name: 'Remplacer par une nouvelle adresse' }).click();
  await expect(page.getByText("Nouvelle adresse d'agenda créée")).toBeVisible();
  const second = await address.inputValue();
  expect(second).not.toBe(first);
  expect((await request.get(new URL(first).pathname)).status()).toBe(404);
  expect((await request.get(new URL(second).pathname)).status()).toBe(200);
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

test('a parent turns the second factor on; a new device asks for it; a recovery code opens it', async ({ page, browser }, info) => {
  const js = info.project.name === 'javascript';
  const letter = newLetter('Inès', 'Durant');
  await settle(page, letter, js);
  await page.getByRole('link', { name: 'Mon compte' }).click();
  await page.getByRole('link', { name: 'Activer la vérification en deux étapes' }).click();
  await expect(page).toHaveURL(/\/appareils\/second-facteur$/);
  await expect(page.getByRole('img', { name: /Code QR/ })).toBeVisible();
  await expect(page.locator('.recovery-codes li')).toHaveCount(10);
  const secret = (await page.locator('[data-secret="totp"]').textContent())!.replace(/\s/g, '');
  const recovery = (await page.locator('.recovery-codes li').first().textContent())!.trim();
  // A wrong code is said next to the field, and turns nothing on.
  await page.getByLabel("Code affiché par l'application").fill('000000');
  await page.getByRole('button', { name: 'Activer' }).click();
  await expect(page.locator('.field-error')).toBeVisible();
  await page.getByLabel("Code affiché par l'application").fill(totp(secret));
  await page.getByRole('button', { name: 'Activer' }).click();
  await expect(page).toHaveURL(/\/appareils\?second-facteur=active$/);
  await expect(page.getByText('La vérification en deux étapes est activée.')).toBeVisible();

  // Another device: the password, then the second factor (here a recovery code, typed loosely).
  const other = await browser.newContext({ javaScriptEnabled: js });
  const otherPage = await other.newPage();
  await signIn(otherPage, letter.identifier, passphrase);
  await expect(otherPage).toHaveURL(/\/connexion\/second-facteur$/);
  await otherPage.getByLabel('Code').fill(recovery.toUpperCase().replace('-', ' '));
  await otherPage.getByRole('button', { name: 'Valider' }).click();
  await expect(otherPage).toHaveURL(/\/$/);
  await other.close();

  // Turned off with the password.
  await page.goto('/appareils/second-facteur');
  await page.getByLabel('Mot de passe actuel').fill(passphrase);
  await page.getByRole('button', { name: 'Désactiver la vérification en deux étapes' }).click();
  await expect(page).toHaveURL(/\/appareils\?second-facteur=desactive$/);
});
