// The morning's digest, as a parent lives it: the school's news waits while her quiet hours last,
// then comes in one mail with everything that waited. The browser can't move the server's clock,
// so her quiet hours end a minute or so from now instead of at 07:00. With JavaScript on and off.
import { execFileSync } from 'node:child_process';
import { expect, test, type Page } from '@playwright/test';
import { settle } from '../support/journey';
import { mailsTo, newLetter } from '../support/school';

/** "HH:MM" on a Brussels wall at `at`. */
function brusselsTime(at: Date): string {
  return new Intl.DateTimeFormat('fr-BE', {
    timeZone: 'Europe/Brussels', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).format(at);
}

/** The school's news, published now from its command line; returns its id. */
function publishNews(title: string): number {
  const out = execFileSync(process.env.CARTABLE_BIN!, ['news', 'add', '--json', '--platform', 'isu-dour',
    '--title', title, '--body', 'Tous les détails sur Cartable.'], { env: process.env }).toString();
  return JSON.parse(out).id;
}

/** Takes a news item down again: the other tests expect the demo's news on the home page. */
function removeNews(id: number) {
  execFileSync(process.env.CARTABLE_BIN!, ['news', 'remove', '--platform', 'isu-dour', '--id', String(id)],
    { env: process.env });
}

test('news waits for the end of her quiet hours and comes bundled in one mail', async ({ page }, info) => {
  test.setTimeout(180_000);
  const js = info.project.name === 'javascript';
  const lastName = `Resume${Date.now().toString().slice(-6)}${js ? 'j' : 'n'}`;
  const email = await settle(page, newLetter('Albert', lastName), js);

  // Her quiet hours began two hours ago and end at the first whole minute 25 s away or more.
  const now = Date.now();
  const morning = new Date(Math.ceil((now + 25_000) / 60_000) * 60_000);
  await page.goto('/notifications/reglages');
  await expect(page.getByLabel('Actualités')).toHaveValue(/:news:digest$/);
  await page.getByLabel('De', { exact: true }).fill(brusselsTime(new Date(now - 2 * 3600_000)));
  await page.getByLabel('À', { exact: true }).fill(brusselsTime(morning));
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByText('Vos choix sont enregistrés.')).toBeVisible();

  const before = mailsTo(email).length;
  const titles = [`Classe verte ${lastName}`, `Photos de classe ${lastName}`];
  const published = titles.map(publishNews);
  try {
    await digestArrives(page, email, before, titles, morning);
  } finally {
    published.forEach(removeNews);
  }
});

async function digestArrives(page: Page, email: string, before: number, titles: string[], morning: Date) {
  // On the Notifications page at once...
  await page.goto('/notifications');
  for (const title of titles) await expect(page.getByText(`Actualité : ${title}`)).toBeVisible();
  // ...but not mailed during her quiet hours.
  await page.waitForTimeout(3_000);
  expect(mailsTo(email)).toHaveLength(before);

  // Her "morning": one mail with both.
  await expect.poll(() => mailsTo(email).length, { timeout: 120_000, message: 'the digest' }).toBe(before + 1);
  expect(Date.now()).toBeGreaterThanOrEqual(morning.getTime());
  const digest = mailsTo(email)[before];
  for (const title of titles) expect(digest).toContain(`Actualité : ${title}`);
  expect(digest).toMatch(/^List-Unsubscribe: <http/m);
}
