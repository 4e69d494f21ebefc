// The page `roadmap html` writes, driven in a real browser: Debian's Chromium, headless, through
// playwright-core (no browser download). Run by .ci/run after `cargo build`; by hand:
//
//   cargo build && node tests/browser/test.mjs            (from the repository root or anywhere)
//   node tests/browser/test.mjs --update-docs             (also rewrites docs/html.png)
//
// Every request but the page itself is refused and counted, so the page must work offline.
//
// 1. The page's planner (src/html/plan.js, a port of choose.rs and plan.rs) against `roadmap
//    plan --format json`, in Node, on random sets of known, learning and preferred topics over
//    the built-in roadmap and fixtures (exact search, greedy choices and local improvement).
// 2. The default roadmap's page at 1400×1000: it opens on the next topics, readable; marks made
//    in the page re-plan it, and for several sets of marks its plan (steps in order, weeks,
//    dates, choices, totals) and next topics equal what `roadmap plan`/`roadmap next` print with
//    `--known <done and skipped>`; progress over time against the CLI's plans for the marks of
//    each week; search; details; keyboard; export, import and reload.
// 3. A phone (390×844), the dark theme, the Chinese page, and a page made with options.
// 4. axe-core (pinned in package-lock.json; injected into the page under test only) on desktop
//    and phone, light and dark, English and Chinese: no serious or critical violation.
// 5. A hostile roadmap's page: no script of its text runs, no dialog opens.
// Screenshots go to target/browser/ (kept by CI as artifacts).

import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { check, finish } from './tap.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT = path.join(ROOT, 'target', 'browser');
const BIN = process.env.ROADMAP_BIN || path.join(ROOT, 'target', 'debug', 'roadmap');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const HOSTILE = path.join(ROOT, 'tests', 'fixtures', 'html-hostile', 'roadmap.toml');
const FIXTURES = path.join(ROOT, 'tests', 'fixtures');
const PAGE_URL = 'http://roadmap.invalid/';
const UPDATE_DOCS = process.argv.includes('--update-docs');
const AXE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
// The day the browser and the command line both take as today: a Monday.
const TODAY = '2026-03-02';
const DESKTOP = { width: 1400, height: 1000 };
const PHONE = { width: 390, height: 844 };


