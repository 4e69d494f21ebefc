// The page of a roadmap too large to draw whole (issue 22), in Debian's headless Chromium through
// playwright-core, as tests/browser/test.mjs drives the ordinary page. Run by .ci/run after
// `cargo build`; by hand: `cargo build && node tests/browser/large.mjs`.
//
// A roadmap of 900 topics (nine stages of 100, each topic needing five of the stage before) draws
// as more nodes and edges than `render` and `html` lay out whole, so its page shows the stage
// overview and, for the topic chosen, its neighbourhood (src/html/neighbourhood.js): what it
// needs two levels up, what it unlocks two levels down. Checked: the hint, the stages in their
// colours, search then Enter drawing the neighbourhood with the right boxes and arrows, a click
// moving to another topic, a mark recolouring its box, the toolbar's Stages leaving it, no
// request, no script error, and axe-core finding no serious or critical violation.
// Screenshots go to target/browser/large*.png.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { check, finish } from './tap.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT = path.join(ROOT, 'target', 'browser');
const BIN = process.env.ROADMAP_BIN || path.join(ROOT, 'target', 'debug', 'roadmap');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const AXE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const PAGE_URL = 'http://roadmap.invalid/';


// The roadmap: topic t<k> of stage s<k/100>; past the first stage, each needs five topics of the
// stage before, spread by a fixed rule.
const STAGES = 9;
const WIDTH = 100;
const id = (k) => 't' + String(k).padStart(3, '0');
let toml = '[roadmap]\ntitle = "Wide roadmap"\nsummary = "Nine stages of a hundred topics"\n';
for (let s = 0; s < STAGES; s++) toml += `\n[[stage]]\nid = "s${s + 1}"\ntitle = "Stage ${s + 1}"\n`;
const needs = new Map();
for (let k = 0; k < STAGES * WIDTH; k++) {
  const s = Math.floor(k / WIDTH);
  const reqs = [];
  if (s > 0) {
    for (let j = 0; j < 5; j++) {
      const r = (s - 1) * WIDTH + ((k % WIDTH) * 7 + j * 13) % WIDTH;
      if (!reqs.includes(id(r))) reqs.push(id(r));
    }
  }
  // Every fourth topic past the second stage also needs one two stages back, which what it needs
  // may need too (t450 needs t202, as t350 does): arrows within a row of the neighbourhood.
  if (s > 1 && k % 4 === 2) reqs.push(id((s - 2) * WIDTH + (k * 7 + 52) % WIDTH));
  needs.set(id(k), reqs);
  toml += `\n[[topic]]\nid = "${id(k)}"\ntitle = "Topic ${k}"\nstage = "s${s + 1}"\nhours = ${1 + (k % 9)}\n`;
  if (reqs.length) toml += `requires = [${reqs.map((r) => `"${r}"`).join(', ')}]\n`;
}
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'roadmap-browser-large-'));
const roadmapFile = path.join(tmp, 'wide.toml');
fs.writeFileSync(roadmapFile, toml);
fs.mkdirSync(OUT, { recursive: true });
const pageFile = path.join(OUT, 'large.html');
const env = { ...process.env, NO_COLOR: '1' };
for (const k of ['ROADMAP_PATH', 'ROADMAP_LANG', 'ROADMAP_PROGRESS']) delete env[k];
const made = spawnSync(BIN, ['--roadmap', roadmapFile, '--progress', path.join(tmp, 'none.toml'), 'html', '-o', pageFile],
  { encoding: 'utf8', env });
check('html writes the page of a roadmap too large to draw whole', made.status === 0, made.stderr);
check('and says it draws the stage overview', /drawing the stage overview instead/.test(made.stderr), made.stderr);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roadmap-chromium-'));
const context = await chromium.launchPersistentContext(dir, {
  executablePath: CHROMIUM,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  viewport: { width: 1400, height: 1000 },
  serviceWorkers: 'block',
  reducedMotion: 'reduce',
});
const served = fs.readFileSync(pageFile);
const refused = [];
await context.route('**/*', (route) => {
  const url = route.request().url();
  if (url === PAGE_URL) return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: served });
  refused.push(url);
  return route.abort('internetdisconnected');
});
const page = await context.newPage();
const problems = [];
page.on('pageerror', (e) => problems.push(String(e)));
page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });

