// Phones from 320 px wide: no page scrolls sideways, and what a finger presses is at least 44 px
// (WCAG 2.5.5): buttons, fields, the navigation's links, the child switch and the calendar's days.
// The header's navigation folds into "Menu"; it is opened on every page to measure its links too.
import { test, expect, type Page } from '@playwright/test';
import { acceptTerms, islandsAwake, passphrase, saveNewPassword, settle, signIn } from '../support/journey';
import { newLetter } from '../support/school';
import { missingPage, signedOutPages, walkSettledPages } from '../support/pages';

interface Measure { overflow: string[]; small: string[]; smallLinks: string[] }

/** What sticks out sideways, the targets under 44 px that must not be, and the other links under
 *  44 px (links within text, which 2.5.5 lets be smaller: reported, not failed). */
async function measure(page: Page): Promise<Measure> {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const describe = (el: Element) => {
      const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
      const classes = el.classList.length ? `.${[...el.classList].join('.')}` : '';
      return `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${classes}> "${text}"`;
    };
    const shown = (el: Element) => {
      const box = el.getBoundingClientRect();
      return box.width > 0 && box.height > 0
        && el.checkVisibility({ visibilityProperty: true, checkVisibilityCSS: true } as CheckVisibilityOptions);
    };
    const size = (el: Element) => {
      const box = el.getBoundingClientRect();
      return `${Math.round(box.width * 10) / 10}×${Math.round(box.height * 10) / 10}`;
    };

    const overflow: string[] = [];
    if (document.documentElement.scrollWidth > width) {
      overflow.push(`the page is ${document.documentElement.scrollWidth}px wide for ${width}px`);
      // The innermost elements that end beyond the right edge are the ones to fix.
      const beyond = [...document.body.querySelectorAll('*')]
        .filter((el) => shown(el) && el.getBoundingClientRect().right > width + 0.5);
      for (const el of beyond.filter((el) => !beyond.some((other) => other !== el && el.contains(other))).slice(0, 10)) {
        overflow.push(`${describe(el)} ends at ${Math.round(el.getBoundingClientRect().right)}px`);
      }
    }

    const targets = 'button, input:not([type="hidden"]), select, summary, nav a, .child-switch button, .add-child, .month-grid a';
    const small: string[] = [];
    for (const el of document.querySelectorAll(targets)) {
      if (!shown(el)) continue;
      // A checkbox is pressed through its label.
      const target = el.matches('input[type="checkbox"], input[type="radio"]') ? el.closest('label') ?? el : el;
      const box = target.getBoundingClientRect();
      if (box.height + 0.01 < 44 || box.width + 0.01 < 44) small.push(`${describe(target)} ${size(target)}`);
    }
    const smallLinks: string[] = [];
    for (const el of document.querySelectorAll('a')) {
      if (el.matches(targets) || !shown(el)) continue;
      if (el.getBoundingClientRect().height + 0.01 < 44) smallLinks.push(`${describe(el)} ${size(el)}`);
    }
    return { overflow, small, smallLinks };
  });
}

/** Measures the page shown now; a failure names the page and goes on, so that one run lists every
 *  page's problems. Other links under 44 px are only reported (once a page: `report`). */
async function checkPage(page: Page, js: boolean, name: string, report = true) {
  if (js) await islandsAwake(page);
  const { overflow, small, smallLinks } = await measure(page);
  const where = `${name} (${page.url()})`;
  expect.soft(overflow, `${where} scrolls sideways:\n  ${overflow.join('\n  ')}`).toEqual([]);
  expect.soft(small, `${where} has targets under 44 px:\n  ${small.join('\n  ')}`).toEqual([]);
  if (report && smallLinks.length) {
    test.info().annotations.push({ type: 'links under 44 px', description: `${where}: ${smallLinks.join(', ')}` });
  }
}

/** Measures a signed-in page as shown, then with its "Menu" open, then with "Vers" open too. */
async function checkSignedInPage(page: Page, js: boolean, name: string) {
  await checkPage(page, js, name);
  const menu = page.locator('.site-menu > summary');
  await expect(menu, `${name}: the header folds into "Menu"`).toBeVisible();
  await menu.click();
  await expect(page.getByRole('link', { name: 'Mon compte' })).toBeVisible();
  await checkPage(page, js, `${name}, "Menu" ouvert`, false);
  await page.getByText('Vers', { exact: true }).click();
  await expect(page.getByRole('link', { name: 'Aide en ligne' })).toBeVisible();
  await checkPage(page, js, `${name}, "Vers" ouvert`, false);
}

// The other links under 44 px, listed after each test.
test.afterEach(async ({}, info) => {
  const links = info.annotations.filter((annotation) => annotation.type === 'links under 44 px');
  if (links.length) console.log(`${info.title} — links under 44 px, not failed:\n  ${links.map((link) => link.description).join('\n  ')}`);
});

for (const viewport of [{ width: 320, height: 640 }, { width: 375, height: 667 }]) {
  test.describe(`${viewport.width} px wide`, () => {
    test.use({ viewport });

    test('the pages reachable signed out', async ({ page }, info) => {
      const js = info.project.name === 'javascript';
      for (const [path, name] of [...signedOutPages, missingPage]) {
        await page.goto(path);
        await checkPage(page, js, name);
      }
      // A refusal's message, with the long identifier typed kept in its field.
      await signIn(page, `antoinette.${Date.now()}.durant-dupond@isu-dour.be`, 'pas-le-bon');
      await expect(page.getByText('Identifiant ou mot de passe incorrect')).toBeVisible();
      await checkPage(page, js, 'Connexion refusée');
    });

    test('the first sign-in journey', async ({ page }, info) => {
      const js = info.project.name === 'javascript';
      const letter = newLetter('Louise', 'Durant');
      await signIn(page, letter.identifier, letter.password);
      await expect(page).toHaveURL(/\/conditions$/);
      await checkPage(page, js, "Conditions d'utilisation");
      await acceptTerms(page, js);
      await expect(page).toHaveURL(/\/mot-de-passe$/);
      await checkPage(page, js, 'Modifiez votre mot de passe');
      await saveNewPassword(page, passphrase);
      await expect(page).toHaveURL(/\/bienvenue$/);
      await checkPage(page, js, 'Bienvenue');
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      await expect(page.getByText('Choisissez votre rôle.')).toBeVisible();
      await checkPage(page, js, 'Bienvenue, refusé');
    });

    test('every page of a settled parent', async ({ page }, info) => {
      const js = info.project.name === 'javascript';
      // A long address: the reminder on the home page repeats it.
      await settle(page, newLetter('Marie-Antoinette', 'Durant-Dupond'), js);
      await checkSignedInPage(page, js, 'Accueil');

      await walkSettledPages(page, (name, withHeader) =>
        withHeader ? checkSignedInPage(page, js, name) : checkPage(page, js, name));
      // Below 30rem the month reads as its agenda; the grid is not there to be too small.
      await page.goto('/calendrier');
      await expect(page.locator('.agenda').first()).toBeVisible();

      if (js) {
        await page.goto('/enfants');
        await islandsAwake(page);
        await page.getByRole('link', { name: '+ Ajouter des enfants' }).click();
        await expect(page.getByRole('dialog')).toBeVisible();
        await checkPage(page, js, 'Ajouter un enfant, dialogue');
      }
    });
  });
}
