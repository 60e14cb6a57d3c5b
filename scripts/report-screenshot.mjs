// Screenshot of an HTML report for the README (docs/html-report.png), with the network off:
//   npm run build && npm run demo      # writes demo-output/report.html
//   node scripts/report-screenshot.mjs demo-output/report.html docs/html-report.png
// Needs Chromium (/usr/bin/chromium, or CHROMIUM_PATH) and the puppeteer-core dev dependency.

import path from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';

const [input, output, width = '1180'] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: node scripts/report-screenshot.mjs REPORT.html OUT.png [WIDTH]');
  process.exit(2);
}
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox'],
});
try {
  const page = await browser.newPage();
  await page.setRequestInterception(true);
  page.on('request', (r) => (r.url().startsWith('file:') ? r.continue() : r.abort()));
  await page.setViewport({ width: Number(width), height: 900, deviceScaleFactor: 1 });
  await page.goto(pathToFileURL(path.resolve(input)).href, { waitUntil: 'load' });
  await page.screenshot({ path: output, fullPage: true });
  console.log(`wrote ${output}`);
} finally {
  await browser.close();
}