// Runs the roadmap binary; progress goes to a file of the test's own, never the user's.
function roadmap(args, env = {}) {
  const all = { ...process.env, NO_COLOR: '1', ROADMAP_TODAY: TODAY, ...env };
  delete all.ROADMAP_PATH;
  delete all.ROADMAP_LANG;
  delete all.ROADMAP_PROGRESS;
  return spawnSync(BIN, args, { cwd: ROOT, encoding: 'utf8', env: all, maxBuffer: 1 << 28 });
}
function json(args) {
  const r = roadmap(args);
  if (r.status !== 0) throw new Error(`roadmap ${args.join(' ')} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout);
}

fs.mkdirSync(OUT, { recursive: true });
if (!fs.existsSync(BIN)) execFileSync('cargo', ['build', '--quiet'], { cwd: ROOT, stdio: 'inherit' });
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'roadmap-browser-'));
const noProgress = path.join(tmp, 'no-progress.toml');

function makePage(name, args) {
  const file = path.join(OUT, name);
  const r = roadmap(['--progress', noProgress, ...args, '-o', file]);
  if (r.status !== 0) throw new Error(`roadmap ${args.join(' ')} failed:\n${r.stderr}`);
  return file;
}
const pageData = (file) => JSON.parse(/<script type="application\/json" id="roadmap-data">(.*?)<\/script>/s.exec(fs.readFileSync(file, 'utf8'))[1]);

// A progress file as `roadmap progress` writes it: marks [[id, state, date]].
function progressFile(name, marks, roadmapFile) {
  const file = path.join(tmp, name);
  fs.rmSync(file, { force: true });
  const verbs = { done: 'done', learning: 'learning', skipped: 'skip' };
  const byDay = new Map();
  for (const [id, state, date = TODAY] of marks) {
    const key = `${date} ${state}`;
    if (!byDay.has(key)) byDay.set(key, []);
    byDay.get(key).push(id);
  }
  for (const [key, ids] of byDay) {
    const [date, state] = key.split(' ');
    const r = roadmap([...(roadmapFile ? ['--roadmap', roadmapFile] : []), 'progress', verbs[state], ...ids, '--progress', file], { ROADMAP_TODAY: date });
    if (r.status !== 0) throw new Error(r.stderr);
  }
  if (!marks.length) fs.writeFileSync(file, '');
  return file;
}

// What `roadmap plan` and `roadmap next` say for some marks: known = done and skipped (given
// with --known), learning from a progress file holding only those marks.
function cliPlan(goals, marks, extra = [], roadmapArgs = [], perWeek = 10) {
  const known = marks.filter(([, s]) => s !== 'learning').map(([id]) => id);
  const learning = progressFile('learning.toml', marks.filter(([, s]) => s === 'learning'), roadmapArgs[1]);
  const knownArgs = known.length ? ['--known', known.join(',')] : [];
  const p = json([...roadmapArgs, '--progress', learning, 'plan', ...goals, ...knownArgs, ...extra,
    '--hours-per-week', String(perWeek), '--start', TODAY, '--format', 'json']);
  const n = json([...roadmapArgs, '--progress', learning, 'next', ...goals, ...knownArgs, '--format', 'json']);
  return {
    steps: p.steps.map((s) => [s.id, `${s.week_start}-${s.week_end}`, `${s.date_start}/${s.date_end}`]),
    choices: p.choices.map((c) => [c.topic, c.chosen, c.reason, c.needed_by || '', c.added_hours ? c.added_hours.join(',') : '']),
    hours: String(p.total_hours),
    weeks: String(p.weeks),
    finish: p.steps.length ? p.steps[p.steps.length - 1].date_end : TODAY,
    next: n.map((r) => r.id).join(' '),
  };
}

// ---------- 1. the page's planner against the command line, in Node ----------

const started = Date.now();
const PLANNER = fs.readFileSync(path.join(ROOT, 'src', 'html', 'plan.js'), 'utf8');
let portSets = 0;
let portExact = 0;
let portGreedy = 0;
let nextSets = 0;
let nextReady = 0;
function comparePort(label, roadmapFile, goals, count, seed) {
  const rm = roadmapFile ? ['--roadmap', roadmapFile] : [];
  const data = pageData(makePage('port.html', [...rm, 'html', ...goals]));
  const planner = vm.runInNewContext(`${PLANNER}\n;roadmapPlanner`, {})(data);
  const ids = data.topics.map((t) => t.id);
  let s = seed;
  const rnd = () => { s = (s * 1103515245 + 12345) % 2147483648; return s / 2147483648; };
  const bad = [];
  const badNext = [];
  for (let k = 0; k < count; k++) {
    const share = rnd() * 0.5;
    const known = ids.filter(() => rnd() < share);
    const learning = ids.filter((id) => !known.includes(id) && rnd() < 0.05);
    const prefer = rnd() < 0.3 ? ids.filter(() => rnd() < 0.03) : [];
    const withRecommended = rnd() < 0.3;
    const order = rnd() < 0.3 ? 'depth' : 'stage';
    const perWeek = [10, 7, 2.5][k % 3];
    const learningFile = progressFile('port-learning.toml', learning.map((id) => [id, 'learning']), roadmapFile);
    const args = [...rm, '--progress', learningFile, 'plan', ...goals, '--hours-per-week', String(perWeek), '--format', 'json', '--order', order];
    if (known.length) args.push('--known', known.join(','));
    if (prefer.length) args.push('--prefer', prefer.join(','));
    if (withRecommended) args.push('--with-recommended');
    const cli = json(args);
    const mine = planner.plan(goals, { known: new Set(known), learning: new Set(learning), prefer, withRecommended, order });
    const sched = planner.schedule(mine.steps, perWeek);
    const a = JSON.stringify([mine.steps.map((x, i) => [x.id, x.requires, sched.weeks[i]]), mine.choices, mine.choices_exact, mine.total_hours, sched.total]);
    const b = JSON.stringify([cli.steps.map((x) => [x.id, x.requires, [x.week_start, x.week_end]]), cli.choices, cli.choices_exact, cli.total_hours, cli.weeks]);
    portSets++;
    if (cli.choices_exact) portExact++;
    else portGreedy++;
    if (a !== b) bad.push(`set ${k}: known ${known.join(',')}; learning ${learning.join(',')}; prefer ${prefer.join(',')}; ${withRecommended ? 'with recommended; ' : ''}${order}\n  page ${a.slice(0, 400)}\n  cli  ${b.slice(0, 400)}`);
    // The next topics and what each unlocks, toward the goals (the plan's topics) and over the
    // whole roadmap; every other set sweeps 32 ready topics at a time, to cross word boundaries.
    const toward = k % 2 === 0;
    const nextArgs = [...rm, '--progress', learningFile, 'next', ...(toward ? goals : []), '--format', 'json'];
    if (known.length) nextArgs.push('--known', known.join(','));
    if (prefer.length) nextArgs.push('--prefer', prefer.join(','));
    if (withRecommended) nextArgs.push('--with-recommended');
    const cliNext = JSON.stringify(json(nextArgs).map((r) => [r.id, r.unlocks]));
    const scope = toward ? new Set(mine.steps.map((x) => x.id)) : null;
    const oneWord = k % 4 < 2;
    const myNext = JSON.stringify(planner.next(new Set(known), scope, oneWord ? 1 : undefined).map((r) => [r.id, r.unlocks]));
    nextSets++;
    if (oneWord) nextReady = Math.max(nextReady, JSON.parse(cliNext).length);
    if (myNext !== cliNext) badNext.push(`set ${k}${toward ? ' toward the goals' : ''}: known ${known.join(',')}\n  page ${myNext.slice(0, 400)}\n  cli  ${cliNext.slice(0, 400)}`);
  }
  check(`the page's planner plans as \`roadmap plan\`: ${label}, ${count} random sets`, bad.length === 0, bad.slice(0, 3).join('\n'));
  check(`the page's next topics (and what each unlocks) are \`roadmap next\`'s: ${label}, ${count} random sets`, badNext.length === 0, badNext.slice(0, 3).join('\n'));
}
try {
  comparePort('built-in, ml-engineer', null, ['ml-engineer'], 30, 11);
  comparePort('built-in, data-scientist + ai-specialist', null, ['data-scientist', 'ai-specialist'], 20, 12);
  comparePort('built-in, deep-learning-engineer', null, ['deep-learning-engineer'], 10, 13);
  comparePort('fixture with choices', path.join(FIXTURES, 'choices.toml'), ['deep-learning-engineer', 'analyst'], 20, 14);
  comparePort('17 open groups (greedy, then improved)', path.join(FIXTURES, 'many-choices.toml'), ['everything'], 15, 15);
  comparePort('steps too short to move the rounded total', path.join(FIXTURES, 'html-planner', 'tiny-steps.toml'), ['goal'], 6, 17);
  comparePort('generated, 400 topics', path.join(FIXTURES, 'html-planner', 'generated-400.toml'), ['t000399', 't000200'], 20, 16);
  check(`the random sets reached both the exact search and the greedy choices (${portExact} exact, ${portGreedy} greedy)`, portExact > 0 && portGreedy > 0);
  check(`the next topics were compared for ${nextSets} sets, some swept 32 ready topics at a time with more ready than that (at most ${nextReady})`, nextSets > 0 && nextReady > 32);
} catch (e) {
  check('the planner comparison ran to the end', false, e.stack || e);
}

// ---------- the browser ----------

const mainPage = makePage('roadmap.html', ['html', 'ml-engineer']);
const FILE_URL = pathToFileURL(mainPage).href;
const hostilePage = makePage('hostile.html', ['--roadmap', HOSTILE, 'html', 'goal']);

const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'roadmap-chromium-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: CHROMIUM,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: DESKTOP,
  acceptDownloads: true,
  serviceWorkers: 'block',
  reducedMotion: 'reduce',
});
// The browser's today is the command line's (ROADMAP_TODAY), at noon local time.
await context.clock.setFixedTime(new Date(`${TODAY}T12:00:00`));

// The network: only the page under test is served (from memory, or its file); everything else is
// refused and remembered. blob: downloads never reach the network.
let served = fs.readFileSync(mainPage);
const refused = [];
await context.route('**/*', (route) => {
  const url = route.request().url();
  if (url === PAGE_URL) {
    return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: served });
  }
  if (url === FILE_URL) return route.continue();
  refused.push(url);
  return route.abort('internetdisconnected');
});

// Problems the page reports: script errors, console errors, blocked by the Content-Security-Policy
// (which would mean its own script or style is broken, or something injected tried to run),
// dialogs (alert() from injected script).
const problems = [];
const dialogs = [];
await context.addInitScript(() => {
  window.__csp = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__csp.push(`${e.violatedDirective}: ${e.blockedURI} ${e.sample}`);
  });
});
function watch(page) {
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  page.on('request', (r) => {
    const url = r.url();
    if (url !== PAGE_URL && url !== FILE_URL && !url.startsWith('blob:') && !url.startsWith('data:')) refused.push(url);
  });
}

// Fail in seconds, not the default half minute: the page is local and small.
context.setDefaultTimeout(10000);
const page = context.pages()[0] || (await context.newPage());
watch(page);
const node = (id) => page.locator(`#graph g.node.topic[data-id=${JSON.stringify(id)}]`);
const text = (sel) => page.locator(sel).innerText();
const stateOf = (id) => node(id).evaluate((g) => ['done', 'learning', 'skipped'].find((s) => g.classList.contains('s-' + s)) || null);
async function load(url = PAGE_URL) {
  await page.goto(url);
  await page.waitForSelector('html.ready');
}
async function fresh() {
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.waitForSelector('html.ready');
}
async function importMarks(file) {
  await page.evaluate(() => { document.getElementById('status').textContent = ''; });
  await page.setInputFiles('#import-file', file);
  await page.waitForFunction(() => /^(Imported|已导入|Cannot|无法)/.test(document.getElementById('status').textContent));
}
async function mark(id, state) {
  await node(id).click();
  await page.locator(`#details input[name="mark"][value="${state}"]`).check();
}

