/// <reference lib="dom" />
// The HTML report in a real browser (headless Chromium through puppeteer-core): loaded from a
// file:// URL with every other request intercepted, it must log no error, ask for nothing, run no
// injected script, draw as many marks as the data has, and sort and filter its table. The
// screenshots go to test-output/html-report/ for a person to look at. One browser per suite.

import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'puppeteer-core';
import { renderHtmlReport } from '../../../../src/core/render/html/index.js';
import { comparedPair, manyHostileClasses, type Pair } from '../../../helpers/html-reports.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
const OUT = path.resolve('test-output/html-report');
if (!HAVE_CHROMIUM)
  console.warn(
    `html report browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`,
  );

interface Loaded {
  page: Page;
  errors: string[];
  requests: string[];
}

let browser: Browser;

async function load(name: string, html: string): Promise<Loaded> {
  mkdirSync(OUT, { recursive: true });
  const file = path.join(OUT, `${name}.html`);
  writeFileSync(file, html);
  const url = pathToFileURL(file).href;
  const page = await browser.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warn') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.setRequestInterception(true);
  page.on('request', (r) => {
    if (r.url() === url) return void r.continue();
    requests.push(r.url());
    void r.abort();
  });
  await page.setViewport({ width: 1180, height: 900 });
  await page.goto(url, { waitUntil: 'load' });
  // The charts and the top of the table: a full page of 970 rows takes seconds to capture.
  const height = Math.min(4000, await page.evaluate(() => document.documentElement.scrollHeight));
  await page.screenshot({
    path: path.join(OUT, `${name}.png`),
    clip: { x: 0, y: 0, width: 1180, height },
    captureBeyondViewport: true,
  });
  return { page, errors, requests };
}

// page.evaluate rather than $$eval: one round trip, not a handle per element (970 rows).
const marks = (page: Page, selector: string) => page.evaluate((sel) => document.querySelectorAll(sel).length, selector);
const visibleRows = (page: Page) =>
  page.evaluate(
    () => Array.from(document.querySelectorAll<HTMLElement>('#classes tbody tr')).filter((r) => !r.hidden).length,
  );

/** Clicks the sort button of the column titled `title`; returns the data-v values of that column, top to bottom. */
async function sortBy(page: Page, title: string): Promise<(number | null)[]> {
  return page.evaluate((t) => {
    const buttons = Array.from(document.querySelectorAll('#classes thead button'));
    const b = buttons.find((x) => x.textContent === t) as HTMLButtonElement;
    b.click();
    const col = Number(b.dataset.col);
    const table = document.getElementById('classes') as HTMLTableElement;
    return Array.from(table.tBodies[0].rows).map((r) => {
      const v = r.cells[col].dataset.v;
      return v === undefined || v === '' ? null : Number(v);
    });
  }, title);
}

/** Sets the name filter (typed key by key when `type`) and the status filter; returns the rows shown. */
async function filter(page: Page, text: string, status = '', type = false): Promise<number> {
  await page.$eval(
    '#class-filter',
    (el, v) => {
      (el as HTMLInputElement).value = v;
      el.dispatchEvent(new Event('input'));
    },
    type ? '' : text,
  );
  if (type) await page.type('#class-filter', text);
  await page.select('#status-filter', status);
  return visibleRows(page);
}

const drawable = (p: Pair, split: string) =>
  p.base.classes.filter(
    (_, i) => p.base.splits[split].perClass.support[i] > 0 && p.head.splits[split].perClass.support[i] > 0,
  ).length;

(HAVE_CHROMIUM ? describe : describe.skip)(
  `the HTML report in Chromium${HAVE_CHROMIUM ? '' : ` (skipped: no ${CHROMIUM})`}`,
  () => {
    let many: Pair;
    let small: Pair;
    beforeAll(async () => {
      const { default: puppeteer } = await import('puppeteer-core');
      browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
      many = comparedPair(manyHostileClasses());
      small = comparedPair(
        Array.from({ length: 12 }, (_, i) => `digit ${i}`),
        3,
        true,
      );
    });
    afterAll(async () => {
      await browser?.close();
    });

    test('12 classes, two splits: quiet, offline, every chart drawn from the data', async () => {
      const { page, errors, requests } = await load(
        'small',
        renderHtmlReport({ comparison: small.comparison, head: small.head }),
      );
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
      expect(await marks(page, 'svg.scatter circle.pt')).toBe(drawable(small, 'validation') + drawable(small, 'test'));
      expect(await marks(page, 'svg.heatmap rect.cell')).toBe(12 * 12);
      const rows = [...small.comparison.headline, ...small.comparison.gaps].filter((r) => r.delta !== null).length;
      expect(await marks(page, 'svg.forest circle.fp-dot')).toBe(rows);
      // Every chart is named by its caption and has its data table.
      const named = await page.evaluate(() =>
        Array.from(document.querySelectorAll('svg.chart')).every(
          (s) => s.getAttribute('role') === 'img' && !!document.getElementById(s.getAttribute('aria-labelledby')!),
        ),
      );
      expect(named).toBe(true);
      expect(await marks(page, 'figure.chart-figure details.data table')).toBe(await marks(page, 'svg.chart'));
      await page.close();
    });

    test('485 classes with hostile names: no injected script runs, marks match, the table sorts and filters', async () => {
      const cmp = many.comparison;
      const { page, errors, requests } = await load(
        '485-hostile',
        renderHtmlReport({ comparison: cmp, head: many.head }),
      );
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
      expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
      expect(await page.evaluate(() => document.scripts.length)).toBe(1);
      expect(await page.evaluate(() => document.querySelectorAll('img, iframe, object, embed').length)).toBe(0);
      expect(await marks(page, 'svg.scatter circle.pt')).toBe(drawable(many, 'test'));
      expect(await marks(page, 'svg.heatmap rect.cell')).toBe(25 * 25);
      const bands = cmp.classAggregates![0].bands.length;
      expect(await marks(page, 'svg.bands rect.bar')).toBe(2 * bands);
      // The hostile names come back as text, exactly.
      const titles = await page.evaluate(() =>
        Array.from(document.querySelectorAll('svg.scatter circle.pt title')).map((t) => t.textContent ?? ''),
      );
      expect(titles.filter((t) => t.startsWith('<script>window.__pwned=1</script> (test): found'))).toHaveLength(1);
      expect(titles.filter((t) => t.startsWith('"><img src=x onerror="window.__pwned=2"> (test)'))).toHaveLength(1);
      expect(await visibleRows(page)).toBe(cmp.classes.length);
      const up = await sortBy(page, 'change');
      const numbers = up.filter((v): v is number => v !== null);
      expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
      expect(up.slice(numbers.length).every((v) => v === null)).toBe(true); // missing values last
      const down = (await sortBy(page, 'change')).filter((v): v is number => v !== null);
      expect(down).toEqual([...numbers].sort((a, b) => b - a));
      const named = cmp.classes.filter((c) => c.name.toLowerCase().includes('class-1')).length;
      expect(named).toBeGreaterThan(10);
      expect(await filter(page, 'CLASS-1', '', true)).toBe(named);
      const regressed = cmp.classes.filter((c) => c.status === 'regression').length;
      expect(await filter(page, '', 'regression')).toBe(regressed);
      expect(await page.$eval('#shown-count', (e) => e.textContent)).toBe(`${regressed} of ${cmp.classes.length}`);
      expect(await filter(page, 'חתול')).toBe(cmp.classes.filter((c) => c.name.includes('חתול')).length);
      await page.close();
    });
  },
);
