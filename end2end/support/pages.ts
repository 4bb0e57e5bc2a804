// The pages the journeys reach, walked the same way by every test that checks each page (axe in
// accessibility.spec.ts, widths and targets in phone-width.spec.ts), so that a page added to the
// site is added once, here, and every check sees it.
import { expect, type Page } from '@playwright/test';

/** The pages anyone reaches signed out: address, and the name a report gives it. */
export const signedOutPages: [string, string][] = [
  ['/connexion', 'Connexion'],
  ['/connexion/code', 'Vérification'],
  ['/mot-de-passe-oublie', 'Mot de passe oublié'],
  ['/nouveau-mot-de-passe?jeton=pas-un-jeton', 'Nouveau mot de passe'],
  ['/aide', 'Aide en ligne'],
];

/** An address no page has (answered 404 with the "Page introuvable" page). */
export const missingPage: [string, string] = ['/cette-page-n-existe-pas', 'Page introuvable'];

/** How a page of a settled parent is shown: with the signed-in header (and its menu), or alone. */
export type Checker = (name: string, withHeader: boolean) => Promise<void>;

/** Visits every page of a settled parent, calling `check` on each as it is shown. The addresses of
 *  a news item and an event are read from the pages that link to them. */
export async function walkSettledPages(page: Page, check: Checker) {
  await page.goto('/actualites');
  await check('Actualités', true);
  const news = await page.locator('a.news-title').first().getAttribute('href');
  await page.goto('/calendrier');
  await check('Calendrier', true);
  const event = await page.locator('a.event-title').first().getAttribute('href');
  expect(news).toMatch(/^\/actualites\/\d+$/);
  expect(event).toMatch(/^\/calendrier\/evenements\/\d+$/);

  const pages: [string, string, boolean][] = [
    [news!, 'Une actualité', true],
    ['/calendrier?jour=' + new Date().toISOString().slice(0, 10), 'Un jour du calendrier', true],
    [event!, 'Un événement', true],
    ['/cours', 'Cours', true],
    ['/enfants', 'Mes enfants', true],
    ['/enfants/ajouter', 'Ajouter un enfant', false],
    ['/messages', 'Messages', true],
    ['/messages/nouveau', 'Nouveau message', true],
    ['/enquetes', 'Enquêtes', true],
    ['/intradesk', 'Intradesk', true],
    ['/absences', 'Absences', true],
    ['/notifications', 'Notifications', true],
    ['/notifications/reglages', 'Ce que je reçois', true],
    ['/appareils', 'Mon compte', true],
    ['/actualites/999999', 'Une actualité qui n’existe pas', false],
  ];
  for (const [path, name, withHeader] of pages) {
    await page.goto(path);
    await check(name, withHeader);
  }
}
