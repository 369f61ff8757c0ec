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

// A bind_transceiver (password "secret"), a submit_sm and a deliver_sm receipt.
const INSPECT_SAMPLE = [
  '00000021 00000009 00000000 00000001 7465737400 73656372657400 00 34 00 00 00',
  '00000033 00000004 00000000 00000002 00 05 00 41636d6500 01 01 34343737303039303031323300 00 00 00 00 00 01 00 00 00 02 4869',
  '0000003d 00000005 00000000 00000005 00 00 00 00 00 00 00 04 00 00 00 00 00 00 00 00 11 69643a3720737461743a44454c49565244 001e 0002 3700 0427 0001 02',
].join('\n');

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

  await page.fill('#send-text', 'Привет! Код 5521 действует 10 минут 😀 — {ok} €5');
  await page.waitForSelector('[data-testid="send-encoding"][data-alphabet="UCS2"]');
  await page.screenshot({ path: `${out}/send-ucs2-${scheme}.png` });
  await page.fill('#send-text', 'Your verification code is 482913. It expires in 10 minutes.');

  await page.fill('#send-to', 'not-a-number');
  await page.click('#send-submit');
  await page.waitForSelector('[data-testid="send-error-code"]');
  await page.screenshot({ path: `${out}/send-failed-${scheme}.png` });

  await page.click('[data-nav="messages"]');
  await page.waitForSelector('[data-testid="message-row"]');
  await page.waitForTimeout(3500);
  await page.screenshot({ path: `${out}/messages-${scheme}.png` });

  await page.click('[data-nav="inspector"]');
  await page.fill('#inspector-hex', INSPECT_SAMPLE);
  await page.click('#inspector-submit');
  await page.waitForSelector('[data-testid="inspector-pdu"][data-command="deliver_sm"]');
  await page.hover('[data-testid="inspector-field"][data-name="password"]');
  await page.screenshot({ path: `${out}/inspector-${scheme}.png` });
  await page.hover('#hex-140');
  await page.screenshot({ path: `${out}/inspector-hex-hover-${scheme}.png` });
  await page.evaluate(() => document.querySelector('main')?.scrollTo(0, 99999));
  await page.screenshot({ path: `${out}/inspector-bottom-${scheme}.png` });

  await page.fill('#inspector-hex', '00000019 80000004 00000045 00000002 31323300 0000ff');
  await page.click('#inspector-submit');
  await page.waitForSelector('[data-testid="inspector-error"]');
  await page.screenshot({ path: `${out}/inspector-broken-${scheme}.png` });

  await page.fill('#inspector-hex', '00000010 80000004 00000000 00000002 0000000a');
  await page.click('#inspector-submit');
  await page.waitForSelector('[data-testid="inspector-trailing"]');
  await page.screenshot({ path: `${out}/inspector-trailing-${scheme}.png` });

  await page.fill('#inspector-hex', '00000010 0000zz15');
  await page.click('#inspector-submit');
  await page.waitForSelector('[data-testid="inspector-input-error"]');
  await page.screenshot({ path: `${out}/inspector-bad-hex-${scheme}.png` });
  await page.close();
}
await browser.close();
if (problems.length) {
  console.error(problems.join('\n'));
  process.exitCode = 1;
} else {
  console.log(`screenshots written to ${out}/`);
}
