// The page `roadmap html` writes, driven in a real browser: Debian's Chromium, headless, through
// playwright-core (no browser download). Run by .ci/run after `cargo build`; by hand:
//
//   cargo build && node tests/browser/test.mjs            (from the repository root or anywhere)
//   node tests/browser/test.mjs --update-docs             (also rewrites docs/html.png)
//
// Every request but the page itself is refused and counted, so the page must work offline. The
// default roadmap's page: details on click and by keyboard, marks that survive a reload, export
// to a progress file that `roadmap progress` reads (byte for byte what it writes itself), import,
// search, the plan. A hostile roadmap's page: no script of its text runs, no dialog opens.
// Screenshots go to target/browser/ (kept by CI as artifacts).

import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT = path.join(ROOT, 'target', 'browser');
const BIN = process.env.ROADMAP_BIN || path.join(ROOT, 'target', 'debug', 'roadmap');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const HOSTILE = path.join(ROOT, 'tests', 'fixtures', 'html-hostile', 'roadmap.toml');
const PAGE_URL = 'http://roadmap.invalid/';
const UPDATE_DOCS = process.argv.includes('--update-docs');

let passed = 0;
let failed = 0;
function check(what, ok, detail = '') {
  if (ok) {
    passed++;
    console.log(`ok - ${what}`);
  } else {
    failed++;
    console.log(`not ok - ${what}${detail ? `\n  ${String(detail).replace(/\n/g, '\n  ')}` : ''}`);
  }
}

// Runs the roadmap binary; progress goes to a file of the test's own, never the user's.
function roadmap(args, env = {}) {
  const all = { ...process.env, NO_COLOR: '1', ...env };
  delete all.ROADMAP_PATH;
  delete all.ROADMAP_LANG;
  delete all.ROADMAP_PROGRESS;
  return spawnSync(BIN, args, { cwd: ROOT, encoding: 'utf8', env: all });
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

const started = Date.now();
const mainPage = makePage('roadmap.html', ['html', 'ml-engineer']);
const FILE_URL = pathToFileURL(mainPage).href;
const hostilePage = makePage('hostile.html', ['--roadmap', HOSTILE, 'html', 'goal']);

const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'roadmap-chromium-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: CHROMIUM,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 1280, height: 800 },
  acceptDownloads: true,
  serviceWorkers: 'block',
});

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
context.setDefaultTimeout(5000);
const page = context.pages()[0] || (await context.newPage());
watch(page);
const node = (id) => page.locator('#graph g.node.topic').filter({ has: page.locator(`xpath=./*[local-name()="title" and text()=${JSON.stringify(id)}]`) });
const text = (sel) => page.locator(sel).innerText();
const stateOf = (id) => node(id).evaluate((g) => ['done', 'learning', 'skipped'].find((s) => g.classList.contains('s-' + s)) || null);