// The plan as the page shows it, read from its elements.
const readPlan = () => page.evaluate(() => {
  const summary = document.getElementById('plan-summary');
  return {
    steps: [...document.querySelectorAll('#plan-steps [data-step]')].map((li) => [li.dataset.step, li.dataset.weeks, li.dataset.dates]),
    choices: [...document.querySelectorAll('#plan-choices [data-choice]')].map((li) => [li.dataset.choice, li.dataset.chosen, li.dataset.reason, li.dataset.neededBy, li.dataset.added]),
    hours: summary.dataset.hours,
    weeks: summary.dataset.weeks,
    finish: (document.getElementById('chart') || { dataset: {} }).dataset.finish,
    next: document.getElementById('next-list').dataset.next,
  };
});
let markSets = 0;
let searchQueries = 0;
let searchOrders = 0;
const comparedSets = [];
// `extra`: the options the page was made with; `keys`: what to compare (`roadmap next` takes no
// --prefer, so a page made with it is compared on its plan only).
async function compareWithCli(label, goals, marks, { extra = [], perWeek = 10, what = 'the page\'s plan equals `roadmap plan --known` after marks', keys = ['steps', 'choices', 'hours', 'weeks', 'finish', 'next'], roadmapArgs = [] } = {}) {
  const mine = await readPlan();
  const cli = cliPlan(goals, marks, extra, roadmapArgs, perWeek);
  const diff = [];
  for (const k of keys) {
    if (JSON.stringify(mine[k]) !== JSON.stringify(cli[k])) diff.push(`${k}:\n  page ${JSON.stringify(mine[k]).slice(0, 600)}\n  cli  ${JSON.stringify(cli[k]).slice(0, 600)}`);
  }
  markSets++;
  comparedSets.push(`${label} (${mine.steps.length} steps)`);
  check(`${what}: ${label}`, diff.length === 0, diff.join('\n'));
  return mine;
}

// ---------- accessibility and screenshots ----------

