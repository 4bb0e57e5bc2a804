// The installable app: Chromium offers to install Cartable, the service worker shows the offline
// page when the network is gone, and it never keeps a page (a child's data) in its caches.
import { test, expect, type Page } from '@playwright/test';

test.beforeEach(async ({}, info) => {
  test.skip(info.project.name === 'no-javascript', 'without JavaScript no service worker is registered');
});

/** Opens the sign-in page and waits until the service worker is active and controls it. */
async function underServiceWorker(page: Page) {
  await page.goto('/connexion');
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  // The first page was loaded before the worker existed: `clients.claim()` may not have reached it yet.
  if (!(await page.evaluate(() => navigator.serviceWorker.controller !== null))) await page.reload();
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.state ?? null)).toBe('activated');
}

/** The URL of every request kept in any of the site's caches. */
async function cachedUrls(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys()) {
      for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
    }
    return urls;
  });
}

test('Chromium finds Cartable installable, with PNG and maskable icons', async ({ playwright, launchOptions, baseURL }) => {
  // Chromium offers no install in an incognito profile, which every Playwright context is: this
  // test opens a browser with a profile of its own (in a temporary directory, removed on close).
  const context = await playwright.chromium.launchPersistentContext('', { ...launchOptions, baseURL, locale: 'fr-BE' });
  try {
    const page = context.pages()[0] ?? await context.newPage();
    await page.goto('/connexion');
    await page.evaluate(async () => { await navigator.serviceWorker.ready; });
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(installabilityErrors).toEqual([]);

    const manifest = await page.evaluate(async () => {
      const link = document.querySelector<HTMLLinkElement>('link[rel="manifest"]')!;
      return (await fetch(link.href)).json();
    });
    expect(manifest).toMatchObject({ name: 'Cartable', lang: 'fr', start_url: '/', display: 'standalone' });
    const icons: { src: string; sizes: string; type: string; purpose?: string }[] = manifest.icons;
    for (const size of ['192x192', '512x512']) {
      expect(icons).toContainEqual(expect.objectContaining({ sizes: size, type: 'image/png', purpose: 'any' }));
    }
    expect(icons).toContainEqual(expect.objectContaining({ type: 'image/png', purpose: 'maskable' }));
    // Every icon it names is there.
    for (const icon of icons) {
      const response = await page.request.get(icon.src);
      expect(response.status(), icon.src).toBe(200);
      expect(response.headers()['content-type'], icon.src).toContain(icon.type);
    }
  } finally {
    await context.close();
  }
});

test('without a network, a page is the offline page, styled and in four languages', async ({ page, context }) => {
  await underServiceWorker(page);
  await context.setOffline(true);
  try {
    await page.goto('/connexion');
    const heading = page.getByRole('heading', { name: 'Vous êtes hors ligne', level: 1 });
    await expect(heading).toBeVisible();
    for (const [lang, text] of [['nl', 'U bent offline.'], ['de', 'Sie sind offline.'], ['en', 'You are offline.']]) {
      await expect(page.locator(`[lang="${lang}"]`)).toContainText(text);
    }
    await expect(page.getByRole('link', { name: 'Réessayer' })).toHaveAttribute('href', '/');
    // Its stylesheet and logo came from the worker's cache too.
    await expect(heading).toHaveCSS('color', 'rgb(21, 58, 107)');
    await expect.poll(() => page.locator('header img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(192);
  } finally {
    await context.setOffline(false);
  }
  // Back online, the same address is the real page again.
  await page.goto('/connexion');
  await expect(page.getByRole('button', { name: 'Connexion' })).toBeVisible();
});

test("the service worker keeps the site's files and never a page", async ({ page }) => {
  await underServiceWorker(page);
  // This page load went through the worker: its HTML must not have been kept.
  await page.goto('/connexion');
  await expect(page.getByRole('button', { name: 'Connexion' })).toBeVisible();

  const urls = await cachedUrls(page);
  const paths = urls.map((url) => new URL(url).pathname);
  expect(paths).toContain('/offline.html');
  expect(paths.some((path) => /^\/pkg\/cartable\.[^/]+\.wasm$/.test(path))).toBe(true);
  const files = new Set(['/offline.html', '/offline.css', '/favicon.svg', '/manifest.webmanifest', '/push.js']);
  for (const path of paths) {
    expect(path.startsWith('/pkg/') || path.startsWith('/icons/') || files.has(path), `${path} is cached`).toBe(true);
  }
});
