// The seed's second part, "ajouter un enfant", walked with JavaScript on and off: Antoinette links
// Marie to the account she opened with Albert's letter, accepts Marie's terms, re-enters her
// password, then signs in with either child's identifier. Then the school's modules: a news item's
// page and the calendar's months, days and events.
import { test, expect } from '@playwright/test';
import { acceptTerms, islandsAwake, passphrase, settle, signIn } from '../support/journey';
import { newLetter } from '../support/school';

test("Marie Durant joins her brother's account, and one password opens both", async ({ page }, info) => {
  const js = info.project.name === 'javascript';
  const albert = newLetter('Albert', 'Durant');
  const marie = newLetter('Marie', 'Durant');
  await settle(page, albert, js);

  // "+ Ajouter des enfants": a dialog with JavaScript, a page without.
  if (js) await islandsAwake(page);
  await page.getByRole('link', { name: '+ Ajouter des enfants' }).first().click();
  const form = js ? page.getByRole('dialog') : page;
  if (js) await expect(page.getByRole('dialog')).toBeVisible();
  else await expect(page).toHaveURL(/\/enfants\/ajouter$/);
  await expect(form.getByRole('heading', { name: 'Ajouter un enfant' })).toBeVisible();
  await expect(form.getByText('Informations pour les parents divorcés')).toBeVisible();

  await form.getByLabel('Plateforme').fill('isu-dour');
  if (js) await expect(form.getByText('✓ Institut La Sainte-Union')).toBeVisible();
  await form.getByLabel('Identifiant').fill(marie.identifier);
  await form.getByLabel('Mot de passe', { exact: true }).fill('pas-le-bon');
  await form.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(form.getByText('Identifiant ou mot de passe incorrect pour cette plateforme')).toBeVisible();
  await expect(form.getByLabel('Identifiant')).toHaveValue(marie.identifier);
  await expect(form.getByLabel('Plateforme')).toHaveValue('isu-dour');

  await form.getByLabel('Mot de passe', { exact: true }).fill(marie.password);
  await form.getByRole('button', { name: 'Enregistrer' }).click();

  // Marie is in "Mes enfants" at once; Albert stays the child shown until she is chosen.
  await expect(page).toHaveURL(/\/enfants\?ajoute=\d+$/);
  await expect(page.getByText('Marie a été ajouté(e) à vos enfants')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Marie', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Albert', exact: true })).toHaveAttribute('aria-current', 'true');

  // Opening Marie for the first time: her school's terms, then the password of the account.
  await page.getByRole('button', { name: 'Marie', exact: true }).click();
  await acceptTerms(page, js);
  await expect(page).toHaveURL(/\/confirmer-mot-de-passe$/);
  await expect(page.getByText(`Identifiant : ${marie.identifier}`)).toBeVisible();
  await page.getByLabel('Mot de passe', { exact: true }).fill(marie.password);
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByText("Ce n'est pas le mot de passe de votre compte")).toBeVisible();
  await page.getByLabel('Mot de passe', { exact: true }).fill(passphrase);
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByText('Mère de Durant Marie')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Marie', exact: true })).toHaveAttribute('aria-current', 'true');

  // Choosing Albert again switches the whole page back, with nothing more to do.
  await page.getByRole('button', { name: 'Albert', exact: true }).click();
  await expect(page.getByText('Mère de Durant Albert')).toBeVisible();

  // One password, either identifier; Marie's letter no longer works.
  for (const [identifier, shown] of [[marie.identifier, 'Marie'], [albert.identifier, 'Albert']]) {
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await expect(page).toHaveURL(/\/connexion$/);
    await signIn(page, identifier, passphrase);
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByText(`Mère de Durant ${shown}`)).toBeVisible();
  }
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await signIn(page, marie.identifier, marie.password);
  await expect(page.getByText('Identifiant ou mot de passe incorrect')).toBeVisible();
});

/** "novembre 2026" for the month `offset` months from now, in Brussels. The month is taken from
 *  today's date in Brussels, as the server does: the runner's UTC month differs from it in the last
 *  hours of every month. */
function monthTitle(offset: number): string {
  const today = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Brussels', year: 'numeric', month: '2-digit', day: '2-digit',
  }).format(new Date()); // "2026-11-30"
  const [year, month] = today.split('-').map(Number);
  const date = new Date(Date.UTC(year, month - 1 + offset, 15));
  return new Intl.DateTimeFormat('fr-BE', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}

test("the school's news and calendar: an item's page, months, a day and an event", async ({ page }, info) => {
  const js = info.project.name === 'javascript';
  await settle(page, newLetter('Louise', 'Durant'), js);

  // A news item: from the home page to its own page, Markdown rendered.
  await page.getByRole('link', { name: "Qu'est-ce que l'hybridation ?" }).click();
  await expect(page).toHaveURL(/\/actualites\/\d+$/);
  await expect(page.getByRole('heading', { name: "Qu'est-ce que l'hybridation ?", level: 1 })).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: "une semaine sur deux à l'école" })).toBeVisible();
  await page.getByRole('link', { name: '‹ Toutes les actualités' }).click();
  await expect(page).toHaveURL(/\/actualites$/);
  await expect(page.getByRole('heading', { name: 'Actualités', level: 1 })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Horaire de surveillance des temps de table' })).toBeVisible();

  // The calendar: this month, the next, back twice, then a day and an event.
  await page.getByText('Vers', { exact: true }).click();
  await page.getByRole('link', { name: 'Calendrier', exact: true }).click();
  await expect(page).toHaveURL(/\/calendrier$/);
  await expect(page.getByRole('heading', { name: monthTitle(0), level: 2, exact: true })).toBeVisible();
  await page.getByRole('link', { name: 'Mois suivant ›' }).click();
  await expect(page.getByRole('heading', { name: monthTitle(1), level: 2, exact: true })).toBeVisible();
  await page.getByRole('link', { name: '‹ Mois précédent' }).click();
  await page.getByRole('link', { name: '‹ Mois précédent' }).click();
  await expect(page.getByRole('heading', { name: monthTitle(-1), level: 2, exact: true })).toBeVisible();
  await page.getByRole('link', { name: 'Mois suivant ›' }).click();
  await expect(page.getByRole('heading', { name: monthTitle(0), level: 2, exact: true })).toBeVisible();

  // The demo's parents' evening is on the 12th of this month.
  await page.getByRole('link', { name: '12 (événements)' }).click();
  await expect(page).toHaveURL(/\/calendrier\?jour=\d{4}-\d{2}-12$/);
  const day = page.getByRole('region', { name: /12/ });
  await expect(day.getByRole('link', { name: 'Réunion des parents' })).toBeVisible();
  await day.getByRole('link', { name: 'Réunion des parents' }).click();
  await expect(page).toHaveURL(/\/calendrier\/evenements\/\d+$/);
  await expect(page.getByRole('heading', { name: 'Réunion des parents', level: 1 })).toBeVisible();
  await expect(page.getByText(/18:30 – 20:30/)).toBeVisible();
  await expect(page.getByText('Rencontre avec les titulaires')).toBeVisible();

  // The Notifications page, from the navigation (what it lists depends on what the school did
  // meanwhile: other tests write to class 3B).
  await page.getByRole('link', { name: /^Notifications/ }).click();
  await expect(page.getByRole('heading', { name: 'Notifications', level: 1 })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Choisir ce que je reçois' })).toBeVisible();
});