const axeResults = [];
// axe-core, read from node_modules and evaluated in the page under test only (never part of the
// page): every violation of impact serious or critical fails.
async function audit(label) {
  await page.evaluate(AXE);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const counts = { critical: 0, serious: 0, moderate: 0, minor: 0 };
  for (const v of result.violations) counts[v.impact] = (counts[v.impact] || 0) + v.nodes.length;
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  axeResults.push(`${label}: ${result.violations.length ? result.violations.map((v) => `${v.id} (${v.impact}, ${v.nodes.length})`).join(', ') : 'no violations'}`);
  check(`axe: no serious or critical violation, ${label}`, bad.length === 0,
    bad.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 3).map((n) => n.target.join(' ') + ' ' + (n.failureSummary || '').replace(/\n/g, ' ')).join('\n    ')}`).join('\n'));
}
const shots = [];
async function shot(name) {
  await page.evaluate(() => { document.getElementById('status').textContent = ''; });
  await page.screenshot({ path: path.join(OUT, name) });
  shots.push(name);
}

// The opening view: the best next topic in sight, its text at least 10 CSS px high, and the
// header uncovered.
async function openingView(label) {
  const view = await page.evaluate(() => {
    const ids = document.getElementById('next-list').dataset.next.split(' ').filter(Boolean);
    const box = document.getElementById('graph').getBoundingClientRect();
    const nodeOf = (id) => [...document.querySelectorAll('#graph g.node.topic')].find((g) => g.dataset.id === id);
    const seen = [];
    let smallest = Infinity;
    for (const id of ids) {
      const g = nodeOf(id);
      if (!g) continue;
      const r = g.getBoundingClientRect();
      const inside = r.left >= box.left && r.right <= box.right && r.top >= box.top && r.bottom <= box.bottom;
      if (!inside) continue;
      seen.push(id);
      for (const t of g.querySelectorAll('text')) smallest = Math.min(smallest, t.getScreenCTM().a * parseFloat(t.getAttribute('font-size')));
    }
    return { ids, seen, smallest };
  });
  check(`${label}: the drawing opens on the first next topic (${view.seen.length} of ${view.ids.length} next topics in sight: ${view.seen.join(', ')})`,
    view.ids.length > 0 && view.seen.includes(view.ids[0]), JSON.stringify(view));
  check(`${label}: their text is at least 10 CSS px (${view.smallest.toFixed(1)} px)`, view.smallest >= 10, view.smallest);
}
// Fit on a drawing too big to read whole: the stage overview instead, readable, saying why.
async function overviewShown(label, screenshot) {
  const ov = await page.evaluate(() => {
    const o = document.getElementById('overview');
    const box = o.getBoundingClientRect();
    const stages = [...o.querySelectorAll('g.node.stage')];
    let smallest = Infinity;
    let inside = 0;
    for (const g of stages) {
      const r = g.getBoundingClientRect();
      if (r.left >= box.left && r.right <= box.right && r.top >= box.top && r.bottom <= box.bottom) inside++;
      for (const t of g.querySelectorAll('text')) smallest = Math.min(smallest, t.getScreenCTM().a * parseFloat(t.getAttribute('font-size')));
    }
    return { shown: !o.hidden && document.getElementById('graph').hidden, stages: stages.length, inside, smallest };
  });
  const said = await text('#status');
  if (screenshot) await shot(screenshot);
  check(`${label}: Fit offers the stage overview, readable (${ov.stages} stages, ${ov.inside} in sight, text ${ov.smallest.toFixed(1)} px), and says why`,
    ov.shown && ov.stages === 10 && ov.smallest >= 10 && /does not fit|无法/.test(said), `${JSON.stringify(ov)} ${said}`);
  await headerUncovered(`${label}, overview`);
}
async function headerUncovered(label) {
  const covered = await page.evaluate(() => {
    const out = [];
    for (const id of ['overall-text', 'export', 'page-title']) {
      const e = document.getElementById(id);
      const r = e.getBoundingClientRect();
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      if (!e.contains(hit)) out.push(`${id} under ${hit && (hit.id || hit.className || hit.tagName)}`);
    }
    return out;
  });
  check(`${label}: nothing covers the header (title, progress, export)`, covered.length === 0, covered.join('\n'));
}

try {
  // ---------- 2. the default roadmap on a desktop ----------
  // Opened as a file, as people will open it.
  await load(FILE_URL);
  check('the page works opened from a file', (await page.locator('#graph g.node.topic').count()) === 126);

  await load();
  check('the page loads and its script runs', (await page.title()) === 'Machine learning engineer');
  const topicNodes = await page.locator('#graph g.node.topic').count();
  check('every topic and role is a focusable node', topicNodes === 126 &&
    (await page.locator('#graph g.node.topic[tabindex="0"][role="button"]').count()) === topicNodes, topicNodes);
  check('the SVG links are unwrapped (a click opens details)', (await page.locator('#graph a').count()) === 0);
  check('the page agrees with the plan `roadmap plan` made (no warning)', await page.locator('#plan-warning').isHidden());

  const first = (await page.locator('#plan-steps li').first().innerText()).replace(/\s+/g, ' ').trim();
  check('the plan lists steps with weeks and dates', await page.locator('#plan').isVisible() &&
    first === 'Python 60 h Weeks 1–6 · Mar 2 – Apr 12, 2026', first);
  check('plan topics are highlighted in the graph', (await page.locator('#graph g.node.in-plan').count()) === 68 &&
    (await node('ml-engineer').getAttribute('class')).includes('goal'));
  await openingView('desktop');
  await headerUncovered('desktop');
  await compareWithCli('no marks', ['ml-engineer'], []);
  await shot('roadmap.png');

  // Details by click.
  await node('numpy').click();
  await page.waitForSelector('#details:not([hidden])');
  check('clicking a topic opens its details', (await text('#d-title')) === 'NumPy' && (await text('#d-id')) === 'numpy');
  check('details show the summary and hours', (await text('#d-summary')).startsWith('Fast n-dimensional arrays') &&
    (await text('#d-hours')) === '15 h' && (await text('#d-stage')) === 'Data science');
  const links = await page.locator('#d-resources a').evaluateAll((as) => as.map((a) => [a.getAttribute('href'), a.target, a.rel]));
  check('resources are web links opening in a new tab', links.length === 3 &&
    links.every(([href, target, rel]) => href.startsWith('https://') && target === '_blank' && rel.includes('noopener')), JSON.stringify(links));
  check('resources show their kind and language', (await text('#d-resources')).includes('(book, zh)'), await text('#d-resources'));
  check('prerequisites and unlocks are listed', (await text('#d-requires')).includes('Python') &&
    (await text('#d-unlocks')).includes('scikit-learn'));
  check('the selected node is marked', (await node('numpy').getAttribute('class')).includes('selected'));
  await headerUncovered('desktop, details open');
  const detailsBox = await page.locator('#details').boundingBox();
  const nodeBox = await node('numpy').boundingBox();
  check('the selected topic is in sight beside the details', nodeBox && nodeBox.x + nodeBox.width <= detailsBox.x, JSON.stringify({ nodeBox, detailsBox }));
  await page.locator('#d-requires button', { hasText: 'Python' }).click();
  check('a prerequisite moves to that topic', (await text('#d-title')) === 'Python' &&
    (await node('python').getAttribute('class')).includes('selected'));
  await shot('roadmap-details.png');
  await audit('desktop, light, details open');

  // Keyboard: Escape closes and gives focus back; Enter on a focused node opens it.
  await page.keyboard.press('Escape');
  check('Escape closes the details', await page.locator('#details').isHidden());
  await node('git').focus();
  await page.keyboard.press('Enter');
  check('Enter on a focused topic opens it', (await page.locator('#details').isVisible()) && (await text('#d-title')) === 'Version control with Git');
  check('focus moves into the details', await page.evaluate(() => document.activeElement.id === 'details'));
  await page.keyboard.press('Escape');
  check('focus returns to the topic', await page.evaluate(() => document.activeElement.dataset.id === 'git'));
  await page.keyboard.press('Tab');
  check('Tab reaches the next topic', await page.evaluate(() => document.activeElement.classList.contains('topic')));
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement.querySelector('path, polygon')).strokeWidth);
  check('the focused topic is visibly outlined', parseFloat(outline) >= 5, outline);

  // Every control is reached with Tab, in turn, and shows where the focus is.
  const tour = await page.evaluate(async () => {
    const seen = [];
    document.addEventListener('focusin', (e) => {
      const t = e.target;
      const s = getComputedStyle(t);
      const shape = t.matches('g.node') ? t.querySelector('path, polygon') : null;
      const visible = shape ? parseFloat(getComputedStyle(shape).strokeWidth) >= 5
        : (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) ||
          (t.id === 'import-file' && getComputedStyle(t.nextElementSibling).outlineStyle !== 'none');
      seen.push({ el: t, visible });
    });
    document.activeElement.blur();
    window.__seen = seen;
  }).then(async () => {
    await page.evaluate(() => window.scrollTo(0, 0));
    for (let i = 0; i < 600; i++) await page.keyboard.press('Tab');
    return page.evaluate(() => {
      const reached = new Set(window.__seen.map((s) => s.el));
      const controls = [...document.querySelectorAll('a[href], button, input, summary, [tabindex="0"]')]
        .filter((e) => e.getClientRects().length || e.id === 'import-file')
        .filter((e) => !e.closest('[hidden]'));
      const missed = controls.filter((e) => !reached.has(e)).map((e) => e.id || e.getAttribute('data-topic') || e.outerHTML.slice(0, 80));
      const unseen = window.__seen.filter((s) => !s.visible).map((s) => s.el.id || s.el.getAttribute('data-topic') || s.el.outerHTML.slice(0, 80));
      return { controls: controls.length, reached: reached.size, missed, unseen: [...new Set(unseen)] };
    });
  });
  check(`every control is reached by Tab (${tour.reached} reached of ${tour.controls})`, tour.missed.length === 0, tour.missed.slice(0, 10).join('\n'));
  check('focus is visible on every control reached', tour.unseen.length === 0, tour.unseen.slice(0, 10).join('\n'));
  // `/` focuses the search from anywhere; Enter opens the best match.
  await page.locator('#next-list button').first().focus();
  await page.keyboard.press('/');
  check('`/` focuses the search', await page.evaluate(() => document.activeElement.id === 'search'));

  // Search: every field `roadmap search` reads, best match first; Enter opens it.
  await page.keyboard.type('eigenvalues');
  let results = await page.locator('#search-results li').allInnerTexts();
  check('search finds words of summaries ("eigenvalues": Linear algebra)', results.length >= 1 && results[0].startsWith('Linear algebra'), JSON.stringify(results));
  await page.keyboard.press('Enter');
  check('Enter in the search opens the best match', (await text('#d-title')) === 'Linear algebra');
  await page.keyboard.press('Escape');
  await page.fill('#search', '线性');
  results = await page.locator('#search-results li').allInnerTexts();
  check('search finds translated titles ("线性": Linear algebra)', results.length >= 1 && results[0].startsWith('Linear algebra'), JSON.stringify(results));
  await page.fill('#search', 'torch');
  results = await page.locator('#search-results li').allInnerTexts();
  check('search lists matching topics by title first', results.length >= 1 && results[0].startsWith('PyTorch'), JSON.stringify(results));
  check('search highlights matches and dims the rest', (await page.locator('#graph.searching g.node.match').count()) === results.length &&
    (await node('pytorch').getAttribute('class')).includes('match'));
  await page.fill('#search', 'ml-');
  const byId = await page.locator('#graph g.node.match').count();
  check('search matches ids too', byId >= 3, byId);
  // The page ranks as `roadmap search` does: the same hits, order, scores and fields, for words
  // of every field, Chinese, initials and several words; a typo finds the same best topic.
  const pageHits = () => page.locator('#search-results li').evaluateAll((lis) => lis.map((li) =>
    [li.querySelector('[data-topic]').dataset.topic, Number(li.dataset.score), li.dataset.matched]));
  const cliHits = (q) => json(['search', ...q.split(' '), '--limit', '50', '--format', 'json']).map((h) => [h.id, h.score, h.matched.join(' ')]);
  for (const q of ['eigenvalues', '线性', '统计', '机器学习', 'llm', 'eda', 'neural networks', 'spark', 'python', 'deploy models', 'torch', 'ml-']) {
    await page.fill('#search', q);
    const mine = await pageHits();
    const cli = cliHits(q);
    searchQueries++;
    check(`search ranks as \`roadmap search\`: "${q}" (${cli.length} hits)`, JSON.stringify(mine) === JSON.stringify(cli),
      `page ${JSON.stringify(mine).slice(0, 500)}\ncli  ${JSON.stringify(cli).slice(0, 500)}`);
  }
  // Where a word only nearly matches (frizbee's alignment in the command line, the longest
  // common subsequence in the page), scores may differ a little: the same topics, in the same order.
  for (const q of ['data pipelines', 'monitoring models', 'pipelines']) {
    await page.fill('#search', q);
    const mine = (await pageHits()).map(([id]) => id);
    const cli = cliHits(q).map(([id]) => id);
    searchOrders++;
    check(`search finds the same topics in the same order as \`roadmap search\`: "${q}" (${cli.length} hits)`, JSON.stringify(mine) === JSON.stringify(cli),
      `page ${JSON.stringify(mine)}\ncli  ${JSON.stringify(cli)}`);
  }
  for (const q of ['eigenvalus', 'kubernets', 'pandsa']) {
    await page.fill('#search', q);
    const mine = await pageHits();
    const cli = cliHits(q);
    check(`a typo finds the best topic \`roadmap search\` finds: "${q}" (${cli.length ? cli[0][0] : 'nothing'})`,
      cli.length > 0 && mine.length > 0 && mine[0][0] === cli[0][0], `page ${JSON.stringify(mine.slice(0, 3))}\ncli  ${JSON.stringify(cli.slice(0, 3))}`);
  }
  await page.fill('#search', '');
  check('clearing the search shows every topic', (await page.locator('#graph.searching').count()) === 0);

  // ---------- marks re-plan the page, as `roadmap plan --known` plans ----------
  // Made in the page: in the details, and with the Done buttons of the next topics.
  await fresh();
  await mark('python', 'done');
  await page.keyboard.press('Escape');
  await page.locator('#next-list li[data-next="command-line"] button.mark-done').click();
  await mark('git', 'done');
  await mark('data-structures', 'learning');
  await page.keyboard.press('Escape');
  check('marking changes the nodes', (await stateOf('python')) === 'done' && (await stateOf('command-line')) === 'done' &&
    (await stateOf('data-structures')) === 'learning');
  const uiMarks = [['python', 'done'], ['command-line', 'done'], ['git', 'done'], ['data-structures', 'learning']];
  const afterUi = await compareWithCli('Python, the command line and Git done, data structures being learned (marked in the page)', ['ml-engineer'], uiMarks);
  check('the plan is made again: done topics leave it, the weeks start again at 1', afterUi.steps.length === 65 &&
    !afterUi.steps.some(([id]) => ['python', 'command-line', 'git'].includes(id)) && afterUi.steps[0][1] === '1-2', JSON.stringify(afterUi.steps.slice(0, 2)));
  check('the header counts hours left toward the goal', (await text('#overall-text')).startsWith('1207 h of 1294 h left'), await text('#overall-text'));
  const stagesText = await text('#stages');
  check('progress is shown per stage', /CS foundations\s+3\/16/.test(stagesText), stagesText);
  await page.reload();
  await page.waitForSelector('html.ready');
  check('marks survive a reload', (await stateOf('python')) === 'done' && (await stateOf('data-structures')) === 'learning');
  check('the plan after a reload is the same', JSON.stringify((await readPlan()).steps) === JSON.stringify(afterUi.steps));

  // Sets of marks imported from progress files, each compared with the command line.
  const planIds = cliPlan(['ml-engineer'], []).steps.map(([id]) => id);
  const baseChoices = new Map(cliPlan(['ml-engineer'], []).choices.map((c) => [c[0], c[1]]));
  const sets = [
    ['TensorFlow being learned: a one_of choice changes', [['tensorflow', 'learning']]],
    ['PyTorch skipped, scikit-learn and GCP done: choices met by known topics', [['pytorch', 'skipped'], ['scikit-learn', 'done'], ['gcp', 'done']]],
    ['the first 30 steps done, 5 skipped, 3 being learned', [
      ...planIds.slice(0, 30).map((id) => [id, 'done']), ...planIds.slice(30, 35).map((id) => [id, 'skipped']), ...planIds.slice(40, 43).map((id) => [id, 'learning'])]],
    ['R and the tidyverse done (not in the plan)', [['r', 'done'], ['tidyverse', 'done']]],
    ['the goal itself done', [['ml-engineer', 'done']]],
    ['every topic done', [...new Set(pageData(mainPage).topics.map((t) => t.id))].map((id) => [id, 'done'])],
  ];
  let changedChoice = false;
  for (const [label, marks] of sets) {
    await importMarks(progressFile('set.toml', marks));
    const mine = await compareWithCli(label, ['ml-engineer'], marks);
    if (mine.choices.some(([topic, chosen]) => baseChoices.has(topic) && baseChoices.get(topic) !== chosen)) changedChoice = true;
    if (label === 'the goal itself done' || label === 'every topic done') {
      check(`${label}: the plan is empty and says the goal is reached`, mine.steps.length === 0 &&
        (await text('#plan-summary')).startsWith('All goals reached'), await text('#plan-summary'));
    }
  }
  check('a set of marks changed a one_of choice, as the command line did', changedChoice);

  // Progress over time: marks on several days; the planned line starts at the first mark with the
  // whole plan, the actual line is the plan's hours left at each week's end.
  const history = [['python', 'done', '2026-01-05'], ['command-line', 'done', '2026-01-12'], ['git', 'done', '2026-01-21'],
    ['sql', 'skipped', '2026-02-03'], ['data-structures', 'done', '2026-02-16'], ['algorithms', 'learning', '2026-02-27']];
  await importMarks(progressFile('history.toml', history));
  await compareWithCli('six marks made over eight weeks', ['ml-engineer'], history.map(([id, s]) => [id, s]));
  const chart = await page.evaluate(() => {
    const c = document.getElementById('chart');
    return { points: c.dataset.points, planned: c.dataset.plannedFinish, label: c.getAttribute('aria-label'), lines: c.querySelectorAll('polyline').length };
  });
  const whole = json(['--progress', noProgress, 'plan', 'ml-engineer', '--hours-per-week', '10', '--start', '2026-01-05', '--format', 'json']);
  check('the planned line ends where `roadmap plan --start <first mark>` ends', chart.planned === whole.steps[whole.steps.length - 1].date_end, `${chart.planned} vs ${whole.steps[whole.steps.length - 1].date_end}`);
  const expected = [];
  for (let k = 0; k <= 8; k++) {
    const end = k === 8 ? TODAY : new Date(Date.UTC(2026, 0, 5 + 7 * k + 6)).toISOString().slice(0, 10);
    const upTo = history.filter(([, , d]) => d <= end).map(([id, s]) => [id, s]);
    expected.push(`${end}:${cliPlan(['ml-engineer'], upTo).hours}`);
  }
  check('the actual line is the hours `roadmap plan --known` leaves at each week\'s end', chart.points === `2026-01-04:1294 ${expected.join(' ')}`, `${chart.points}\nvs 2026-01-04:1294 ${expected.join(' ')}`);
  check('the chart draws planned, actual and projected lines and says them in words', chart.lines === 3 && /Planned: 1294 h from Jan 5, 2026/.test(chart.label), chart.label);
  await page.locator('#history').scrollIntoViewIfNeeded();
  await shot('roadmap-history.png');

  // Export, and `roadmap progress` reads the file; it is what `roadmap progress` would write.
  await fresh();
  await mark('numpy', 'done');
  await mark('python', 'learning');
  await mark('sql', 'skipped');
  await page.keyboard.press('Escape');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export')]);
  const exported = path.join(OUT, 'progress.toml');
  await download.saveAs(exported);
  const toml = fs.readFileSync(exported, 'utf8');
  check('the export is named as `roadmap progress` names it', download.suggestedFilename() === 'machine-learning-engineer.toml', download.suggestedFilename());
  const status = roadmap(['progress', 'status', '--progress', exported, '--format', 'json']);
  let statusJson = null;
  try { statusJson = JSON.parse(status.stdout); } catch { /* reported below */ }
  check('`roadmap progress status` accepts the exported file', status.status === 0 && statusJson &&
    statusJson.overall.done === 1 && statusJson.overall.skipped === 1 &&
    JSON.stringify(statusJson.learning) === '["python"]', status.stderr || status.stdout);
  const cli = path.join(tmp, 'cli.toml');
  for (const [action, id] of [['done', 'numpy'], ['learning', 'python'], ['skip', 'sql']]) {
    roadmap(['progress', action, id, '--progress', cli]);
  }
  check('the export is byte for byte the file `roadmap progress` writes', fs.readFileSync(cli, 'utf8') === toml, toml);

  // Import: into a browser without marks, then a file for another roadmap is refused.
  await fresh();
  check('without stored marks the page starts from the embedded progress (none)', (await stateOf('numpy')) === null);
  await importMarks(exported);
  check('importing a progress file restores its marks', (await stateOf('numpy')) === 'done' && (await stateOf('python')) === 'learning');
  await importMarks(path.join(FIXTURES, 'progress', 'mini.toml'));
  check('a progress file of another roadmap is refused', (await text('#status')).includes('Mini ML') && (await stateOf('numpy')) === 'done',
    await text('#status'));

  // Zoom: the buttons scale the graph; Fit never goes below a readable size.
  const before = await page.locator('#graph svg').evaluate((s) => s.getBoundingClientRect().width);
  await page.click('#zoom-in');
  const after = await page.locator('#graph svg').evaluate((s) => s.getBoundingClientRect().width);
  check('the zoom buttons scale the graph', after > before * 1.2, `${before} -> ${after}`);
  await page.click('#zoom-fit');
  await overviewShown('desktop', 'roadmap-overview.png');
  await audit('desktop, light, stage overview');
  await page.emulateMedia({ colorScheme: 'dark' });
  await audit('desktop, dark, stage overview');
  await shot('roadmap-overview-dark.png');
  await page.emulateMedia({ colorScheme: 'light' });
  // Choosing a stage (by keyboard) opens its band of the drawing, readable, a topic of it focused.
  await page.locator('#overview g.node.stage').nth(4).focus();
  await page.keyboard.press('Enter');
  const band = await page.evaluate(() => {
    const box = document.getElementById('graph').getBoundingClientRect();
    const f = document.activeElement;
    const t = f.querySelector && f.querySelector('text');
    const r = f.getBoundingClientRect();
    return {
      drawing: !document.getElementById('graph').hidden && document.getElementById('overview').hidden,
      focused: f.dataset ? f.dataset.id : '',
      inside: r.left >= box.left && r.right <= box.right && r.top >= box.top && r.bottom <= box.bottom,
      px: t ? t.getScreenCTM().a * parseFloat(t.getAttribute('font-size')) : 0,
    };
  });
  const stageOfFocused = band.focused && json(['show', band.focused, '--format', 'json']).stage;
  check(`choosing the fifth stage in the overview opens its band (${band.focused}, ${stageOfFocused}, text ${band.px.toFixed(1)} px)`,
    band.drawing && band.inside && band.px >= 10 && stageOfFocused === 'deep-learning', JSON.stringify(band));
  await shot('roadmap-stage.png');
  for (let i = 0; i < 20; i++) await page.click('#zoom-out');
  const level = await text('#zoom-level');
  check(`zooming out stops at the whole drawing (${level})`, parseInt(level, 10) >= 10, level);
  await page.click('#zoom-next');

  // The themes, for the artifacts and the audit.
  await fresh();
  await audit('desktop, light');
  await page.emulateMedia({ colorScheme: 'dark' });
  check('the dark theme applies', await page.evaluate(() => getComputedStyle(document.body).backgroundColor) === 'rgb(11, 17, 32)');
  await audit('desktop, dark');
  await shot('roadmap-dark.png');
  await page.emulateMedia({ colorScheme: 'light' });

  // ---------- 3. a phone ----------
  await page.setViewportSize(PHONE);
  await fresh();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check('on a phone the page does not scroll sideways', overflow <= 0, overflow);
  await openingView('phone');
  await headerUncovered('phone');
  await shot('roadmap-phone.png');
  await page.click('#zoom-fit');
  await overviewShown('phone', 'roadmap-phone-overview.png');
  await audit('phone, light, stage overview');
  await page.click('#zoom-next');
  await audit('phone, light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await audit('phone, dark');
  await shot('roadmap-phone-dark.png');
  await page.emulateMedia({ colorScheme: 'light' });
  await node('pandas').click();
  const sheet = await page.locator('#details').boundingBox();
  check('on a phone the details are a bottom sheet', sheet.x === 0 && sheet.width === 390 && sheet.y > 100, JSON.stringify(sheet));
  await headerUncovered('phone, details open');
  await shot('roadmap-phone-details.png');
  await audit('phone, light, details open');
  await page.keyboard.press('Escape');
  await page.setViewportSize(DESKTOP);

  if (UPDATE_DOCS) {
    await fresh();
    for (const [id, state] of [['python', 'done'], ['command-line', 'done'], ['git', 'done'], ['data-structures', 'learning']]) {
      await mark(id, state);
    }
    await node('data-structures').click();
    await page.waitForTimeout(300);
    await page.evaluate(() => { document.getElementById('status').textContent = ''; });
    await page.screenshot({ path: path.join(ROOT, 'docs', 'html.png') });
    console.log('# wrote docs/html.png');
    await page.keyboard.press('Escape');
  }

  const csp = await page.evaluate(() => window.__csp);
  check('nothing on the page broke the Content-Security-Policy', csp.length === 0, csp.join('\n'));

  // The progress file read when the page is made seeds it; made again after `roadmap progress`,
  // the file's changes come in without losing the marks made in the browser.
  await fresh();
  await mark('numpy', 'done');
  await page.keyboard.press('Escape');
  const seed = path.join(tmp, 'seed.toml');
  roadmap(['progress', 'done', 'python', '--progress', seed], { ROADMAP_TODAY: '2026-01-02' });
  const seeded = path.join(OUT, 'roadmap-seeded.html');
  const made = roadmap(['--progress', seed, 'html', 'ml-engineer', '-o', seeded]);
  check('a page is made with a progress file', made.status === 0, made.stderr);
  served = fs.readFileSync(seeded);
  await page.reload();
  await page.waitForSelector('html.ready');
  check('marks from the progress file seed the page, browser marks kept', (await stateOf('python')) === 'done' &&
    (await stateOf('numpy')) === 'done');
  check('the page checked its planner against the plan made with the file (no warning)', await page.locator('#plan-warning').isHidden());
  const firstStep = await page.locator('#plan-steps li .topic-link').first().innerText();
  check('the plan leaves out what the file marks done', firstStep === 'The command line', firstStep);
  await mark('python', 'learning');
  await page.reload();
  await page.waitForSelector('html.ready');
  check('a browser change to a seeded mark survives a reload', (await stateOf('python')) === 'learning');

  // A page whose embedded plan the page's planner does not find says so (here: a plan edited by
  // hand into the page), rather than disagree silently.
  served = Buffer.from(fs.readFileSync(mainPage, 'utf8').replace('"total_hours":1294', '"total_hours":1293'));
  await page.reload();
  await page.waitForSelector('html.ready');
  check('a page whose planner disagrees with `roadmap plan` says so', await page.locator('#plan-warning').isVisible());
  problems.splice(0, problems.length, ...problems.filter((p) => !p.includes('disagrees with `roadmap plan`')));

  // ---------- the Chinese page ----------
  const zhPage = makePage('roadmap-zh.html', ['--lang', 'zh', 'html', 'ml-engineer']);
  served = fs.readFileSync(zhPage);
  await page.goto(PAGE_URL);
  await fresh();
  check('the Chinese page is in Chinese', (await page.title()) === '机器学习工程师之路' && (await text('#next-heading')) === '下一步');
  const zhFirst = (await page.locator('#plan-steps li').first().innerText()).replace(/\s+/g, ' ').trim();
  check('its weeks and dates are in Chinese', zhFirst === 'Python 编程 60 小时 第 1–6 周 · 2026/3/2 – 2026/4/12', zhFirst);
  // Hours in one unit, the drawing's (its nodes say "60 小时"): the lists, the chart's scale.
  const units = await page.evaluate(() => ({
    node: [...document.querySelectorAll('#graph g.node.topic[data-id="python"] text')].map((t) => t.textContent).join(' '),
    lists: [...document.querySelectorAll('#plan-steps .hours, #next-list .hours')].map((e) => e.textContent),
    chart: [...document.querySelectorAll('#chart text')].map((t) => t.textContent).join(' | '),
  }));
  check('the Chinese page writes hours as its drawing does, in the lists and the chart (小时, no "h")',
    units.node.includes('60 小时') && units.lists.length > 0 && units.lists.every((h) => /^\d+(\.\d+)? 小时$|^[^\x00-\x7f]+$/.test(h)) &&
    units.chart.includes('小时') && !/\d h\b/.test(units.chart), JSON.stringify(units));
  const clipped = await page.evaluate(() => [...document.querySelectorAll('#plan-steps .when, #plan-steps .hours')].filter((e) => e.scrollWidth > e.clientWidth + 1).length);
  check('no week or hours text of the plan is cut off', clipped === 0, clipped);
  await compareWithCli('the Chinese page, no marks', ['ml-engineer'], []);
  await openingView('Chinese, desktop');
  await shot('roadmap-zh.png');
  await audit('Chinese, desktop, light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await audit('Chinese, desktop, dark');
  await shot('roadmap-zh-dark.png');
  await page.setViewportSize(PHONE);
  await page.reload();
  await page.waitForSelector('html.ready');
  await audit('Chinese, phone, dark');
  await shot('roadmap-zh-phone-dark.png');
  await page.emulateMedia({ colorScheme: 'light' });
  await openingView('Chinese, phone');
  await audit('Chinese, phone, light');
  await shot('roadmap-zh-phone.png');
  await page.setViewportSize(DESKTOP);

  // ---------- a page made with options: --prefer, --known, a pace ----------
  const optionsPage = makePage('roadmap-options.html', ['html', 'data-scientist', '--prefer', 'python', '--known', 'sql', '--hours-per-week', '6']);
  served = fs.readFileSync(optionsPage);
  await page.goto(PAGE_URL);
  await fresh();
  const compareOptions = (label, marks) => compareWithCli(label, ['data-scientist'], [...marks, ['sql', 'skipped']], {
    extra: ['--prefer', 'python'],
    perWeek: 6,
    what: 'the page made with --prefer python, --known sql and 6 h a week plans as the command line',
    keys: ['steps', 'choices', 'hours', 'weeks', 'finish'],
  });
  const preferred = await compareOptions('no marks', []);
  check('without marks the data scientist takes the preferred Python', preferred.choices.some(([, chosen, reason]) => chosen === 'python' && reason === 'preferred'), JSON.stringify(preferred.choices.slice(0, 3)));
  const optionSet = [['r', 'done'], ['tidyverse', 'learning']];
  await importMarks(progressFile('options.toml', optionSet));
  const rPath = await compareOptions('R done and the tidyverse being learned: the choices move to them', optionSet);
  check('with R known the plan has no Python', !rPath.steps.some(([id]) => id === 'python') && rPath.choices.some(([, chosen, reason]) => chosen === 'r' && reason === 'known'), JSON.stringify(rPath.choices.slice(0, 3)));

  // ---------- a roadmap too large to draw whole: the stage overview only ----------
  // 1,000 topics in 40 layers of 25, each requiring 5 of the layer before (nothing implied, so
  // the reduced drawing keeps some 5,000 edges: over what Graphviz lays out in reasonable time).
  const large = ['[roadmap]', 'title = "Large"'];
  for (let k = 0; k < 4; k++) large.push('[[stage]]', `id = "s${k}"`, `title = "Stage ${k}"`);
  let largeSeed = 7;
  const rand = (m) => { largeSeed = (largeSeed * 1103515245 + 12345) % 2147483648; return largeSeed % m; };
  for (let i = 0; i < 1000; i++) {
    const layer = Math.floor(i / 25);
    const reqs = new Set();
    while (layer > 0 && reqs.size < 5) reqs.add(`t${(layer - 1) * 25 + rand(25)}`);
    large.push('[[topic]]', `id = "t${i}"`, `title = "Topic ${i}"`, `stage = "s${Math.floor(layer / 10)}"`, 'hours = 2',
      `requires = [${[...reqs].map((r) => JSON.stringify(r)).join(', ')}]`);
  }
  const largeFile = path.join(tmp, 'large.toml');
  fs.writeFileSync(largeFile, large.join('\n') + '\n');
  served = fs.readFileSync(makePage('large.html', ['--roadmap', largeFile, 'html', 't999']));
  await page.goto(PAGE_URL);
  await fresh();
  const fallback = await page.evaluate(() => {
    const t = document.querySelector('#graph g.node text');
    return {
      note: !!document.querySelector('#graph .nb-hint'),
      stages: document.querySelectorAll('#graph g.node.nb-stage').length,
      topics: document.querySelectorAll('#graph g.node.topic').length,
      px: t ? t.getScreenCTM().a * parseFloat(t.getAttribute('font-size')) : 0,
      steps: document.querySelectorAll('#plan-steps [data-step]').length,
    };
  });
  check(`a roadmap too large to draw whole: the page opens on its ${fallback.stages} stages (text ${fallback.px.toFixed(1)} px), says why, and still plans (${fallback.steps} steps)`,
    fallback.note && fallback.stages === 4 && fallback.topics === 0 && fallback.px >= 10 && fallback.steps > 100, JSON.stringify(fallback));
  await compareWithCli('a roadmap drawn as its stages only: no marks', ['t999'], [], { roadmapArgs: ['--roadmap', largeFile] });
  await shot('roadmap-stages-only.png');
  await audit('large roadmap (stages only), desktop, light');

  // ---------- 5. a hostile roadmap ----------
  served = fs.readFileSync(hostilePage);
  await page.goto(PAGE_URL);
  await page.waitForSelector('html.ready');
  const nodes = await page.locator('#graph g.node.topic').count();
  check('the hostile page loads and its script runs', nodes === 6, nodes);
  check('its title is text', (await page.title()).startsWith('Hostile </script><script>window.__pwned=1</script>'));
  for (const id of ['script', 'c++', 'a.b', 'svg', 'ampersand', 'goal']) {
    await mark(id, 'done');
    // Hovering text would fire a mouse event handler, had one been injected.
    for (const sel of ['#d-title', '#d-summary', '#d-tags span']) {
      const target = page.locator(sel).first();
      if (await target.isVisible()) await target.hover();
    }
  }
  await page.fill('#search', 'script');
  await page.press('#search', 'Enter');
  await node('script').click();
  const hrefs = await page.locator('a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  check('only the web resource became a link', JSON.stringify(hrefs) ===
    JSON.stringify(['#search', 'https://example.org/?q="><script>window.__pwned=1</script>']), JSON.stringify(hrefs));
  const foreign = await page.evaluate(() => document.querySelectorAll('img, iframe, object, embed, foreignObject, b, style:not([nonce]), script:not([nonce]):not([type="application/json"])').length);
  check('no element from the roadmap\'s text exists', foreign === 0, foreign);
  check('the topic title is shown as text', (await text('#d-title')) === '</script><script>window.__pwned=1</script>');
  const usedCsp = await page.evaluate(() => window.__csp);
  check('nothing was blocked by the policy while in use (nothing tried to run)', usedCsp.length === 0, usedCsp.join('\n'));
  await page.reload();
  await page.waitForSelector('html.ready');
  check('no injected script ran', await page.evaluate(() => window.__pwned === undefined));
  check('no dialog opened', dialogs.length === 0, dialogs.join('\n'));
  const hostileCsp = await page.evaluate(() => window.__csp);
  check('nothing was blocked by the policy after a reload', hostileCsp.length === 0, hostileCsp.join('\n'));

  // The title, with quotes, a backslash and `</script>`, survives export as a TOML string.
  const [hostileDownload] = await Promise.all([page.waitForEvent('download'), page.click('#export')]);
  const hostileExport = path.join(OUT, 'hostile-progress.toml');
  await hostileDownload.saveAs(hostileExport);
  const hostileStatus = roadmap(['--roadmap', HOSTILE, 'progress', 'status', '--progress', hostileExport, '--format', 'json']);
  let hostileJson = null;
  try { hostileJson = JSON.parse(hostileStatus.stdout); } catch { /* reported below */ }
  check('`roadmap progress` reads the hostile roadmap\'s export', hostileStatus.status === 0 && hostileJson &&
    hostileJson.overall.done === 5, hostileStatus.stderr || fs.readFileSync(hostileExport, 'utf8'));
  // And a file `roadmap progress` wrote for it (the title as a TOML literal string) imports.
  const cliHostile = path.join(tmp, 'hostile-cli.toml');
  roadmap(['--roadmap', HOSTILE, 'progress', 'learning', 'c++', 'a.b', '--progress', cliHostile]);
  await importMarks(cliHostile);
  check('a progress file `roadmap progress` wrote imports', (await stateOf('c++')) === 'learning' &&
    (await stateOf('a.b')) === 'learning' && (await stateOf('script')) === null,
  `${await text('#status')}\n${fs.readFileSync(cliHostile, 'utf8')}`);
  await shot('hostile.png');

  // Entries kept for ids the roadmap lacks, holding control characters (a C1 CSI, a line break,
  // a tab) and a bidirectional override: the page exports them in exactly the bytes `roadmap
  // progress` writes (`\u009B`, `\u000A`, `\u202E`), not raw.
  const odd = path.join(tmp, 'odd.toml');
  const today = { ROADMAP_TODAY: '2026-11-26' };
  roadmap(['--roadmap', HOSTILE, 'progress', 'learning', 'c++', '--progress', odd], today);
  fs.appendFileSync(odd, '"odd\\u009B2J\\u000A\\u0009\\u202Eid" = { state = "done", date = 2026-01-02 }\n');
  const rewritten = roadmap(['--roadmap', HOSTILE, 'progress', 'skip', 'a.b', '--progress', odd], today);
  const cliOdd = fs.readFileSync(odd, 'utf8');
  check('`roadmap progress` keeps the odd entry, escaped', rewritten.status === 0 &&
    cliOdd.includes('"odd\\u009B2J\\u000A\\u0009\\u202Eid" = { state = "done", date = 2026-01-02 }'),
  rewritten.stderr + cliOdd);
  const oddPage = path.join(OUT, 'odd.html');
  const madeOdd = roadmap(['--roadmap', HOSTILE, '--progress', odd, 'html', 'goal', '-o', oddPage], today);
  if (madeOdd.status !== 0) throw new Error(`roadmap html failed:\n${madeOdd.stderr}`);
  served = fs.readFileSync(oddPage);
  await page.goto(PAGE_URL);
  await fresh();
  const [oddDownload] = await Promise.all([page.waitForEvent('download'), page.click('#export')]);
  const oddExport = path.join(OUT, 'odd-progress.toml');
  await oddDownload.saveAs(oddExport);
  const exportedOdd = fs.readFileSync(oddExport, 'utf8');
  check('the page exports control characters as `roadmap progress` writes them, byte for byte',
    exportedOdd === cliOdd, `page:\n${exportedOdd}\nCLI:\n${cliOdd}`);

  check('no problem reported by the pages', problems.length === 0, problems.join('\n'));
  check('no request left for the network', refused.length === 0, refused.join('\n'));
} catch (e) {
  check('the browser test ran to the end', false, e.stack || e);
} finally {
  await context.close();
  fs.rmSync(userDataDir, { recursive: true, force: true });
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.rmSync(path.join(OUT, 'port.html'), { force: true });
}

console.log(`# the page's planner against \`roadmap plan\`: ${portSets} random sets (${portExact} searched exactly, ${portGreedy} greedy)`);
console.log(`# the page's plan against \`roadmap plan --known\` in the browser: ${markSets} sets of marks:\n#   ${comparedSets.join('\n#   ')}`);
console.log(`# search against \`roadmap search --format json\`: ${searchQueries} queries compared exactly (ids, order, scores, fields), ${searchOrders} with near matches on ids and order`);
console.log(`# axe-core ${JSON.parse(fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/package.json'), 'utf8')).version}:\n#   ${axeResults.join('\n#   ')}`);
console.log(`# screenshots in ${path.relative(ROOT, OUT)}/: ${shots.join(', ')}; ${((Date.now() - started) / 1000).toFixed(1)} s`);
finish();