try {
  await page.goto(PAGE_URL, { waitUntil: 'load' });
  await page.waitForFunction(() => document.querySelectorAll('#stages li').length > 0);
  const hint = await page.textContent('#graph .nb-hint');
  check('the canvas says the roadmap is too large to draw whole, and what to do', /900 topics/.test(hint || ''), hint);
  const stages = await page.$$eval('#graph g.node.nb-stage', (gs) => gs.map((g) => g.querySelector('path, polygon').style.fill));
  check('the drawing is the overview: nine stages in their colours', stages.length === STAGES && stages.every((f) => f && f !== 'none'), JSON.stringify(stages));
  check('no neighbourhood before a topic is chosen', await page.isHidden('#neighbourhood'));
  await page.screenshot({ path: path.join(OUT, 'large.png') });

  // Search, then Enter: the best match opens, with its neighbourhood.
  await page.fill('#search', 'Topic 450');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#neighbourhood:not([hidden]) .nb-centre');
  const centre = await page.getAttribute('#neighbourhood .nb-centre', 'data-id');
  check('Enter opens the best match and draws its neighbourhood', centre === 't450', centre);
  check('the drawing replaces the overview', await page.isHidden('#graph') && await page.isHidden('#overview'));
  const boxes = await page.$$eval('#neighbourhood .nb-node', (gs) => gs.map((g) => g.getAttribute('data-id')));
  const more = await page.$$eval('#neighbourhood .nb-more text', (ts) => ts.map((t) => t.textContent));
  const direct = needs.get('t450');
  const unlocks = [...needs].filter(([, r]) => r.includes('t450')).map(([k]) => k);
  // A row shows what fits the canvas; the rest is counted in its "N more" box.
  const shownOf = (ids) => ids.filter((r) => boxes.includes(r)).length;
  const counted = (ids) => shownOf(ids) === ids.length || more.includes(`${ids.length - shownOf(ids)} more`);
  check('what it needs has a box each, or is counted in the row\'s "N more"', shownOf(direct) >= 2 && counted(direct), `${direct} in ${boxes}; ${more}`);
  check('what it unlocks has a box each, or is counted in the row\'s "N more"', shownOf(unlocks) >= 2 && counted(unlocks), `${unlocks} in ${boxes}; ${more}`);
  const second = [...new Set(direct.flatMap((r) => needs.get(r)))];
  check('two levels up are drawn too', second.some((r) => boxes.includes(r)), `${second} in ${boxes}`);
  const box = await page.$eval('#neighbourhood', (b) => [b.scrollWidth, b.clientWidth]);
  check('the drawing fits the canvas\'s width', box[0] <= box[1] + 1, JSON.stringify(box));
  const arrows = await page.$$eval('#neighbourhood .nb-edges path', (ps) => ps.length);
  check('arrows join the rows', arrows >= shownOf(direct), String(arrows));
  // Every requirement between two drawn boxes has its arrow, across rows and within one.
  const drawn = await page.$$eval('#neighbourhood .nb-edges path', (ps) => ps.map((p) => `${p.dataset.from}>${p.dataset.to}`).sort());
  const rowOf = new Map(await page.$$eval('#neighbourhood .nb-node', (gs) => gs.map((g) => [g.dataset.id, Number(g.dataset.row)])));
  const expected = boxes.flatMap((b) => needs.get(b).filter((a) => boxes.includes(a)).map((a) => `${a}>${b}`)).sort();
  const apart = expected.filter((e) => { const [a, b] = e.split('>'); return Math.abs(rowOf.get(a) - rowOf.get(b)) !== 1; });
  check(`every requirement between two drawn boxes has its arrow (${expected.length}, ${apart.length} of them within a row or across several)`,
    JSON.stringify(drawn) === JSON.stringify(expected) && apart.length > 0, `drawn ${drawn}\nexpected ${expected}`);
  check('the details show the same topic', (await page.textContent('#d-title')) === 'Topic 450');
  await page.screenshot({ path: path.join(OUT, 'large-neighbourhood.png') });
  await page.evaluate(AXE);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  check('axe: no serious or critical violation with the neighbourhood shown', bad.length === 0,
    bad.map((v) => `${v.id} (${v.impact}): ${v.help} ${v.nodes.slice(0, 2).map((n) => n.target.join(' ')).join(', ')}`).join('\n'));

  // A narrower canvas (a phone) holds fewer places a row: the drawing is made again to fit.
  const widest = () => {
    const count = new Map();
    for (const g of document.querySelectorAll('#neighbourhood .nb-node')) count.set(g.dataset.row, (count.get(g.dataset.row) || 0) + 1);
    return Math.max(0, ...count.values());
  };
  // Drawn again on the next frame after the canvas changes size: waited for, 5 s at most.
  const settled = async (done) => {
    for (let i = 0; i < 50; i++) {
      const n = await page.evaluate(widest);
      if (done(n)) return n;
      await page.waitForTimeout(100);
    }
    return page.evaluate(widest);
  };
  const wide = await page.evaluate(widest);
  await page.setViewportSize({ width: 390, height: 844 });
  const narrow = await settled((n) => n < wide);
  check(`resized to a phone, the neighbourhood is drawn again with fewer places a row (${wide} boxes a row at most, then ${narrow})`, narrow < wide && narrow <= 3, `${wide} -> ${narrow}`);
  await page.setViewportSize({ width: 1400, height: 1000 });
  const back = await settled((n) => n === wide);
  check('and at the desktop size again, as before', back === wide, `${wide} -> ${back}`);

  // A box opens its topic, there.
  const target = direct.find((r) => boxes.includes(r));
  await page.click(`#neighbourhood .nb-node[data-id="${target}"]`);
  await page.waitForFunction((want) => document.querySelector('#neighbourhood .nb-centre')?.getAttribute('data-id') === want, target);
  check('a click on a box moves to that topic', (await page.textContent('#d-title')) === `Topic ${Number(target.slice(1))}`);

  // A mark recolours the centre's box.
  await page.check('#details input[name="mark"][value="done"]');
  await page.waitForSelector('#neighbourhood .nb-centre.done');
  check('marking the topic done colours its box', true);

  // Keyboard: Enter on a box moves there too.
  const other = await page.$$eval('#neighbourhood .nb-node:not(.nb-centre)', (gs) => gs[0].getAttribute('data-id'));
  await page.focus(`#neighbourhood .nb-node[data-id="${other}"]`);
  await page.keyboard.press('Enter');
  await page.waitForFunction((want) => document.querySelector('#neighbourhood .nb-centre')?.getAttribute('data-id') === want, other);
  check('Enter on a box moves to that topic', true);

  // The toolbar's Stages leaves the neighbourhood for the overview.
  await page.click('#show-overview');
  check('Stages shows the overview and hides the neighbourhood', await page.isHidden('#neighbourhood') && await page.isVisible('#overview'));
} catch (e) {
  check('the large page test ran to the end', false, e.stack || e);
}
check('the page made no request', refused.length === 0, refused.join('\n'));
check('no script error', problems.length === 0, problems.join('\n'));
await context.close();
fs.rmSync(tmp, { recursive: true, force: true });
console.log(`# screenshots in target/browser/: large.png, large-neighbourhood.png`);
finish();
