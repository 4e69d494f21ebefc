// Opens a page `roadmap html` wrote in Debian's headless Chromium and prints how long it takes to
// be ready (the script's `html.ready`), where that time went, and how long it takes to plan again
// after a mark (the first next topic marked done). A measurement, not a test:
//
//   node tests/browser/measure.mjs PAGE.html [runs]
import { chromium } from 'playwright-core';
import { pathToFileURL } from 'node:url';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const file = process.argv[2];
const runs = Number(process.argv[3] || 3);
if (!file) {
  console.error('usage: node tests/browser/measure.mjs PAGE.html [runs]');
  process.exit(2);
}
const url = pathToFileURL(path.resolve(file)).href;
const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'roadmap-measure-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
  viewport: { width: 1400, height: 1000 },
});
context.setDefaultTimeout(600000);
const page = context.pages()[0] || (await context.newPage());
page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
console.log(`${path.basename(file)}: ${(fs.statSync(file).size / 1024).toFixed(0)} KiB`);
for (let i = 0; i < runs; i++) {
  await page.evaluate(() => localStorage.clear()).catch(() => {});
  const t0 = Date.now();
  await page.goto(url, { waitUntil: 'load' });
  const loaded = Date.now() - t0;
  await page.waitForSelector('html.ready');
  const ready = Date.now() - t0;
  const steps = await page.locator('#plan-steps [data-step]').count();
  // Where the time went, from the page's own marks (page.js): the HTML before the script, the
  // JSON parsed, the rest of the script (planning, next topics, drawing set up).
  const marks = await page.evaluate(() => {
    const at = (name) => performance.getEntriesByName(name)[0]?.startTime;
    return [at('roadmap-script'), at('roadmap-data'), at('roadmap-ready')];
  });
  const split = marks.every((m) => m !== undefined)
    ? ` = HTML ${Math.round(marks[0])} ms + data parsed ${Math.round(marks[1] - marks[0])} ms + script ${Math.round(marks[2] - marks[1])} ms`
    : '';
  const first = page.locator('#next-list button.mark-done').first();
  let replan = NaN;
  if (await first.count()) {
    // Done: the next topics change (and the plan, when the page has goals, with them).
    const before = await page.evaluate(() => [document.getElementById('plan-summary')?.innerText, document.getElementById('next-list').dataset.next].join('\n'));
    const t1 = Date.now();
    await first.click();
    await page.waitForFunction((b) => [document.getElementById('plan-summary')?.innerText, document.getElementById('next-list').dataset.next].join('\n') !== b, before);
    replan = Date.now() - t1;
  }
  console.log(`run ${i + 1}: load event ${loaded} ms, ready ${ready} ms${split} (${steps} plan steps shown), a mark re-planned in ${replan} ms`);
}
await context.close();
fs.rmSync(userDataDir, { recursive: true, force: true });
