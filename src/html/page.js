// Script of the page `roadmap html` writes: details on click, search, the plan, progress marks
// kept in localStorage and exported as (or imported from) a `roadmap progress` file, and zoom.
//
// Roadmap text only ever reaches the page through textContent, setAttribute or createElement,
// never as HTML source to parse, so no title can become markup (tests/html.rs checks the script
// for the APIs that parse HTML). Maps, not plain objects, hold anything keyed
// by an id read from a file, so an id such as `__proto__` is only a string.
'use strict';
(function () {
  const data = JSON.parse(document.getElementById('roadmap-data').textContent);
  const STATES = ['done', 'learning', 'skipped'];
  const STORAGE_KEY = 'roadmap-progress:' + data.roadmap;
  const $ = (id) => document.getElementById(id);

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

  const topics = new Map(data.topics.map((t) => [t.id, t]));
  const stages = new Map(data.stages.map((s) => [s.id, s]));
  const plan = data.plan;
  const planIds = new Set(plan ? plan.steps.map((s) => s.id) : []);
  const goalIds = new Set(plan ? plan.goals : []);

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

  function hoursText(h) {
    return h === null || h === undefined ? '? h' : h + ' h';
  }

  function round(h) {
    return Math.round(h * 1000) / 1000;
  }

  function today() {
    const d = new Date();
    const pad = (n) => String(n).padStart(2, '0');
    return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate());
  }

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

  const DATE = /^\d{4}-\d{2}-\d{2}$/;

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

  // Done and skipped topics are covered; so are topics given with --known and not marked.
  function covered(id) {
    const s = stateOf(id);
    return s === 'done' || s === 'skipped' || (!s && topics.get(id).known);
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
    g.classList.add('topic');
    if (t.kind === 'role') g.classList.add('role');
    if (planIds.has(id)) g.classList.add('in-plan');
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

  function setZoom(z, ax, ay) {
    z = Math.min(3, Math.max(0.05, z));
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

  $('zoom-in').addEventListener('click', () => setZoom(zoom * 1.25));
  $('zoom-out').addEventListener('click', () => setZoom(zoom / 1.25));
  $('zoom-fit').addEventListener('click', () => setZoom(fitZoom()));
  $('zoom-reset').addEventListener('click', () => setZoom(1));
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
  // not cover (its left on a wide screen, its top on a phone).
  function centerOn(id) {
    const g = nodes.get(id);
    if (!g) return;
    const r = g.getBoundingClientRect();
    const box = graphBox.getBoundingClientRect();
    let right = box.right;
    let bottom = box.bottom;
    if (!details.hidden) {
      const d = details.getBoundingClientRect();
      if (d.left > box.left + 120) right = Math.min(right, d.left);
      else if (d.top > box.top + 120) bottom = Math.min(bottom, d.top);
    }
    const smooth = !window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    graphBox.scrollTo({
      left: graphBox.scrollLeft + r.left + r.width / 2 - (box.left + right) / 2,
      top: graphBox.scrollTop + r.top + r.height / 2 - (box.top + bottom) / 2,
      behavior: smooth ? 'smooth' : 'auto',
    });
  }

  // ---------- details ----------

  let current = null;
  let returnFocus = null;

  function badge(id) {
    const s = stateOf(id) || (topics.get(id).known ? 'known' : null);
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
    $('d-known').hidden = !(t.known && !stateOf(id));
    $('d-tags').replaceChildren(...t.tags.map((tag) => el('span', {}, tag)));
    for (const r of details.querySelectorAll('input[name="mark"]')) r.checked = r.value === (stateOf(id) || '');

    $('d-resources-section').hidden = t.resources.length === 0;
    $('d-resources').replaceChildren(...t.resources.map((r) => {
      // The same marks as `roadmap show`: kind, language, and whether it costs money.
      const marks = [r.kind, r.lang, r.free === false ? T('page-paid') : null].filter(Boolean);
      const kind = marks.length ? el('span', { class: 'resource-kind' }, ' (' + marks.join(', ') + ')') : '';
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
    if (focus) details.focus();
  }

  function open(id, from) {
    if (!topics.has(id)) return;
    if (from) returnFocus = from;
    else if (details.hidden) returnFocus = document.activeElement;
    showDetails(id, true);
    centerOn(id);
  }

  function close() {
    if (details.hidden) return;
    details.hidden = true;
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
    if (ev.key !== 'Escape') return;
    if (!details.hidden) { ev.preventDefault(); close(); }
    else if (document.activeElement === $('search') && $('search').value) { $('search').value = ''; search(); }
  });

  // ---------- search ----------

  function search() {
    const q = $('search').value.trim().toLowerCase();
    const results = $('search-results');
    for (const g of nodes.values()) g.classList.remove('match');
    if (!q) {
      graphBox.classList.remove('searching');
      results.replaceChildren();
      $('search-count').textContent = '';
      return;
    }
    const found = data.topics.filter((t) => t.id.toLowerCase().includes(q) || t.title.toLowerCase().includes(q));
    graphBox.classList.add('searching');
    for (const t of found) if (nodes.has(t.id)) nodes.get(t.id).classList.add('match');
    $('search-count').textContent = T('page-search-count', { count: found.length });
    results.replaceChildren(...found.slice(0, 50).map((t) => el('li', {}, topicLink(t.id), badge(t.id))));
  }

  $('search').addEventListener('input', search);
  $('search').addEventListener('keydown', (ev) => {
    if (ev.key !== 'Enter') return;
    const first = $('search-results').querySelector('[data-topic]');
    if (first) open(first.getAttribute('data-topic'), $('search'));
  });

  // ---------- plan and progress summaries ----------

  function renderPlan() {
    if (!plan) return;
    $('plan').hidden = false;
    const names = plan.goals.map((g) => (topics.get(g) || { title: g }).title).join(', ');
    const n = plan.steps.length;
    let line = T('page-plan-summary', { goals: names, count: n, hours: plan.total_hours });
    if (n) line += T('page-plan-pace', { per_week: plan.hours_per_week, count: plan.total_weeks });
    if (plan.known_goals.length) line += T('page-plan-known-goals', { goals: plan.known_goals.join(', ') });
    const left = round(plan.steps.filter((s) => !covered(s.id)).reduce((sum, s) => sum + s.hours, 0));
    if (n) line += T('page-plan-left', { hours: left });
    $('plan-summary').textContent = line;
    $('plan-steps').replaceChildren(...plan.steps.map((s) => {
      const weeks = s.weeks[0] === s.weeks[1] ? T('page-week', { week: s.weeks[0] }) : T('page-weeks', { first: s.weeks[0], last: s.weeks[1] });
      return el('li', { class: covered(s.id) ? 'covered' : '' },
        el('span', { class: 'week' }, weeks),
        el('span', {}, topicLink(s.id), badge(s.id)),
        el('span', { class: 'hours' }, topics.get(s.id).kind === 'role' ? T('page-role') : hoursText(s.hours)));
    }));
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
    return { done, total: ids.length, hours: round(hours), coveredHours: round(coveredHours), percent };
  }

  // Progress per stage, over topics (roles are goals, not study), as `roadmap progress status`.
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
    const all = tally(study.map((t) => t.id));
    $('overall-fill').style.width = all.percent + '%';
    $('overall-text').textContent = T('page-overall', { done: all.done, total: all.total, covered: all.coveredHours, hours: all.hours, percent: all.percent });
  }

  function renderNodes() {
    for (const [id, g] of nodes) {
      const s = stateOf(id);
      for (const st of STATES) g.classList.toggle('s-' + st, s === st);
      g.classList.toggle('known', !s && topics.get(id).known);
      const t = topics.get(id);
      const parts = [t.title, t.kind === 'role' ? T('page-role') : hoursText(t.hours)];
      if (s) parts.push(stateLabel(s));
      else if (t.known) parts.push(stateLabel('known'));
      if (planIds.has(id)) parts.push(goalIds.has(id) ? T('page-goal') : T('page-in-plan'));
      g.setAttribute('aria-label', parts.join(', '));
    }
  }

  function refresh() {
    renderNodes();
    renderPlan();
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
    if (plan && plan.steps.length > 8) $('plan').open = false;
  }
  refresh();
  // Start readable: fit the whole graph when that keeps text legible, else a readable zoom,
  // at the first step of the plan not yet covered.
  const fit = fitZoom();
  setZoom(fit >= 0.5 ? fit : 0.6, 0, 0);
  const next = plan && plan.steps.find((s) => !covered(s.id));
  if (fit < 0.5 && next && nodes.has(next.id)) {
    const r = nodes.get(next.id).getBoundingClientRect();
    const box = graphBox.getBoundingClientRect();
    graphBox.scrollLeft += r.left + r.width / 2 - (box.left + box.width / 2);
    graphBox.scrollTop += r.top + r.height / 2 - (box.top + box.height / 2);
  }
  document.documentElement.classList.add('ready');
})();
