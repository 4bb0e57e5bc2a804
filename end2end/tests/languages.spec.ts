// The first sign-in journey in Dutch and in German, with JavaScript on and off (the two Playwright
// projects). The expected words are read from the translations themselves (locales/), so the test
// checks that each page really shows them, and that no French is left on the way.
import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { newLetter, mailTo } from '../support/school';
import { passphrase } from '../support/journey';

type Words = (key: string, values?: Record<string, string>) => string;

/** `words('profile.relation_mother', { child })`: the text of a key in `language`. */
function wordsOf(language: string): Words {
  const cache = new Map<string, Record<string, string>>();
  return (key, values = {}) => {
    const [namespace, name] = key.split('.');
    if (!cache.has(namespace)) {
      const file = join(__dirname, '..', '..', 'locales', language, `${namespace}.json`);
      cache.set(namespace, JSON.parse(readFileSync(file, 'utf8')));
    }
    const text = cache.get(namespace)![name];
    if (text === undefined) throw new Error(`no ${key} in ${language}`);
    return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, value) => values[value] ?? '');
  };
}

const french = wordsOf('fr');

/** No French word of the navigation or of the forms shows on the page. */
async function noFrench(page: Page) {
  for (const key of ['common.sign_out', 'common.skip_link', 'sign_in.submit', 'password.save']) {
    await expect(page.getByText(french(key), { exact: true })).toHaveCount(0);
  }
}

for (const language of ['nl', 'de']) {
  test(`the first sign-in journey in ${language}`, async ({ page }, info) => {
    const js = info.project.name === 'javascript';
    const t = wordsOf(language);
    const letter = newLetter('Albert', 'Durant');
    const email = `antoinette.${language}.${js ? 'js' : 'nojs'}.${Date.now()}@example.be`;
    const signIn = async (password: string) => {
      await page.getByLabel(t('sign_in.identifier_label'), { exact: true }).fill(letter.identifier);
      await page.getByLabel(t('sign_in.password_label'), { exact: true }).fill(password);
      await page.getByRole('button', { name: t('sign_in.submit'), exact: true }).click();
    };

    // The language switch of the sign-in page, as a parent finds it.
    await page.goto('/connexion');
    await page.getByRole('navigation', { name: french('common.languages') })
      .getByRole('link', { name: t('common.language_name') }).click();
    await expect(page).toHaveURL(/\/connexion$/);
    await expect(page.locator('html')).toHaveAttribute('lang', language);
    await expect(page.getByRole('heading', { name: t('sign_in.title'), level: 1 })).toBeVisible();
    await noFrench(page);

    await signIn('pas-le-bon');
    await expect(page.getByText(t('errors.sign_in_refused'))).toBeVisible();
    await signIn(letter.password);

    await expect(page).toHaveURL(/\/conditions$/);
    await expect(page.getByRole('heading', { name: t('terms.title'), level: 1 }).first()).toBeVisible();
    if (js) await page.locator('.terms-text').evaluate((el) => { el.scrollTop = el.scrollHeight; });
    await page.getByRole('button', { name: t('terms.accept') }).click();

    await expect(page).toHaveURL(/\/mot-de-passe$/);
    await expect(page.getByRole('heading', { name: t('password.title') })).toBeVisible();
    await page.getByLabel(t('password.new_password'), { exact: true }).fill('tulipes');
    await page.getByLabel(t('password.repeat_password')).fill('tulipes');
    // The live check speaks the page's language too (the island reads it from <html lang>).
    if (js) await expect(page.getByText(t('password.problem_too_weak'))).toBeVisible();
    await page.getByRole('button', { name: t('password.save') }).click();
    await expect(page.getByText(t('password.problem_too_weak'))).toBeVisible();
    await page.getByLabel(t('password.new_password'), { exact: true }).fill(passphrase);
    await page.getByLabel(t('password.repeat_password')).fill(passphrase);
    await page.getByRole('button', { name: t('password.save') }).click();

    await expect(page).toHaveURL(/\/bienvenue$/);
    await expect(page.getByRole('heading', { name: t('profile.title') })).toBeVisible();
    await page.getByLabel(t('profile.first_name')).fill('Antoinette');
    await page.getByLabel(t('profile.last_name')).fill('Dupond');
    await page.getByLabel(t('profile.role')).selectOption({ label: t('profile.role_mother') });
    await page.getByLabel(t('profile.email'), { exact: true }).fill('antoinette@');
    await page.getByRole('button', { name: t('profile.save') }).click();
    await expect(page.getByText(t('profile.email_invalid'))).toBeVisible();
    await expect(page.getByLabel(t('profile.first_name'))).toHaveValue('Antoinette');
    await page.getByLabel(t('profile.email'), { exact: true }).fill(email);
    await page.getByRole('button', { name: t('profile.save') }).click();

    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByText(t('profile.relation_mother', { child: 'Durant Albert' }))).toBeVisible();
    await expect(page.getByRole('button', { name: t('common.sign_out') })).toBeVisible();
    await noFrench(page);

    // The confirmation mail is written in the parent's language (its greeting, plain ASCII, survives
    // the mail's encoding as it is).
    const mail = await mailTo(email);
    expect(mail).not.toContain(french('mail.confirm_body').split('\n')[0]);
    expect(mail).toContain(t('mail.confirm_body').split('\n')[0]);
  });
}
