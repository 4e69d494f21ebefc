// Script of the page `roadmap html` writes: a learner's dashboard. The plan toward the goals is
// made again on every mark, by the port of the command line's planner (plan.js, loaded before
// this script), so the page always says what `roadmap plan GOAL --known <done and skipped>` says;
// the next topics (as `roadmap next`), search, progress over time, details on click, marks kept
// in localStorage and exported as (or imported from) a `roadmap progress` file, and zoom.
//
// Roadmap text only ever reaches the page through textContent, setAttribute or createElement,
// never as HTML source to parse, so no title can become markup (tests/html.rs checks the script
// for the APIs that parse HTML). Maps, not plain objects, hold anything keyed
// by an id read from a file, so an id such as `__proto__` is only a string.
'use strict';
(function () {
  // Marks for tests/browser/measure.mjs: the script's start, the data parsed, the page ready.
  performance.mark('roadmap-script');
  const data = JSON.parse(document.getElementById('roadmap-data').textContent);
  performance.mark('roadmap-data');
  const STATES = ['done', 'learning', 'skipped'];
  const STORAGE_KEY = 'roadmap-progress:' + data.roadmap;
  const $ = (id) => document.getElementById(id);
  const SVG_NS = 'http://www.w3.org/2000/svg';

  // The interface's words come from the catalogue the page was made with (src/i18n/<lang>.ftl,
  // see Localizer::page_messages): each message a list of parts, a part being text, a variable
  // `{var}`, or a plural `{select, variants, default}` picked with Intl.PluralRules.
  const I18N = data.i18n;
  const PLURAL = new Intl.PluralRules(I18N.lang);
  function fmt(parts, args) {
    let s = '';
    for (const p of parts) {
      if (typeof p === 'string') s += p;
      else if ('var' in p) s += args[p.var] ?? '';
      else {
        const v = args[p.select];
        const exact = Object.hasOwn(p.variants, String(v)) ? String(v) : null;
        const key = exact || (typeof v === 'number' ? PLURAL.select(v) : null);
        s += fmt(p.variants[key] || p.variants[p.default], args);
      }
    }
    return s;
  }
  function T(id, args = {}) {
    const m = I18N.messages[id];
    return m ? fmt(m, args) : id;
  }
  const stateLabel = (s) => T('page-state-' + s);

  const planner = roadmapPlanner(data);
  const topics = new Map(data.topics.map((t) => [t.id, t]));
  const stages = new Map(data.stages.map((s) => [s.id, s]));
  const options = data.options;
  const goals = data.plan ? data.plan.goals : [];
  const goalIds = new Set(goals);
  // Topics named with --known: known whatever their marks say, as for `roadmap plan --known`.
  const givenKnown = new Set(options.known);

  // ---------- small helpers ----------

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === 'class') e.className = v;
      else e.setAttribute(k, v);
    }
    for (const c of children) e.append(c);
    return e;
  }

  function svgEl(tag, attrs, ...children) {
    const e = document.createElementNS(SVG_NS, tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    for (const c of children) e.append(c);
    return e;
  }

  // Hours as `roadmap` prints them: rounded to 1/1000, without trailing zeros; with the unit
  // the drawing's nodes use (the catalogue's `diagram-hours`: "60 h", "60 小时").
  const hoursNumber = (h) => String(planner.roundHours(h));
  function hoursText(h) {
    return h === null || h === undefined ? T('diagram-no-hours') : T('diagram-hours', { hours: hoursNumber(h) });
  }

  // ---------- dates: `YYYY-MM-DD` strings, counted in whole days ----------

  const DAY = 86400000;
  const DATE = /^\d{4}-\d{2}-\d{2}$/;
  const dayNumber = (d) => Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10)) / DAY;
  const dateOf = (n) => new Date(n * DAY).toISOString().slice(0, 10);
  const addDays = (d, n) => dateOf(dayNumber(d) + n);
  function today() {
    const d = new Date();
    const pad = (n) => String(n).padStart(2, '0');
    return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate());
  }
  // Dates in the page's language, as the catalogue's locale writes them.
  const DATE_LONG = new Intl.DateTimeFormat(I18N.lang, { timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric' });
  const DATE_SHORT = new Intl.DateTimeFormat(I18N.lang, { timeZone: 'UTC', month: 'short', day: 'numeric' });
  const DATE_MONTH = new Intl.DateTimeFormat(I18N.lang, { timeZone: 'UTC', year: 'numeric', month: 'short' });
  const asDate = (d) => new Date(dayNumber(d) * DAY);
  const longDate = (d) => DATE_LONG.format(asDate(d));
  // Remembered: formatting is slow, and the steps of a long plan share their weeks.
  const ranges = new Map();
  const dateRange = (a, b) => {
    const key = a + '/' + b;
    if (!ranges.has(key)) ranges.set(key, a === b ? longDate(a) : DATE_LONG.formatRange(asDate(a), asDate(b)));
    return ranges.get(key);
  };

  let statusTimer = null;
  function say(message) {
    const s = $('status');
    s.textContent = message;
    clearTimeout(statusTimer);
    statusTimer = setTimeout(() => { s.textContent = ''; }, 5000);
  }

  // Only absolute http(s) URLs become links, as in the SVG; the check is repeated here so a page
  // edited by hand cannot turn a `javascript:` URL into one.
  function isWebUrl(url) {
    return typeof url === 'string' && /^\s*https?:\/\//i.test(url) && !/[\u0000-\u001f\u007f]/.test(url);
  }

  // ---------- progress marks ----------

  // A Map of valid entries from any object (stored or embedded), dropping anything malformed.
  function entries(obj) {
    const m = new Map();
    if (!obj || typeof obj !== 'object') return m;
    for (const id of Object.keys(obj)) {
      const e = obj[id];
      if (e && STATES.includes(e.state) && DATE.test(e.date)) m.set(id, { state: e.state, date: e.date });
    }
    return m;
  }

  function toObject(map) {
    const o = Object.create(null);
    for (const [k, v] of map) o[k] = v;
    return o;
  }

  const same = (a, b) => (!a && !b) || (a && b && a.state === b.state && a.date === b.date);

  // The marks: those saved in this browser, else the progress file the page was made with. When
  // the file has changed since the marks were saved (the page was made again after `roadmap
  // progress done ...`), the file's newer word wins for the entries that changed in it.
  function loadMarks() {
    const seed = entries(data.progress);
    let stored = null;
    try {
      stored = JSON.parse(localStorage.getItem(STORAGE_KEY));
    } catch (e) {
      stored = null;
    }
    if (!stored || typeof stored !== 'object' || !stored.topics) return seed;
    const marks = entries(stored.topics);
    const oldSeed = entries(stored.seed);
    for (const id of new Set([...seed.keys(), ...oldSeed.keys()])) {
      if (!same(seed.get(id), oldSeed.get(id))) {
        if (seed.has(id)) marks.set(id, seed.get(id));
        else marks.delete(id);
      }
    }
    return marks;
  }

  let marks = loadMarks();

  function saveMarks() {
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify({
        version: 1,
        seed: data.progress,
        topics: toObject(marks),
      }));
    } catch (e) {
      say(T('page-storage-off'));
    }
  }

  function stateOf(id) {
    const e = marks.get(id);
    return e ? e.state : null;
  }

  // Known to the planner: done and skipped topics, and those given with --known.
  function covered(id) {
    const s = stateOf(id);
    return s === 'done' || s === 'skipped' || givenKnown.has(id);
  }

  // The planner's known and learning topics for some marks (those dated up to `until`, if given).
  function plannerInputs(markMap, until) {
    const known = new Set(givenKnown);
    const learning = new Set();
    for (const [id, e] of markMap) {
      if (!topics.has(id) || (until && e.date > until)) continue;
      if (e.state === 'learning') learning.add(id);
      else known.add(id);
    }
    return { known, learning };
  }

  // The plan for the goals; without `explain`, its steps and hours only (no choices).
  function makePlan(inputs, explain = true) {
    return planner.plan(goals, {
      explain,
      known: inputs.known,
      learning: inputs.learning,
      prefer: options.prefer,
      withRecommended: options.with_recommended,
      order: options.order,
    });
  }

  function setMark(id, state) {
    const before = stateOf(id);
    if ((before || '') === (state || '')) return;
    if (state) marks.set(id, { state, date: today() });
    else marks.delete(id);
    saveMarks();
    refresh();
    const t = topics.get(id);
    say(state ? T('page-marked', { title: t.title, state: stateLabel(state) }) : T('page-cleared', { title: t.title }));
  }

  // ---------- the progress file (the format of src/progress.rs) ----------

  function tomlString(s) {
    let out = '"';
    for (const ch of s) {
      const c = ch.codePointAt(0);
      if (ch === '"') out += '\\"';
      else if (ch === '\\') out += '\\\\';
      // As src/progress.rs writes it: every control character (C0, DEL, C1) and every
      // bidirectional formatting character (see src/terminal.rs) as \uXXXX.
      else if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0x61c || c === 0x200e || c === 0x200f ||
        (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) {
        out += '\\u' + c.toString(16).toUpperCase().padStart(4, '0');
      } else out += ch;
    }
    return out + '"';
  }

  const tomlKey = (id) => (/^[A-Za-z0-9_-]+$/.test(id) ? id : tomlString(id));

  // Ids in the order of Rust's BTreeMap<String>: by code point (JavaScript's default sort
  // compares UTF-16 units, which differs above U+FFFF).
  function byCodePoint(a, b) {
    const x = Array.from(a, (c) => c.codePointAt(0));
    const y = Array.from(b, (c) => c.codePointAt(0));
    for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
    return x.length - y.length;
  }

  function progressToml() {
    let s = '# Learning progress, kept by `roadmap progress`. One topic a line: done, learning or\n' +
      '# skipped, and since when. Safe to keep in version control.\n' +
      'roadmap = ' + tomlString(data.roadmap) + '\nversion = 1\n\n[topics]\n';
    for (const id of [...marks.keys()].sort(byCodePoint)) {
      const e = marks.get(id);
      s += `${tomlKey(id)} = { state = "${e.state}", date = ${e.date} }\n`;
    }
    return s;
  }

  // The file name `roadmap progress` uses for this roadmap (see progress::default_path).
  function fileName() {
    let slug = '';
    for (const c of data.roadmap.toLowerCase()) {
      if (/[\p{L}\p{N}]/u.test(c)) slug += c;
      else if (!slug.endsWith('-')) slug += '-';
    }
    slug = slug.replace(/^-+|-+$/g, '');
    return (slug || 'roadmap') + '.toml';
  }

  function exportProgress() {
    const blob = new Blob([progressToml()], { type: 'application/toml' });
    const url = URL.createObjectURL(blob);
    const a = el('a', { href: url, download: fileName() });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
    say(T('page-exported', { count: marks.size, file: fileName() }));
  }

  // A reader for the TOML that progress files use: comments, one [topics] table, bare or quoted
  // keys, strings of all four kinds, integers, local dates and inline tables. Anything else is
  // refused with its line, rather than guessed at.
  function parseToml(text) {
    let i = 0;
    let line = 1;
    const fail = (id, args) => { throw new Error(T('page-toml-line', { line, reason: T(id, args) })); };
    const peek = (n = 0) => text[i + n];
    const starts = (s) => text.startsWith(s, i);
    function spaces() {
      while (peek() === ' ' || peek() === '\t') i++;
    }
    function comment() {
      spaces();
      if (peek() === '#') while (i < text.length && peek() !== '\n') i++;
    }
    function endOfLine() {
      comment();
      if (peek() === '\r' && peek(1) === '\n') i++;
      if (i < text.length && peek() !== '\n') fail('page-toml-end-of-line');
      if (i < text.length) { i++; line++; }
    }
    function escape() {
      const c = text[i++];
      const simple = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', e: '\x1b', '"': '"', '\\': '\\' };
      if (c in simple) return simple[c];
      const width = { x: 2, u: 4, U: 8 }[c];
      if (!width) fail('page-toml-unknown-escape', { char: c });
      const hex = text.slice(i, i + width);
      if (!/^[0-9A-Fa-f]+$/.test(hex) || hex.length !== width) fail('page-toml-bad-escape');
      i += width;
      return String.fromCodePoint(parseInt(hex, 16));
    }
    function string() {
      if (starts('"""') || starts("'''")) {
        const quote = text.slice(i, i + 3);
        const literal = quote === "'''";
        i += 3;
        if (peek() === '\n') { i++; line++; } else if (starts('\r\n')) { i += 2; line++; }
        let s = '';
        for (;;) {
          if (i >= text.length) fail('page-toml-unterminated');
          if (starts(quote) && !text.startsWith(quote[0], i + 3)) { i += 3; return s; }
          if (starts(quote + quote[0]) && !text.startsWith(quote[0], i + 4)) { i += 4; return s + quote[0]; }
          if (starts(quote + quote[0] + quote[0])) { i += 5; return s + quote[0] + quote[0]; }
          const c = text[i++];
          if (c === '\n') line++;
          if (c === '\\' && !literal) {
            if (/^[ \t]*\r?\n/.test(text.slice(i))) {
              while (/[ \t\r\n]/.test(peek())) { if (peek() === '\n') line++; i++; }
            } else s += escape();
          } else s += c;
        }
      }
      const quote = text[i++];
      let s = '';
      for (;;) {
        const c = text[i++];
        if (c === undefined || c === '\n') fail('page-toml-unterminated');
        if (c === quote) return s;
        s += c === '\\' && quote === '"' ? escape() : c;
      }
    }
    function key() {
      spaces();
      let k;
      if (peek() === '"' || peek() === "'") k = string();
      else {
        const m = /^[A-Za-z0-9_-]+/.exec(text.slice(i, i + 1000));
        if (!m) fail('page-toml-expected-key');
        k = m[0];
        i += k.length;
      }
      spaces();
      if (peek() === '.') fail('page-toml-dotted');
      return k;
    }
    function value() {
      spaces();
      const c = peek();
      if (c === '"' || c === "'") return string();
      if (c === '{') {
        i++;
        const t = new Map();
        spaces();
        if (peek() === '}') { i++; return t; }
        for (;;) {
          const k = key();
          if (peek() !== '=') fail('page-toml-expected-equals');
          i++;
          if (t.has(k)) fail('page-toml-twice', { key: k });
          t.set(k, value());
          spaces();
          if (peek() === ',') { i++; continue; }
          if (peek() === '}') { i++; return t; }
          fail('page-toml-expected-comma');
        }
      }
      const m = /^(\d{4}-\d{2}-\d{2})(?![\dT:])|^[+-]?\d+(?![\d.eE:-])/.exec(text.slice(i, i + 40));
      if (!m) fail('page-toml-expected-value');
      i += m[0].length;
      return m[1] ? { date: m[1] } : Number(m[0]);
    }

    const root = new Map();
    const tables = new Map();
    let current = root;
    while (i < text.length) {
      comment();
      if (peek() === '\n' || starts('\r\n') || i >= text.length) { endOfLine(); continue; }
      if (peek() === '[') {
        i++;
        const name = key();
        if (peek() !== ']') fail('page-toml-expected-bracket');
        i++;
        if (tables.has(name) || root.has(name)) fail('page-toml-table-twice', { name });
        current = new Map();
        tables.set(name, current);
        root.set(name, current);
        endOfLine();
        continue;
      }
      const k = key();
      if (peek() !== '=') fail('page-toml-expected-equals');
      i++;
      if (current.has(k)) fail('page-toml-twice', { key: k });
      current.set(k, value());
      endOfLine();
    }
    return root;
  }

  // The marks a progress file holds, checked as `roadmap progress` checks them.
  function readProgress(text) {
    const root = parseToml(text.replace(/^\uFEFF/, ''));
    for (const k of root.keys()) {
      if (!['roadmap', 'version', 'topics'].includes(k)) throw new Error(T('page-progress-unknown-key', { key: k }));
    }
    const title = root.get('roadmap');
    if (typeof title !== 'string') throw new Error(T('page-progress-no-roadmap'));
    if (title !== data.roadmap) {
      throw new Error(T('page-progress-other', { other: title, roadmap: data.roadmap }));
    }
    if (root.has('version') && root.get('version') !== 1) {
      throw new Error(T('page-progress-version'));
    }
    const table = root.get('topics') || new Map();
    if (!(table instanceof Map)) throw new Error(T('page-progress-topics-table'));
    const read = new Map();
    for (const [id, e] of table) {
      if (!(e instanceof Map)) throw new Error(T('page-progress-entry', { id }));
      for (const k of e.keys()) {
        if (k !== 'state' && k !== 'date') throw new Error(T('page-progress-entry-key', { key: k, id }));
      }
      const state = e.get('state');
      if (!STATES.includes(state)) throw new Error(T('page-progress-state', { id }));
      const d = e.get('date');
      const date = typeof d === 'string' ? d : d && d.date;
      if (!DATE.test(date || '')) throw new Error(T('page-progress-date', { id }));
      read.set(id, { state, date });
    }
    return read;
  }

  function importProgress(file) {
    file.text().then((text) => {
      try {
        marks = readProgress(text);
      } catch (e) {
        say(T('page-import-failed', { file: file.name, reason: e.message }));
        return;
      }
      saveMarks();
      refresh();
      if (current) showDetails(current, false);
      say(T('page-imported', { count: marks.size, file: file.name }));
    });
  }


  // ---------- the plan, made again on every mark ----------

  // The plan for the marks in the browser now, its schedule from today, and the next topics.
  let plan = null;
  let weeks = null;
  let planIds = new Set();
  let nextUp = [];
  let start = today();

  function replan() {
    start = today();
    const inputs = plannerInputs(marks);
    const knownNow = inputs.known;
    if (data.plan) {
      plan = makePlan(inputs);
      weeks = planner.schedule(plan.steps, options.hours_per_week);
      planIds = new Set(plan.steps.map((s) => s.id));
    }
    nextUp = planner.next(knownNow, data.plan ? planIds : null);
  }

  // The week's first and last day, for week `w` of a schedule starting `from`.
  const weekStart = (from, w) => addDays(from, 7 * (w - 1));
  const weekEnd = (from, w) => addDays(from, 7 * w - 1);

  // On load: with the marks of the progress file the page was made with, the port must find the
  // plan `roadmap plan` found. If it does not, the page says so rather than disagree silently.
  function selfCheck() {
    if (!data.plan) return true;
    const p = makePlan(plannerInputs(entries(data.progress)));
    const mine = JSON.stringify([p.steps.map((s) => s.id), p.choices, p.choices_exact, p.total_hours, p.known_goals]);
    const cli = JSON.stringify([data.plan.steps, data.plan.choices, data.plan.choices_exact, data.plan.total_hours, data.plan.known_goals]);
    if (mine === cli) return true;
    console.error('roadmap: the page\'s planner disagrees with `roadmap plan`', { page: p, cli: data.plan });
    return false;
  }

  // ---------- the graph ----------

  const graphBox = $('graph');
  const details = $('details');
  const svg = graphBox.querySelector('svg');
  const nodes = new Map();

  // Graphviz wraps nodes with a URL or tooltip in <a>; here a click opens the details instead,
  // where the resources are listed as links.
  for (const a of Array.from(svg.querySelectorAll('a'))) {
    a.replaceWith(...Array.from(a.childNodes));
  }
  for (const g of svg.querySelectorAll('g.node')) {
    const title = g.querySelector('title');
    const id = title ? title.textContent : '';
    const t = topics.get(id);
    if (!t) {
      // A stub stands for topics drawn elsewhere (or not at all); the rest are "or" circles
      // and the layout's invisible ruler.
      g.classList.add(id.startsWith('stub:') ? 'stub' : 'junction');
      continue;
    }
    nodes.set(id, g);
    // The id as data, not as the <title> Graphviz writes: that would be read out and shown as
    // a tooltip (an id, where the node shows the title).
    title.remove();
    g.setAttribute('data-id', id);
    g.classList.add('topic');
    if (t.kind === 'role') g.classList.add('role');
    if (goalIds.has(id)) g.classList.add('goal');
    g.setAttribute('tabindex', '0');
    g.setAttribute('role', 'button');
    g.addEventListener('click', () => open(id, g));
    g.addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter' || ev.key === ' ') {
        ev.preventDefault();
        open(id, g);
      }
    });
  }

  // Zoom: the SVG is sized in CSS pixels from its viewBox (Graphviz works in points).
  const viewBox = svg.viewBox.baseVal;
  const baseWidth = viewBox && viewBox.width ? viewBox.width * 4 / 3 : svg.getBoundingClientRect().width;
  const baseHeight = viewBox && viewBox.height ? viewBox.height * 4 / 3 : svg.getBoundingClientRect().height;
  svg.removeAttribute('width');
  svg.removeAttribute('height');
  let zoom = 1;

  // The least zoom at which the topics' text is 10 CSS pixels high: Fit never goes below it.
  const READABLE_PX = 10;
  const readable = (function () {
    let smallest = Infinity;
    // (Without topics, the drawing is the stages': their text.)
    for (const g of nodes.size ? nodes.values() : svg.querySelectorAll('g.node')) {
      for (const text of g.querySelectorAll('text')) {
        const size = parseFloat(text.getAttribute('font-size'));
        if (size > 0) smallest = Math.min(smallest, size);
      }
    }
    // A hair above, so rounding never puts the text a hair below.
    return Number.isFinite(smallest) ? READABLE_PX / (smallest * 4 / 3) * 1.0001 : 0.75;
  })();

  function setZoom(z, ax, ay) {
    z = Math.min(3, Math.max(Math.min(readable, fitZoom()), z));
    if (ax === undefined) { ax = graphBox.clientWidth / 2; ay = graphBox.clientHeight / 2; }
    const cx = (graphBox.scrollLeft + ax) / zoom;
    const cy = (graphBox.scrollTop + ay) / zoom;
    zoom = z;
    svg.style.width = baseWidth * z + 'px';
    svg.style.height = baseHeight * z + 'px';
    graphBox.scrollLeft = cx * z - ax;
    graphBox.scrollTop = cy * z - ay;
    $('zoom-level').textContent = Math.round(z * 100) + '%';
  }

  function fitZoom() {
    return Math.min(graphBox.clientWidth / baseWidth, graphBox.clientHeight / baseHeight);
  }

  // Fits the whole drawing when that keeps it readable; else offers the stage overview (or, with
  // a single stage, the smallest readable zoom), and says so.
  function fit() {
    showOverview(false);
    const f = fitZoom();
    if (f >= readable) {
      setZoom(f);
      return;
    }
    if (stageNodes.size > 1) {
      showOverview(true);
      say(T('page-fit-overview'));
      return;
    }
    setZoom(readable);
    say(T('page-fit-readable'));
  }

  // ---------- the stage overview ----------

  // The bands of the drawing, by stage id (Graphviz names them `cluster_<id>`).
  const bands = new Map();
  for (const g of svg.querySelectorAll('g.cluster')) {
    const title = g.querySelector(':scope > title');
    if (title && title.textContent.startsWith('cluster_')) {
      bands.set(title.textContent.slice('cluster_'.length), g);
      title.remove();
    }
  }
  const overviewBox = $('overview');
  const overviewSvg = overviewBox.querySelector('svg');
  const stageNodes = new Map();
  for (const a of Array.from(overviewSvg.querySelectorAll('a'))) a.replaceWith(...Array.from(a.childNodes));
  for (const g of overviewSvg.querySelectorAll('g.node')) {
    const title = g.querySelector('title');
    const id = title ? title.textContent.replace(/^stage:/, '') : '';
    const stage = data.stages.find((s) => s.id === id);
    if (!stage) continue;
    stageColours(g);
    // A stage opens its band of the drawing (a roadmap drawn as its stages only has none).
    if (!bands.has(id)) continue;
    title.remove();
    stageNodes.set(id, g);
    g.setAttribute('tabindex', '0');
    g.setAttribute('role', 'button');
    // Its name is its words (stage, topics, hours); the help above says what choosing does.
    g.setAttribute('aria-describedby', 'overview-help');
    g.addEventListener('click', () => showStage(id));
    g.addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter' || ev.key === ' ') {
        ev.preventDefault();
        showStage(id);
      }
    });
  }
  // A stage's box keeps its colour from the diagrams, over the theme's node colour.
  function stageColours(g) {
    g.classList.add('stage');
    for (const shape of g.querySelectorAll('path, polygon')) shape.style.fill = shape.getAttribute('fill');
  }
  // Sized like the drawing (points to CSS pixels), smaller only as far as the text stays readable.
  const overviewBase = overviewSvg.viewBox.baseVal;
  overviewSvg.removeAttribute('width');
  overviewSvg.removeAttribute('height');
  function showOverview(on) {
    overviewBox.hidden = !on;
    graphBox.hidden = on;
    $('show-overview').setAttribute('aria-pressed', String(on));
    // The zoom is the drawing's: not offered, nor shown, over the overview.
    for (const b of ['zoom-in', 'zoom-out']) $(b).disabled = on;
    $('zoom-level').hidden = on;
    if (!on || !overviewBase) return;
    const w = overviewBase.width * 4 / 3;
    const h = overviewBase.height * 4 / 3;
    const z = Math.max(readable, Math.min(1, (overviewBox.clientWidth - 16) / w, (overviewBox.clientHeight - 60) / h));
    overviewSvg.style.width = w * z + 'px';
    overviewSvg.style.height = h * z + 'px';
  }
  // The drawing, on a stage's band: all of it when it fits readable, else its top.
  function showStage(id) {
    showOverview(false);
    const band = boxOf(bands.get(id));
    const w = graphBox.clientWidth * 0.96;
    const h = graphBox.clientHeight * 0.96;
    const z = Math.max(readable, Math.min(1, w / (band.right - band.left), h / (band.bottom - band.top)));
    setZoom(z, 0, 0);
    graphBox.scrollLeft = (band.left + band.right) / 2 * z - graphBox.clientWidth / 2;
    graphBox.scrollTop = Math.min((band.top + band.bottom) / 2 * z - graphBox.clientHeight / 2, band.top * z - 8);
    const first = data.topics.find((t) => t.stage === id && nodes.has(t.id));
    if (first) nodes.get(first.id).focus({ preventScroll: true });
  }
  $('show-overview').addEventListener('click', () => showOverview(overviewBox.hidden));

  // A node's (or band's) box in the drawing at zoom 1 (CSS pixels from the drawing's top left).
  function boxOf(idOrElement) {
    const r = (typeof idOrElement === 'string' ? nodes.get(idOrElement) : idOrElement).getBoundingClientRect();
    const s = svg.getBoundingClientRect();
    return { left: (r.left - s.left) / zoom, top: (r.top - s.top) / zoom, right: (r.right - s.left) / zoom, bottom: (r.bottom - s.top) / zoom };
  }

  // Shows these topics (the best first, then as many more as fit), readable, in the middle.
  function showTopics(ids) {
    const shown = ids.filter((id) => nodes.has(id));
    if (!shown.length) return false;
    const w = graphBox.clientWidth * 0.92;
    const h = graphBox.clientHeight * 0.88;
    let box = null;
    for (const id of shown) {
      const b = boxOf(id);
      const u = box ? { left: Math.min(box.left, b.left), top: Math.min(box.top, b.top), right: Math.max(box.right, b.right), bottom: Math.max(box.bottom, b.bottom) } : b;
      if (box && ((u.right - u.left) * readable > w || (u.bottom - u.top) * readable > h)) continue;
      box = u;
    }
    const z = Math.max(readable, Math.min(1, w / (box.right - box.left), h / (box.bottom - box.top)));
    setZoom(z, 0, 0);
    graphBox.scrollLeft = (box.left + box.right) / 2 * z - graphBox.clientWidth / 2;
    graphBox.scrollTop = (box.top + box.bottom) / 2 * z - graphBox.clientHeight / 2;
    return true;
  }

  $('zoom-in').addEventListener('click', () => setZoom(zoom * 1.25));
  $('zoom-out').addEventListener('click', () => setZoom(zoom / 1.25));
  $('zoom-fit').addEventListener('click', fit);
  $('zoom-next').addEventListener('click', () => {
    showOverview(false);
    showTopics(nextUp.map((r) => r.id));
  });
  graphBox.addEventListener('wheel', (ev) => {
    if (!ev.ctrlKey && !ev.metaKey) return;
    ev.preventDefault();
    const r = graphBox.getBoundingClientRect();
    setZoom(zoom * Math.exp(-ev.deltaY / 300), ev.clientX - r.left, ev.clientY - r.top);
  }, { passive: false });

  // Dragging with a mouse pans; touch screens scroll natively. A drag must not count as a click.
  let drag = null;
  let dragged = false;
  graphBox.addEventListener('pointerdown', (ev) => {
    if (ev.pointerType !== 'mouse' || ev.button !== 0) return;
    drag = { x: ev.clientX, y: ev.clientY, left: graphBox.scrollLeft, top: graphBox.scrollTop };
    dragged = false;
  });
  window.addEventListener('pointermove', (ev) => {
    if (!drag) return;
    const dx = ev.clientX - drag.x;
    const dy = ev.clientY - drag.y;
    if (!dragged && Math.hypot(dx, dy) < 5) return;
    dragged = true;
    graphBox.classList.add('dragging');
    graphBox.scrollLeft = drag.left - dx;
    graphBox.scrollTop = drag.top - dy;
  });
  window.addEventListener('pointerup', () => {
    drag = null;
    graphBox.classList.remove('dragging');
  });
  graphBox.addEventListener('click', (ev) => {
    if (dragged) {
      ev.stopPropagation();
      ev.preventDefault();
      dragged = false;
    }
  }, true);

  // Scrolls so the topic's node is in the middle of the part of the graph the details panel does
  // not cover (on a phone the panel is a sheet over the bottom of the screen).
  function centerOn(id) {
    const g = nodes.get(id);
    if (!g) return;
    if (zoom < readable) setZoom(readable);
    const r = g.getBoundingClientRect();
    const box = graphBox.getBoundingClientRect();
    let bottom = box.bottom;
    if (!details.hidden) {
      const d = details.getBoundingClientRect();
      if (d.top > box.top + 40 && d.left <= box.left + 1) bottom = Math.min(bottom, d.top);
    }
    const smooth = !window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    graphBox.scrollTo({
      left: graphBox.scrollLeft + r.left + r.width / 2 - (box.left + box.right) / 2,
      top: graphBox.scrollTop + r.top + r.height / 2 - (box.top + bottom) / 2,
      behavior: smooth ? 'smooth' : 'auto',
    });
  }

  // ---------- details ----------

  let current = null;
  let returnFocus = null;

  function badge(id) {
    const s = stateOf(id) || (givenKnown.has(id) ? 'known' : null);
    return s ? el('span', { class: 'state-badge ' + s }, stateLabel(s)) : '';
  }

  // A button that moves to another topic.
  function topicLink(id) {
    const t = topics.get(id);
    const b = el('button', { type: 'button', class: 'topic-link', 'data-topic': id }, t ? t.title : id);
    b.addEventListener('click', () => open(id, null));
    return b;
  }

  function fillList(list, items, empty) {
    list.replaceChildren(...(items.length ? items : [el('li', { class: 'muted' }, empty)]));
  }

  function showDetails(id, focus) {
    const t = topics.get(id);
    current = id;
    $('d-title').textContent = t.title;
    $('d-id').textContent = t.id;
    $('d-stage').textContent = (stages.get(t.stage) || { title: t.stage }).title;
    $('d-hours').textContent = t.kind === 'role' ? T('page-role') : hoursText(t.hours);
    $('d-summary').textContent = t.summary || '';
    $('d-summary').hidden = !t.summary;
    $('d-known').hidden = !givenKnown.has(id);
    $('d-tags').replaceChildren(...t.tags.map((tag) => el('span', {}, tag)));
    for (const r of details.querySelectorAll('input[name="mark"]')) r.checked = r.value === (stateOf(id) || '');

    $('d-resources-section').hidden = t.resources.length === 0;
    $('d-resources').replaceChildren(...t.resources.map((r) => {
      // The same marks as `roadmap show`: kind, language, and whether it costs money.
      const notes = [r.kind, r.lang, r.free === false ? T('page-paid') : null].filter(Boolean);
      const kind = notes.length ? el('span', { class: 'resource-kind' }, ' (' + notes.join(', ') + ')') : '';
      if (r.web && isWebUrl(r.url)) {
        return el('li', {}, el('a', { href: r.url, target: '_blank', rel: 'noopener noreferrer' }, r.title), kind);
      }
      return el('li', {}, r.title, kind, el('span', { class: 'muted' }, T('page-not-web-link', { url: r.url })));
    }));

    const reqs = t.requires.map((r) => {
      if (typeof r === 'string') return el('li', {}, topicLink(r), badge(r));
      const li = el('li', {}, el('span', { class: 'sub' }, T('page-one-of') + ' '));
      r.one_of.forEach((a, k) => {
        if (k) li.append(el('span', { class: 'sub' }, ' ' + T('page-or') + ' '));
        li.append(topicLink(a), badge(a));
      });
      return li;
    });
    for (const r of t.recommends) reqs.push(el('li', {}, topicLink(r), badge(r), el('span', { class: 'sub' }, ' ' + T('page-recommended'))));
    fillList($('d-requires'), reqs, T('page-no-requires'));
    const unlocks = t.unlocks.map((u) => el('li', {}, topicLink(u), badge(u)));
    for (const u of t.recommended_by) unlocks.push(el('li', {}, topicLink(u), badge(u), el('span', { class: 'sub' }, ' ' + T('page-recommends-it'))));
    fillList($('d-unlocks'), unlocks, T('page-nothing-requires'));

    for (const g of svg.querySelectorAll('.node.selected')) g.classList.remove('selected');
    if (nodes.has(id)) nodes.get(id).classList.add('selected');
    details.hidden = false;
    document.body.classList.add('with-details');
    if (focus) details.focus();
  }

  // A roadmap too large to draw whole (the drawing is its stage overview): the chosen topic's
  // neighbourhood is drawn instead, by neighbourhood.js.
  const near = data.drawing === 'overview'
    ? roadmapNeighbourhood(data, { box: $('neighbourhood'), others: [graphBox, overviewBox], T, state: stateOf, open: (id) => open(id, null) })
    : null;

  function open(id, from) {
    if (!topics.has(id)) return;
    showOverview(false);
    if (from) returnFocus = from;
    else if (details.hidden) returnFocus = document.activeElement;
    showDetails(id, true);
    if (near) near.show(id);
    centerOn(id);
  }

  function close() {
    if (details.hidden) return;
    details.hidden = true;
    document.body.classList.remove('with-details');
    for (const g of svg.querySelectorAll('.node.selected')) g.classList.remove('selected');
    const back = returnFocus && returnFocus.isConnected ? returnFocus : nodes.get(current);
    current = null;
    if (back && back.focus) back.focus();
  }

  $('d-close').addEventListener('click', close);
  for (const r of details.querySelectorAll('input[name="mark"]')) {
    r.addEventListener('change', () => { if (current && r.checked) setMark(current, r.value || null); });
  }
  document.addEventListener('keydown', (ev) => {
    const typing = ev.target instanceof HTMLInputElement || ev.target instanceof HTMLTextAreaElement;
    if (ev.key === '/' && !typing && !ev.ctrlKey && !ev.metaKey && !ev.altKey) {
      ev.preventDefault();
      $('search').focus();
      $('search').select();
      return;
    }
    if (ev.key !== 'Escape') return;
    if (document.activeElement === $('search') && $('search').value) { $('search').value = ''; search(); }
    else if (!details.hidden) { ev.preventDefault(); close(); }
  });

  // ---------- search ----------

  // The rules of src/search.rs over the index `roadmap search` builds (embedded): the same words,
  // fields, weights and ranking. One difference, for a small script: a mistyped word (no exact,
  // starting or inner match) is scored by its longest common subsequence, not by frizbee's
  // alignment, so typo hits may rank a little differently (tests/browser pins the rest).
  const index = data.search;
  const CJK = '\\u3040-\\u30ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uac00-\\ud7af\\uf900-\\ufaff\\u{20000}-\\u{2fa1f}';
  const SCRIPTS = new RegExp(`[${CJK}]+|[^${CJK}]+`, 'gu');
  const IS_CJK = new RegExp(`[${CJK}]`, 'u');
  const stageRank = new Map(data.stages.map((s, i) => [s.id, i]));
  // Runs of letters and digits, a run of CJK characters being one word (split_words).
  const splitWords = (text) => (text.match(/[\p{Alphabetic}\p{N}]+/gu) || []).flatMap((run) => run.match(SCRIPTS))
    .map((w) => [...w].map((c) => c.toLowerCase()).join(''));
  // How much of a mistyped `word` the roadmap's word `w` holds, in order: 0 when more than a
  // quarter of its letters are missing or it scores under half (as search.rs's `fuzzy`).
  function typo(word, w) {
    const a = [...word];
    const b = [...w];
    let row = new Array(b.length + 1).fill(0);
    for (const c of a) {
      const next = [0];
      for (let j = 0; j < b.length; j++) next.push(c === b[j] ? row[j] + 1 : Math.max(row[j + 1], next[j]));
      row = next;
    }
    const common = row[b.length];
    const s = common / Math.max(a.length, b.length);
    return a.length - common <= a.length >> 2 && s >= 0.5 ? s : 0;
  }
  function wordScores(word) {
    const len = [...word].length;
    const cjk = IS_CJK.test(word);
    return index.words.map((w) => {
      if (w === word) return 1;
      if (w.startsWith(word) && (cjk || len >= 2)) return 0.9;
      if (w.includes(word) && (cjk || len >= 4)) return 0.75;
      if (len >= 4 && [...w].length <= len + (len >> 1)) return 0.7 * typo(word, w);
      return 0;
    });
  }

  // The topics matching every word of the query, best first: [{ id, score, matched }].
  function find(query) {
    const words = splitWords(query).slice(0, index.max_words).map((w) => [...w].slice(0, index.max_word).join(''))
      .filter((w, i, all) => i === 0 || w !== all[i - 1]);
    if (!words.length) return [];
    const n = data.topics.length;
    const W = index.weights;
    const sums = new Float64Array(n);
    const counts = new Uint32Array(n);
    const matched = Array.from({ length: n }, () => new Set());
    for (const word of words) {
      const scores = wordScores(word);
      const best = new Float64Array(n);
      const found = new Map();
      const hit = (t, f, s) => {
        best[t] = Math.max(best[t], s * W[f]);
        if (!found.has(t)) found.set(t, []);
        found.get(t).push(f);
      };
      index.fields.forEach((own, t) => {
        for (let i = 0; i < own.length; i += 2) if (scores[own[i + 1]] > 0) hit(t, own[i], scores[own[i + 1]]);
      });
      for (const [letters, t, f] of index.initials) if (letters === word) hit(t, f, 0.85);
      for (const [t, fields] of found) {
        sums[t] += best[t];
        counts[t]++;
        for (const f of fields) matched[t].add(f);
      }
    }
    const hits = [];
    for (let t = 0; t < n; t++) {
      if (counts[t] !== words.length) continue;
      const score = Math.round((100 * sums[t]) / words.length);
      if (score < index.min_score) continue;
      const topic = data.topics[t];
      hits.push({ t, id: topic.id, score, stage: stageRank.get(topic.stage), matched: [...matched[t]].sort((a, b) => a - b).map((f) => index.names[f]) });
    }
    hits.sort((a, b) => b.score - a.score || a.stage - b.stage || a.t - b.t);
    return hits;
  }

  function search() {
    const q = $('search').value.trim();
    const results = $('search-results');
    for (const g of nodes.values()) g.classList.remove('match');
    if (!q) {
      graphBox.classList.remove('searching');
      results.replaceChildren();
      $('search-count').textContent = '';
      return;
    }
    const found = find(q);
    graphBox.classList.add('searching');
    for (const r of found) if (nodes.has(r.id)) nodes.get(r.id).classList.add('match');
    $('search-count').textContent = T('page-search-count', { count: found.length });
    // Where a word was found, beyond the names: tags, summaries, resources (once each).
    const shown = { tags: 'tag', summary: 'summary', 'i18n.summary': 'summary', resources: 'resource' };
    results.replaceChildren(...found.slice(0, 50).map((r) => {
      const where = [...new Set(r.matched.map((m) => shown[m]).filter(Boolean))];
      return el('li', { 'data-score': r.score, 'data-matched': r.matched.join(' ') }, topicLink(r.id), badge(r.id),
        where.length ? el('span', { class: 'sub' }, ' ' + T('page-found-in', { fields: where.map((m) => T('page-field-' + m)).join(', ') })) : '');
    }));
  }

  $('search').addEventListener('input', search);
  $('search').addEventListener('keydown', (ev) => {
    if (ev.key !== 'Enter') return;
    const first = $('search-results').querySelector('[data-topic]');
    if (first) open(first.getAttribute('data-topic'), $('search'));
  });

  // ---------- what the learner sees: next topics, the plan, progress ----------

  function renderNext() {
    const list = $('next-list');
    const shown = nextUp.slice(0, 8);
    const items = shown.map((r) => {
      const t = topics.get(r.id);
      const done = el('button', { type: 'button', class: 'mark-done', 'aria-label': T('page-mark-done-label', { title: t.title }) }, T('page-mark-done-button'));
      done.addEventListener('click', () => setMark(r.id, 'done'));
      return el('li', { 'data-next': r.id }, el('span', {}, topicLink(r.id), badge(r.id)),
        el('span', { class: 'hours' }, t.kind === 'role' ? T('page-role') : hoursText(t.hours)), done);
    });
    if (nextUp.length > shown.length) items.push(el('li', { class: 'muted' }, T('page-next-more', { count: nextUp.length - shown.length })));
    fillList(list, items, data.plan && plan && !plan.steps.length ? T('page-next-goals-reached') : T('page-next-nothing'));
    list.setAttribute('data-next', nextUp.map((r) => r.id).join(' '));
  }

  // Why a choice was made, as `roadmap plan` says it (see commands/plan.rs reason_text).
  function reasonText(c) {
    const title = (id) => (topics.get(id) || { title: id }).title;
    const names = { known: 'choice-known', preferred: 'choice-preferred', learning: 'choice-learning', cheapest: 'choice-cheapest', 'first-listed': 'choice-first-listed', tie: 'choice-tie' };
    if (c.reason === 'in-plan') return c.needed_by ? T('choice-needed-by', { id: title(c.needed_by) }) : T('choice-goal');
    const name = T(names[c.reason]);
    if (!c.added_hours) return name;
    const own = Math.max(0, c.one_of.indexOf(c.chosen));
    const others = [];
    c.one_of.forEach((a, i) => {
      if (a === c.chosen || c.one_of.indexOf(a) < i) return;
      const args = { id: title(a), hours: hoursNumber(c.added_hours[i]) };
      others.push(T(others.length ? 'choice-also' : 'choice-would-add', args));
    });
    const hours = hoursNumber(c.added_hours[own]);
    return others.length
      ? T('choice-adds-others', { reason: name, hours, others: others.join(T('list-separator')) })
      : T('choice-adds', { reason: name, hours });
  }

  function renderPlan(agrees) {
    if (!data.plan) return;
    $('plan').hidden = false;
    $('plan-warning').hidden = agrees;
    const title = (id) => (topics.get(id) || { title: id }).title;
    const n = plan.steps.length;
    let line;
    if (!n) line = T('page-plan-reached', { goals: goals.map(title).join(', ') });
    else {
      const finish = weekEnd(start, weeks.total);
      line = T('page-plan-summary', { goals: goals.map(title).join(', '), count: n, hours: hoursNumber(plan.total_hours) }) +
        T('page-plan-pace', { per_week: hoursNumber(options.hours_per_week), count: weeks.total, date: longDate(finish) });
    }
    if (n && plan.known_goals.length) line += ' ' + T('page-plan-known-goals', { goals: plan.known_goals.map(title).join(', ') });
    $('plan-summary').textContent = line;
    // What tests (and anyone) can read: the totals as `roadmap plan --format json` gives them.
    $('plan-summary').setAttribute('data-hours', plan.total_hours);
    $('plan-summary').setAttribute('data-weeks', weeks.total);
    $('plan-summary').setAttribute('data-start', start);
    $('plan-steps').replaceChildren(...plan.steps.map((s, i) => {
      const [a, b] = weeks.weeks[i];
      const when = (a === b ? T('page-week', { week: a }) : T('page-weeks', { first: a, last: b })) +
        ' · ' + dateRange(weekStart(start, a), weekEnd(start, b));
      const t = topics.get(s.id);
      return el('li', { 'data-step': s.id, 'data-weeks': a + '-' + b, 'data-dates': weekStart(start, a) + '/' + weekEnd(start, b) },
        el('span', { class: 'step-title' }, topicLink(s.id), badge(s.id)),
        el('span', { class: 'hours' }, t.kind === 'role' ? T('page-role') : hoursText(t.hours)),
        el('span', { class: 'when' }, when));
    }));
    $('choices').hidden = plan.choices.length === 0;
    $('choices-count').textContent = T('page-choices', { count: plan.choices.length });
    $('plan-choices').replaceChildren(...plan.choices.map((c) => el('li', { 'data-choice': c.topic, 'data-chosen': c.chosen, 'data-reason': c.reason, 'data-needed-by': c.needed_by || '', 'data-added': c.added_hours ? c.added_hours.join(',') : '' },
      T('page-choice', { topic: title(c.topic), options: c.one_of.map(title).join(', '), chosen: title(c.chosen) }),
      el('span', { class: 'sub' }, ' ' + reasonText(c)))));
    $('choices-inexact').hidden = plan.choices_exact;
  }

  // ---------- progress over time ----------

  // Hours left in the plan for the marks made by a date: the actual line of the chart. The same
  // marks give the same plan, so each set of marks is planned once.
  const leftCache = new Map();
  function hoursLeft(until) {
    const inputs = plannerInputs(marks, until);
    const key = [...inputs.known].sort().join('\n') + '\n\n' + [...inputs.learning].sort().join('\n');
    if (!leftCache.has(key)) leftCache.set(key, makePlan(inputs, false).total_hours);
    return leftCache.get(key);
  }

  // Where the learner started: --start, else the first mark's date, else today; and the hours
  // the plan had left then (marks before it counted).
  function beginning() {
    const now = start;
    const dates = [...marks].filter(([id, e]) => topics.has(id) && e.date <= now).map(([, e]) => e.date).sort();
    const from = options.start && options.start <= now ? options.start : (dates[0] || now);
    return { from, baseline: hoursLeft(addDays(from, -1)) };
  }

  // Planned against actual hours left per week, from the start (--start, else the first mark's
  // date, else today) to the projected finish, as a small inline SVG.
  function renderHistory() {
    if (!data.plan) return;
    $('history').hidden = false;
    const now = start;
    const { from, baseline } = beginning();
    const perWeek = options.hours_per_week;
    const plannedWeeks = Math.ceil(planner.roundHours(baseline) / perWeek);
    const plannedEnd = plannedWeeks ? weekEnd(from, plannedWeeks) : from;
    const left = plan.total_hours;
    const finish = weeks.total ? weekEnd(now, weeks.total) : now;
    // Actual: hours left at the end of each week so far (the current week up to today).
    const points = [[dayNumber(from), baseline]];
    const said = [addDays(from, -1) + ':' + baseline];
    const elapsed = Math.floor((dayNumber(now) - dayNumber(from)) / 7) + 1;
    const step = Math.max(1, Math.ceil(elapsed / 200));
    for (let k = step; k < elapsed + step; k += step) {
      const end = k >= elapsed ? now : weekEnd(from, k);
      points.push([dayNumber(end) + 1, k >= elapsed ? left : hoursLeft(end)]);
      said.push(end + ':' + points[points.length - 1][1]);
    }
    const x0 = dayNumber(from);
    const x1 = Math.max(dayNumber(plannedEnd), dayNumber(finish), x0 + 7) + 1;
    const top = Math.max(baseline, ...points.map((p) => p[1]), 1);
    const W = 320;
    const H = 180;
    const pad = { l: 8, r: 8, t: 22, b: 36 };
    const X = (d) => pad.l + (W - pad.l - pad.r) * (d - x0) / (x1 - x0);
    const Y = (h) => pad.t + (H - pad.t - pad.b) * (1 - h / top);
    const line = (pts, cls) => svgEl('polyline', { class: cls, points: pts.map(([d, h]) => X(d).toFixed(1) + ',' + Y(h).toFixed(1)).join(' ') });
    const label = (x, y, text, anchor) => svgEl('text', { x: x.toFixed(1), y: y.toFixed(1), 'text-anchor': anchor }, text);
    const month = (d) => DATE_MONTH.format(asDate(dateOf(d)));
    const chart = svgEl('svg', { id: 'chart', class: 'chart', viewBox: `0 0 ${W} ${H}`, role: 'img' });
    const xNow = X(dayNumber(now) + 1);
    chart.append(
      svgEl('line', { class: 'grid', x1: pad.l, y1: Y(top), x2: W - pad.r, y2: Y(top) }),
      svgEl('line', { class: 'axis', x1: pad.l, y1: Y(0), x2: W - pad.r, y2: Y(0) }),
      label(pad.l, Y(top) - 6, hoursText(top), 'start'),
      label(pad.l, H - pad.b + 16, month(x0), 'start'),
      label(W - pad.r, H - pad.b + 16, month(x1 - 1), 'end'),
      svgEl('line', { class: 'today', x1: xNow, y1: Y(top), x2: xNow, y2: Y(0) }),
      label(xNow, H - 4, T('page-chart-today'), xNow < W / 2 ? 'start' : 'end'),
      line([[x0, baseline], [dayNumber(from) + 7 * baseline / perWeek, 0]], 'planned'),
      line([[dayNumber(now) + 1, left], [dayNumber(finish) + 1, 0]], 'projected'),
      line(points, 'actual'),
      svgEl('circle', { class: 'now', cx: xNow.toFixed(1), cy: Y(left).toFixed(1), r: 3.5 }),
    );
    $('chart-box').replaceChildren(chart);
    chart.setAttribute('aria-label', T('page-chart-label', { start: longDate(from), hours: hoursNumber(baseline), planned: longDate(plannedEnd), left: hoursNumber(left), finish: longDate(finish) }));
    $('chart-planned').textContent = T('page-chart-planned', { start: longDate(from), hours: hoursNumber(baseline), date: longDate(plannedEnd) });
    $('chart-actual').textContent = T('page-chart-actual', { hours: hoursNumber(left) });
    $('chart-projected').textContent = T('page-chart-projected', { date: longDate(finish) });
    $('chart').setAttribute('data-points', said.join(' '));
    $('chart').setAttribute('data-finish', finish);
    $('chart').setAttribute('data-planned-finish', plannedEnd);
  }

  function tally(ids) {
    let done = 0;
    let hours = 0;
    let coveredHours = 0;
    for (const id of ids) {
      const h = topics.get(id).hours || 0;
      hours += h;
      if (covered(id)) { done++; coveredHours += h; }
    }
    const percent = hours > 0 ? Math.floor(100 * coveredHours / hours) : ids.length ? Math.floor(100 * done / ids.length) : 0;
    return { done, total: ids.length, hours: planner.roundHours(hours), coveredHours: planner.roundHours(coveredHours), percent };
  }

  // Progress per stage, over topics (roles are goals, not study), as `roadmap progress status`;
  // the header: toward the goals with a plan, else over the whole roadmap.
  function renderProgress() {
    const study = data.topics.filter((t) => t.kind !== 'role');
    const rows = [];
    for (const s of data.stages) {
      const ids = study.filter((t) => t.stage === s.id).map((t) => t.id);
      if (!ids.length) continue;
      const t = tally(ids);
      const fill = el('span');
      fill.style.width = (t.total ? 100 * t.done / t.total : 0) + '%';
      rows.push(el('li', {},
        el('div', { class: 'row' }, el('span', {}, s.title), el('span', { class: 'muted' }, T('page-stage-tally', { done: t.done, total: t.total, covered: t.coveredHours, hours: t.hours }))),
        el('div', { class: 'bar', 'aria-hidden': 'true' }, fill)));
    }
    $('stages').replaceChildren(...rows);
    if (data.plan) {
      const { baseline } = beginning();
      const left = plan.total_hours;
      const percent = baseline > 0 ? Math.max(0, Math.min(100, Math.floor(100 * (baseline - left) / baseline))) : 100;
      $('overall-fill').style.width = percent + '%';
      $('overall-text').textContent = T('page-overall-plan', { left: hoursNumber(left), hours: hoursNumber(Math.max(baseline, left)), percent });
    } else {
      const all = tally(study.map((t) => t.id));
      $('overall-fill').style.width = all.percent + '%';
      $('overall-text').textContent = T('page-overall', { done: all.done, total: all.total, covered: all.coveredHours, hours: all.hours, percent: all.percent });
    }
  }

  const shownText = new Map([...nodes].map(([id, g]) => [id, [...g.querySelectorAll('text')].map((t) => t.textContent.trim()).join(' ')]));
  function renderNodes() {
    const next = new Set(nextUp.map((r) => r.id));
    for (const [id, g] of nodes) {
      const s = stateOf(id);
      for (const st of STATES) g.classList.toggle('s-' + st, s === st);
      g.classList.toggle('known', !s && givenKnown.has(id));
      g.classList.toggle('in-plan', planIds.has(id));
      g.classList.toggle('next', next.has(id));
      // The name starts with the words the node shows (as drawn, line by line), so speech and
      // voice control use what is seen.
      const parts = [shownText.get(id)];
      if (s) parts.push(stateLabel(s));
      else if (givenKnown.has(id)) parts.push(stateLabel('known'));
      if (goalIds.has(id)) parts.push(T('page-goal'));
      else if (planIds.has(id)) parts.push(T('page-in-plan'));
      if (next.has(id)) parts.push(T('page-next-up'));
      g.setAttribute('aria-label', parts.join(', '));
    }
  }

  let agrees = true;
  function refresh() {
    replan();
    renderNodes();
    renderNext();
    renderPlan(agrees);
    renderHistory();
    renderProgress();
    search();
  }

  // ---------- start ----------

  if (data.summary) $('page-summary').textContent = data.summary;
  $('export').addEventListener('click', exportProgress);
  $('import-file').addEventListener('change', (ev) => {
    const f = ev.target.files && ev.target.files[0];
    if (f) importProgress(f);
    ev.target.value = '';
  });
  if (window.matchMedia('(max-width: 760px)').matches) {
    $('progress').open = false;
    $('history').open = false;
    if (data.plan && data.plan.steps.length > 8) $('plan').open = false;
  }
  agrees = selfCheck();
  refresh();
  // Open on what matters: the next topics, readable; with nothing left, the goals. A drawing of
  // the stages only opens whole, at most at its natural size.
  setZoom(data.drawing === 'overview' ? Math.min(1, fitZoom()) : readable, 0, 0);
  if (!showTopics(nextUp.map((r) => r.id))) showTopics(goals);
  document.documentElement.classList.add('ready');
  performance.mark('roadmap-ready');
})();
