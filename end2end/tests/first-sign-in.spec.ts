// The seed's first sign-in, walked by a parent in a real browser, with JavaScript on and off
// (the two Playwright projects): letter → terms → own password → profile → home → e-mail confirmed.
import { test, expect, type Page } from '@playwright/test';
import { newLetter, mailTo } from '../support/school';
import { saveNewPassword } from '../support/journey';

async function signIn(page: Page, identifier: string, password: string) {
  await page.goto('/connexion');
  await page.getByLabel('Identifiant').fill(identifier);
  await page.getByLabel('Mot de passe', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Connexion' }).click();
}

test('a parent signs in with the letter and ends on the home page with a confirmed address', async ({ page }, info) => {
  const js = info.project.name === 'javascript';
  const letter = newLetter('Albert', 'Durant');
  const email = `antoinette.${js ? 'js' : 'nojs'}.${Date.now()}@example.be`;

  // A wrong password: one generic message, the identifier kept.
  await signIn(page, letter.identifier, 'pas-le-bon');
  await expect(page.getByText('Identifiant ou mot de passe incorrect')).toBeVisible();
  await expect(page.getByLabel('Identifiant')).toHaveValue(letter.identifier);

  // The letter, typed with capitals and spaces as parents do.
  await signIn(page, `  ${letter.identifier.replace('albert', 'Albert')} `, letter.password);
  await expect(page).toHaveURL(/\/conditions$/);
  await expect(page.getByRole('heading', { name: "Conditions d'utilisation", level: 1 }).first()).toBeVisible();
  const accept = page.getByRole('button', { name: 'Oui, je les accepte' });
  await expect(page.getByRole('button', { name: 'Non, je ne les accepte pas' })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Ignorer \(possible jusqu'au \d{1,2}(er)? \S+ \d{4}\)$/ })).toBeVisible();
  if (js) {
    // With JavaScript, "Oui" waits until the text was read to its end.
    await expect(accept).toBeDisabled();
    await page.locator('.terms-text').evaluate((el) => { el.scrollTop = el.scrollHeight; });
  }
  await expect(accept).toBeEnabled();
  await accept.click();

  await expect(page).toHaveURL(/\/mot-de-passe$/);
  await expect(page.getByRole('heading', { name: 'Modifiez votre mot de passe' })).toBeVisible();
  await expect(page.getByText(`Identifiant : ${letter.identifier}`)).toBeVisible();
  await page.getByLabel('Nouveau mot de passe', { exact: true }).fill('tulipes');
  await page.getByLabel('Répétez le nouveau mot de passe').fill('tulipes');
  if (js) await expect(page.getByText('Ce mot de passe est trop faible')).toBeVisible();
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByText('Ce mot de passe est trop faible')).toBeVisible();
  const passphrase = 'le chat dort au soleil';
  await saveNewPassword(page, passphrase);

  await expect(page).toHaveURL(/\/bienvenue$/);
  await expect(page.getByRole('heading', { name: 'Bienvenue' })).toBeVisible();
  await page.getByLabel('Votre prénom').fill('Antoinette');
  await page.getByLabel('Votre nom de famille').fill('Dupond');
  await page.getByLabel('Votre rôle').selectOption({ label: 'Mère' });
  await page.getByLabel('Adresse e-mail').fill('antoinette@');
  await page.getByLabel('Numéro de GSM').fill('0475 12 34 56');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  // The mistake is named next to its field; what was typed stays.
  await expect(page.getByText("Cette adresse e-mail n'est pas valide")).toBeVisible();
  await expect(page.getByLabel('Votre prénom')).toHaveValue('Antoinette');
  await expect(page.getByLabel('Numéro de GSM')).toHaveValue('0475 12 34 56');
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByRole('button', { name: 'Enregistrer' }).click();

  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByText('Institut La Sainte-Union').first()).toBeVisible();
  await expect(page.getByText('Antoinette Dupond')).toBeVisible();
  await expect(page.getByText('Mère de Durant Albert')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Mes enfants' })).toBeVisible();
  await expect(page.getByText('Aucun cours trouvé')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Actualités' })).toBeVisible();
  await expect(page.getByText("Qu'est-ce que l'hybridation ?")).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Coordonnées' })).toBeVisible();
  await expect(page.getByText('direction@isu-dour.be')).toBeVisible();
  await expect(page.getByText(`un message a été envoyé à ${email}`)).toBeVisible();

  // The confirmation mail reached the SMTP sink; its link confirms the address.
  const mail = await mailTo(email);
  const link = mail.match(/http:\/\/127\.0\.0\.1:\d+\/confirmer-email\?jeton=[A-Za-z0-9_-]+/)![0];
  await page.goto(link);
  await page.getByRole('button', { name: 'Confirmer mon adresse e-mail' }).click();
  await expect(page.getByRole('heading', { name: 'Adresse e-mail confirmée' })).toBeVisible();
  await page.goto('/');
  await expect(page.getByText('Mère de Durant Albert')).toBeVisible();
  await expect(page.getByText(/un message a été envoyé/)).toHaveCount(0);

  // Signing out ends the session: the home page sends back to the sign-in page.
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await expect(page).toHaveURL(/\/connexion$/);
  await page.goto('/');
  await expect(page).toHaveURL(/\/connexion$/);

  // The letter no longer works; the parent's own password does.
  await signIn(page, letter.identifier, letter.password);
  await expect(page.getByText('Identifiant ou mot de passe incorrect')).toBeVisible();
  await signIn(page, letter.identifier, passphrase);
  await expect(page).toHaveURL(/\/$/);
});

test('refusing the terms signs the parent out and explains why', async ({ page }) => {
  const letter = newLetter('Marie', 'Durant');
  await signIn(page, letter.identifier, letter.password);
  await expect(page).toHaveURL(/\/conditions$/);
  await page.getByRole('button', { name: 'Non, je ne les accepte pas' }).click();
  await expect(page).toHaveURL(/\/connexion\?conditions=refusees$/);
  await expect(page.getByText("Vous n'avez pas accepté les conditions d'utilisation")).toBeVisible();
  await page.goto('/mot-de-passe');
  await expect(page).toHaveURL(/\/connexion$/);
});

test('a parent who postpones the terms goes on, and is asked again at the next sign-in', async ({ page }) => {
  const letter = newLetter('Louis', 'Durant');
  await signIn(page, letter.identifier, letter.password);
  await page.getByRole('button', { name: /^Ignorer/ }).click();
  await expect(page).toHaveURL(/\/mot-de-passe$/);
  // No page lets the parent skip the password step.
  await page.goto('/');
  await expect(page).toHaveURL(/\/mot-de-passe$/);
  // "Annuler" signs out; the letter still works, and the terms are asked again.
  await page.getByRole('button', { name: 'Annuler' }).click();
  await expect(page).toHaveURL(/\/connexion$/);
  await signIn(page, letter.identifier, letter.password);
  await expect(page).toHaveURL(/\/conditions$/);
});
