// Dev aid: screenshots of the UI against the dev mock (needs `npm run dev` running and
// Debian's chromium). Usage: node scripts/screenshots.mjs [baseUrl] [outDir]
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';

const base = process.argv[2] ?? 'http://localhost:5173/';
const out = process.argv[3] ?? 'screenshots';
mkdirSync(out, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});

/** @type {string[]} */
const problems = [];
/** @type {('light' | 'dark')[]} */
const schemes = ['light', 'dark'];
for (const scheme of schemes) {
  const page = await browser.newPage({ viewport: { width: 1360, height: 820 }, colorScheme: scheme });
  page.on('pageerror', (e) => problems.push(`${scheme}: pageerror ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${scheme}: console ${m.type()} ${m.text()}`);
  });

  await page.goto(`${base}#/send`);
  await page.waitForSelector('[data-testid="bind-status"][data-state="Bound"]');
  await page.fill('#send-to', '+447700900123');
  await page.fill('#send-text', 'Your verification code is 482913. It expires in 10 minutes.');
  await page.click('#send-submit');
  await page.waitForSelector('[data-testid="send-result"][data-state="Accepted"]');
  await page.screenshot({ path: `${out}/send-${scheme}.png` });

  await page.fill('#send-to', 'not-a-number');
  await page.click('#send-submit');
  await page.waitForSelector('[data-testid="send-error-code"]');
  await page.screenshot({ path: `${out}/send-failed-${scheme}.png` });

  await page.click('[data-nav="messages"]');
  await page.waitForSelector('[data-testid="message-row"]');
  await page.waitForTimeout(3500);
  await page.screenshot({ path: `${out}/messages-${scheme}.png` });
  await page.close();
}
await browser.close();
if (problems.length) {
  console.error(problems.join('\n'));
  process.exitCode = 1;
} else {
  console.log(`screenshots written to ${out}/`);
}
