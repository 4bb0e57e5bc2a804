// The steps many scenarios start with: signing in, and the first sign-in journey of a new letter.
import { expect, type Page } from '@playwright/test';
import type { Letter } from './school';

export const passphrase = 'le chat dort au soleil';

export async function signIn(page: Page, identifier: string, password: string) {
  await page.goto('/connexion');
  await page.getByLabel('Identifiant').fill(identifier);
  await page.getByLabel('Mot de passe', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Connexion' }).click();
}

/** Types `password` in the new password's two fields and saves it ("Enregistrer"). */
export async function saveNewPassword(page: Page, password: string) {
  await page.getByLabel('Nouveau mot de passe', { exact: true }).fill(password);
  await page.getByLabel('Répétez le nouveau mot de passe').fill(password);
  await page.getByRole('button', { name: 'Enregistrer' }).click();
}

/** Waits until every island of the page is awake (hydrated): each one counts itself on <body>. */
export async function islandsAwake(page: Page) {
  await page.waitForFunction(() =>
    Number(document.body.dataset.awake ?? 0) >= document.querySelectorAll('leptos-island').length);
}

/** Accepts the terms shown, reading them to the end first when JavaScript asks for it. */
export async function acceptTerms(page: Page, js: boolean) {
  await expect(page).toHaveURL(/\/conditions$/);
  if (js) await page.locator('.terms-text').evaluate((el) => { el.scrollTop = el.scrollHeight; });
  await page.getByRole('button', { name: 'Oui, je les accepte' }).click();
}

/** The first sign-in journey, quickly: the parent ends on the home page. Returns their address. */
export async function settle(page: Page, letter: Letter, js: boolean): Promise<string> {
  const email = `antoinette.${Date.now()}.${Math.floor(Math.random() * 1e6)}@example.be`;
  await signIn(page, letter.identifier, letter.password);
  await acceptTerms(page, js);
  await expect(page).toHaveURL(/\/mot-de-passe$/);
  await saveNewPassword(page, passphrase);
  await expect(page).toHaveURL(/\/bienvenue$/);
  await page.getByLabel('Votre prénom').fill('Antoinette');
  await page.getByLabel('Votre nom de famille').fill('Dupond');
  await page.getByLabel('Votre rôle').selectOption({ label: 'Mère' });
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page).toHaveURL(/\/$/);
  return email;
}
