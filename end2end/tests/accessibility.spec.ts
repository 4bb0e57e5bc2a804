// WCAG 2.1 AA on every page of the parents' journeys, signed out and signed in, with JavaScript on
// and off: axe-core finds no serious or critical violation, and a form's error is tied to its field.
import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import type { AxeResults } from 'axe-core';
import { acceptTerms, islandsAwake, passphrase, saveNewPassword, settle, signIn } from '../support/journey';
import { newLetter } from '../support/school';
import { missingPage, signedOutPages, walkSettledPages } from '../support/pages';

const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** axe's serious and critical violations on the page as shown now, one readable line per element. */
async function violations(page: Page, js: boolean): Promise<string[]> {
  const results = js ? await new AxeBuilder({ page }).withTags(tags).analyze() : await analyzedCopy(page);
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) => violation.nodes.map((node) =>
      `${violation.id} (${violation.impact}): ${violation.help}\n    at ${node.target.join(' ')}\n    ${node.failureSummary?.replace(/\n/g, '\n    ')}`));
}

/** Without JavaScript axe cannot run in the page itself: it runs on a copy of the page as shown (its
 *  HTML without scripts, under the same address and styles) in a page of its own that allows them. */
async function analyzedCopy(page: Page): Promise<AxeResults> {
  const html = (await page.content()).replace(/<script\b[\s\S]*?<\/script>/gi, '');
  // A new context takes the project's options: JavaScript must be asked for.
  const context = await page.context().browser()!.newContext({ javaScriptEnabled: true });
  try {
    const copy = await context.newPage();
    await copy.route(page.url(), (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: html }));
    await copy.goto(page.url());
    return await new AxeBuilder({ page: copy }).withTags(tags).analyze();
  } finally {
    await context.close();
  }
}

/** Checks the page shown now, once its islands are awake; a failure names the page and goes on,
 *  so that one run lists every page's problems. */
async function checkPage(page: Page, js: boolean, name: string) {
  if (js) await islandsAwake(page);
  const found = await violations(page, js);
  expect.soft(found, `${name} (${page.url()}):\n  ${found.join('\n  ')}`).toEqual([]);
}

test('the pages reachable signed out', async ({ page }, info) => {
  test.setTimeout(180_000);
  const js = info.project.name === 'javascript';
  for (const [path, name] of signedOutPages) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await checkPage(page, js, name);
  }

  // A link that no longer works says so, and the page stays accessible with its message.
  await page.goto('/nouveau-mot-de-passe?jeton=pas-un-jeton');
  await saveNewPassword(page, passphrase);
  await expect(page.getByText("Ce lien n'est plus valable")).toBeVisible();
  await checkPage(page, js, 'Nouveau mot de passe, lien refusé');

  const missing = await page.goto(missingPage[0]);
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: missingPage[1], level: 1 })).toBeVisible();
  await checkPage(page, js, missingPage[1]);
});

test("a form's error is announced and tied to its field", async ({ page }, info) => {
  const js = info.project.name === 'javascript';
  const letter = newLetter('Albert', 'Durant');
  await signIn(page, letter.identifier, 'pas-le-bon');
  const message = page.getByText('Identifiant ou mot de passe incorrect');
  await expect(message).toBeVisible();
  await checkPage(page, js, 'Connexion refusée');

  // The field says it is invalid, and its description names the message's element.
  const password = page.getByLabel('Mot de passe', { exact: true });
  await expect(password).toHaveAttribute('aria-invalid', 'true');
  const errorId = await message.getAttribute('id');
  expect(errorId, 'the message has an id to be named by').toBeTruthy();
  const describedBy = (await password.getAttribute('aria-describedby')) ?? '';
  expect(describedBy.split(/\s+/)).toContain(errorId);
  await expect(password).toHaveAccessibleDescription(/Identifiant ou mot de passe incorrect/);
  // The other field, which is not wrong, does not say it is.
  await expect(page.getByLabel('Identifiant')).not.toHaveAttribute('aria-invalid', 'true');
});

test('"Aller au contenu" is the first stop of the keyboard and leads past the navigation', async ({ page }, info) => {
  await settle(page, newLetter('Paul', 'Durant'), info.project.name === 'javascript');
  await page.goto('/enfants');
  await expect(page.getByRole('main')).toHaveCount(1);
  await expect(page.getByRole('banner').getByRole('navigation', { name: 'Navigation principale' })).toHaveCount(1);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Aller au contenu' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();
  // The next stop is in the page's content, not in the header.
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.closest('main') !== null)).toBe(true);
});

test('the first sign-in journey and every page of a settled parent', async ({ page }, info) => {
  // Some twenty pages, each analysed.
  test.setTimeout(300_000);
  const js = info.project.name === 'javascript';
  const letter = newLetter('Louise', 'Durant');

  await signIn(page, letter.identifier, letter.password);
  await expect(page).toHaveURL(/\/conditions$/);
  await checkPage(page, js, "Conditions d'utilisation");
  await acceptTerms(page, js);

  await expect(page).toHaveURL(/\/mot-de-passe$/);
  await checkPage(page, js, 'Modifiez votre mot de passe');
  // A refused password: the message stands under its field.
  await saveNewPassword(page, 'tulipes');
  await expect(page.getByText('Ce mot de passe est trop faible')).toBeVisible();
  await checkPage(page, js, 'Modifiez votre mot de passe, refusé');
  await saveNewPassword(page, passphrase);

  await expect(page).toHaveURL(/\/bienvenue$/);
  await checkPage(page, js, 'Bienvenue');
  await page.getByLabel('Votre prénom').fill('Antoinette');
  await page.getByLabel('Votre nom de famille').fill('Dupond');
  await page.getByLabel('Adresse e-mail').fill('antoinette@');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByText("Cette adresse e-mail n'est pas valide")).toBeVisible();
  await expect(page.getByLabel('Adresse e-mail')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Adresse e-mail')).toHaveAccessibleDescription(/Cette adresse e-mail n'est pas valide/);
  await expect(page.getByLabel('Votre rôle')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Votre rôle')).toHaveAccessibleDescription('Choisissez votre rôle.');
  await checkPage(page, js, 'Bienvenue, refusé');
  await page.getByLabel('Votre rôle').selectOption({ label: 'Mère' });
  await page.getByLabel('Adresse e-mail').fill(`antoinette.${Date.now()}@example.be`);
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page).toHaveURL(/\/$/);
  await checkPage(page, js, 'Accueil');

  await walkSettledPages(page, (name) => checkPage(page, js, name));

  // "Ajouter un enfant" with JavaScript: the dialog over the home page, with a refusal in it.
  if (js) {
    await page.goto('/');
    await islandsAwake(page);
    await page.getByRole('link', { name: '+ Ajouter des enfants' }).first().click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(dialog.locator('.field-error').first()).toBeVisible();
    await checkPage(page, js, 'Ajouter un enfant, dialogue');
  }
});