try {
  // ---------- the default roadmap ----------
  // Opened as a file, as people will open it.
  await page.goto(FILE_URL);
  await page.waitForSelector('html.ready');
  check('the page works opened from a file', (await page.locator('#graph g.node.topic').count()) === 126);

  await page.goto(PAGE_URL);
  await page.waitForSelector('html.ready');
  check('the page loads and its script runs', (await page.title()) === 'Machine learning engineer');
  const topicNodes = await page.locator('#graph g.node.topic').count();
  check('every topic and role is a focusable node', topicNodes === 126 &&
    (await page.locator('#graph g.node.topic[tabindex="0"][role="button"]').count()) === topicNodes, topicNodes);
  check('the SVG links are unwrapped (a click opens details)', (await page.locator('#graph a').count()) === 0);

  check('the plan is listed with week numbers', await page.locator('#plan').isVisible() &&
    /^Wk 1–6\s+Python\s+60 h$/.test((await page.locator('#plan-steps li').first().innerText()).replace(/\s+/g, ' ').trim()),
  await page.locator('#plan-steps li').first().innerText());
  check('plan topics are highlighted in the graph', (await page.locator('#graph g.node.in-plan').count()) === 68 &&
    (await node('ml-engineer').getAttribute('class')).includes('goal'));

  await page.screenshot({ path: path.join(OUT, 'roadmap.png') });

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
  await page.locator('#d-requires button', { hasText: 'Python' }).click();
  check('a prerequisite moves to that topic', (await text('#d-title')) === 'Python' &&
    (await node('python').getAttribute('class')).includes('selected'));
  await page.screenshot({ path: path.join(OUT, 'roadmap-details.png') });

  // Keyboard: Escape closes and gives focus back; Enter on a focused node opens it.
  await page.keyboard.press('Escape');
  check('Escape closes the details', await page.locator('#details').isHidden());
  await node('git').focus();
  await page.keyboard.press('Enter');
  check('Enter on a focused topic opens it', (await page.locator('#details').isVisible()) && (await text('#d-title')) === 'Version control with Git');
  check('focus moves into the details', await page.evaluate(() => document.activeElement.id === 'details'));
  await page.keyboard.press('Escape');
  check('focus returns to the topic', await page.evaluate(() => {
    const t = document.activeElement.querySelector && document.activeElement.querySelector('title');
    return t && t.textContent === 'git';
  }));
  await page.keyboard.press('Tab');
  check('Tab reaches the next topic', await page.evaluate(() => document.activeElement.classList.contains('topic')));
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement.querySelector('path, polygon')).strokeWidth);
  check('the focused topic is visibly outlined', parseFloat(outline) >= 5, outline);

  // Marks, kept across a reload.
  await node('numpy').click();
  await page.locator('#details input[name="mark"][value="done"]').check();
  await node('python').click();
  await page.locator('#details input[name="mark"][value="learning"]').check();
  await node('sql').click();
  await page.locator('#details input[name="mark"][value="skipped"]').check();
  check('marking changes the node', (await stateOf('numpy')) === 'done' && (await stateOf('python')) === 'learning' &&
    (await stateOf('sql')) === 'skipped');
  check('the summary bar counts covered topics', (await text('#overall-text')).startsWith('2/122 topics'), await text('#overall-text'));
  const stagesText = await text('#stages');
  check('progress is shown per stage', /CS foundations\s+1\/16/.test(stagesText) && /Data science\s+1\/12/.test(stagesText), stagesText);
  await page.reload();
  await page.waitForSelector('html.ready');
  check('marks survive a reload', (await stateOf('numpy')) === 'done' && (await stateOf('python')) === 'learning' &&
    (await stateOf('sql')) === 'skipped');
  await node('numpy').click();
  check('the details show the saved mark', await page.locator('#details input[name="mark"][value="done"]').isChecked());
  await page.keyboard.press('Escape');

  // Export, and `roadmap progress` reads the file; it is what `roadmap progress` would write.
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
  const date = /date = (\d{4}-\d{2}-\d{2})/.exec(toml)[1];
  const cli = path.join(tmp, 'cli.toml');
  for (const [action, id] of [['done', 'numpy'], ['learning', 'python'], ['skip', 'sql']]) {
    roadmap(['progress', action, id, '--progress', cli], { ROADMAP_TODAY: date });
  }
  check('the export is byte for byte the file `roadmap progress` writes', fs.readFileSync(cli, 'utf8') === toml, toml);

  // Import: into a browser without marks, then a file for another roadmap is refused.
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.waitForSelector('html.ready');
  check('without stored marks the page starts from the embedded progress (none)', (await stateOf('numpy')) === null);
  await page.setInputFiles('#import-file', exported);
  await page.waitForFunction(() => document.getElementById('status').textContent.startsWith('Imported'));
  check('importing a progress file restores its marks', (await stateOf('numpy')) === 'done' && (await stateOf('python')) === 'learning');
  await page.setInputFiles('#import-file', path.join(ROOT, 'tests', 'fixtures', 'progress', 'mini.toml'));
  await page.waitForFunction(() => document.getElementById('status').textContent.startsWith('Cannot import'));
  check('a progress file of another roadmap is refused', (await text('#status')).includes('Mini ML') && (await stateOf('numpy')) === 'done',
    await text('#status'));

  // Search: filters and highlights, Enter opens the first match.
  await page.fill('#search', 'torch');
  const results = await page.locator('#search-results li').allInnerTexts();
  check('search lists matching topics by title', results.length === 1 && results[0].startsWith('PyTorch'), JSON.stringify(results));
  check('search highlights matches and dims the rest', (await page.locator('#graph.searching g.node.match').count()) === 1 &&
    (await node('pytorch').getAttribute('class')).includes('match'));
  await page.fill('#search', 'ml-');
  const byId = await page.locator('#graph g.node.match').count();
  check('search matches ids too', byId >= 3, byId);
  await page.fill('#search', 'torch');
  await page.press('#search', 'Enter');
  check('Enter in the search opens the first match', (await text('#d-title')) === 'PyTorch');
  await page.keyboard.press('Escape');
  await page.fill('#search', '');
  check('clearing the search shows every topic', (await page.locator('#graph.searching').count()) === 0);

  // Zoom buttons.
  const before = await page.locator('#graph svg').evaluate((s) => s.getBoundingClientRect().width);
  await page.click('#zoom-in');
  const after = await page.locator('#graph svg').evaluate((s) => s.getBoundingClientRect().width);
  check('the zoom buttons scale the graph', after > before * 1.2, `${before} -> ${after}`);

  // Dark theme and a phone, for the artifacts (and a look at the layout).
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.click('#zoom-out');
  await page.screenshot({ path: path.join(OUT, 'roadmap-dark.png') });
  check('the dark theme applies', await page.evaluate(() => getComputedStyle(document.body).backgroundColor) === 'rgb(11, 17, 32)');
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await page.waitForSelector('html.ready');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check('on a phone the page does not scroll sideways', overflow <= 0, overflow);
  await node('pandas').click();
  await page.screenshot({ path: path.join(OUT, 'roadmap-phone.png') });
  const sheet = await page.locator('#details').boundingBox();
  check('on a phone the details are a bottom sheet', sheet.x === 0 && sheet.width === 390 && sheet.y > 100, JSON.stringify(sheet));
  await page.setViewportSize({ width: 1280, height: 800 });

  if (UPDATE_DOCS) {
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await page.waitForSelector('html.ready');
    for (const [id, mark] of [['python', 'done'], ['command-line', 'done'], ['git', 'done'], ['data-structures', 'learning']]) {
      await node(id).click();
      await page.locator(`#details input[name="mark"][value="${mark}"]`).check();
    }
    await node('data-structures').click();
    await page.waitForTimeout(600);
    await page.evaluate(() => { document.getElementById('status').textContent = ''; });
    await page.screenshot({ path: path.join(ROOT, 'docs', 'html.png') });
    console.log('# wrote docs/html.png');
  }

  const csp = await page.evaluate(() => window.__csp);
  check('nothing on the page broke the Content-Security-Policy', csp.length === 0, csp.join('\n'));

  // The progress file read when the page is made seeds it; made again after `roadmap progress`,
  // the file's changes come in without losing the marks made in the browser.
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.waitForSelector('html.ready');
  await node('numpy').click();
  await page.locator('#details input[name="mark"][value="done"]').check();
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
  const firstStep = await page.locator('#plan-steps li .topic-link').first().innerText();
  check('the plan leaves out what the file marks done', firstStep === 'The command line', firstStep);
  await node('python').click();
  await page.locator('#details input[name="mark"][value="learning"]').check();
  await page.reload();
  await page.waitForSelector('html.ready');
  check('a browser change to a seeded mark survives a reload', (await stateOf('python')) === 'learning');

  // ---------- a hostile roadmap ----------
  served = fs.readFileSync(hostilePage);
  await page.goto(PAGE_URL);
  await page.waitForSelector('html.ready');
  const nodes = await page.locator('#graph g.node.topic').count();
  check('the hostile page loads and its script runs', nodes === 6, nodes);
  check('its title is text', (await page.title()).startsWith('Hostile </script><script>window.__pwned=1</script>'));
  for (const id of ['script', 'c++', 'a.b', 'svg', 'ampersand', 'goal']) {
    await node(id).click();
    await page.locator('#details input[name="mark"][value="done"]').check();
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
  await page.setInputFiles('#import-file', cliHostile);
  await page.waitForFunction(() => document.getElementById('status').textContent.startsWith('Im'));
  check('a progress file `roadmap progress` wrote imports', (await stateOf('c++')) === 'learning' &&
    (await stateOf('a.b')) === 'learning' && (await stateOf('script')) === null,
  `${await text('#status')}\n${fs.readFileSync(cliHostile, 'utf8')}`);
  await page.screenshot({ path: path.join(OUT, 'hostile.png') });

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
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.waitForSelector('html.ready');
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
}

console.log(`# screenshots and pages in ${path.relative(ROOT, OUT)}/; ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
