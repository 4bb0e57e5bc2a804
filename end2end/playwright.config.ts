import { defineConfig } from '@playwright/test';

// Debian's Chromium: Playwright must never download a browser of its own.
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: './tests',
  // A committed `test.only` would silently skip the rest of the suite, and CI may not set CI.
  forbidOnly: true,
  globalSetup: './support/global-setup.ts',
  // One server and one database for the whole run: tests create their own students, so they
  // never share a letter, but they run one at a time to keep a 2-core machine responsive.
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL: process.env.CARTABLE_URL,
    locale: 'fr-BE',
    timezoneId: 'Europe/Brussels',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromium,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  projects: [
    { name: 'javascript', use: { javaScriptEnabled: true } },
    { name: 'no-javascript', use: { javaScriptEnabled: false } },
  ],
});
