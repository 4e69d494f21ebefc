// The neighbourhood of a topic, for the page of a roadmap too large to draw whole (its drawing is
// the stage overview; see `budget::MAX_DRAWN`): what the selected topic needs, two levels up, and
// what it unlocks, two levels down, drawn in rows by distance, in the canvas, each topic a button
// that opens it. Loaded before page.js, which calls `roadmapNeighbourhood` on such pages.
//
// Why drawn here rather than by Graphviz: the rows are the ranks (distance from the topic), so
// the only layout left is the order within a row, which a barycentre pass does well for a few
// dozen nodes; laying out a drawing per topic at `html` time would take Graphviz minutes and
// tens of megabytes at 10,000 topics, and no in-browser Graphviz is available offline (see
// docs/performance.md, "The page of a large roadmap").
//
// As in page.js, roadmap text reaches the page only through textContent and setAttribute.
'use strict';
// eslint-disable-next-line no-unused-vars
function roadmapNeighbourhood(data, page) {
  const SVG_NS = 'http://www.w3.org/2000/svg';
  const DEPTH = 2; // levels up and down
  const ROW = 8; // places a row at most (fewer when the canvas is narrow); the last may be "N more"
  const W = 168; // a box, in SVG units (CSS pixels at 100 %)
  const H = 46;
  const GAP = 14;
  const RISE = 64; // between rows
  const CHARS = 24; // a line of a box's title
  const READABLE = 0.75; // the least scale: 12.5 px text at 9.4 px

  const topics = new Map(data.topics.map((t) => [t.id, t]));
  const box = page.box;
  const T = page.T;

  // What a topic needs: its requirements, every alternative of a `one_of` included.
  function needs(t) {
    const ids = [];
    for (const r of t.requires) {
      if (typeof r === 'string') ids.push(r);
      else ids.push(...r.one_of);
    }
    return ids.filter((id) => topics.has(id));
  }

  // Places a row has: as many as the canvas shows side by side at a readable size (3 at least),
  // so that no box is out of sight.
  function places() {
    const fit = Math.floor((box.clientWidth - 2 * GAP) / (READABLE * (W + GAP)));
    return Math.max(3, Math.min(ROW, fit || ROW));
  }

  // Rows by distance: row 0 the topic, -1 what it needs, +1 what needs it, and so on. Each topic
  // sits in the first row that reaches it; a row keeps the topics most linked to the row before
  // it (then in roadmap order), as many as it has places, and counts the others.
  function rows(id) {
    const room = places();
    const at = new Map([[id, 0]]);
    const out = new Map([[0, { ids: [id], more: 0 }]]);
    const counted = new Set();
    for (const dir of [-1, 1]) {
      let previous = [id];
      for (let d = 1; d <= DEPTH && previous.length; d++) {
        const links = new Map();
        for (const p of previous) {
          const next = dir < 0 ? needs(topics.get(p)) : topics.get(p).unlocks.filter((u) => topics.has(u));
          for (const n of next) {
            if (at.has(n) || counted.has(n)) continue;
            links.set(n, (links.get(n) || 0) + 1);
          }
        }
        const order = [...links.keys()].sort((a, b) => links.get(b) - links.get(a) || topics.get(a).ix - topics.get(b).ix);
        const kept = order.slice(0, order.length > room ? room - 1 : room);
        for (const n of kept) at.set(n, dir * d);
        // Those counted in this row's "N more" are not drawn further out either.
        for (const n of order.slice(kept.length)) counted.add(n);
        out.set(dir * d, { ids: kept, more: order.length - kept.length });
        previous = kept;
      }
    }
    return { at, rows: out };
  }

  // Every requirement between two drawn topics: [needed, needing]. `order` lays rows out by the
  // links between neighbouring rows; the others (within a row, or across rows) are drawn too.
  function edges(at) {
    const list = [];
    for (const id of at.keys()) {
      for (const n of needs(topics.get(id))) {
        if (at.has(n) && !list.some(([a, b]) => a === n && b === id)) list.push([n, id]);
      }
    }
    return list;
  }

  // The order within each row: outward from the topic, each row by the mean position of its
  // links in the row nearer the topic (a barycentre pass, as Graphviz's first one).
  function order(layout, links) {
    const pos = new Map([[layout.rows.get(0).ids[0], 0]]);
    for (const dir of [-1, 1]) {
      for (let d = 1; d <= DEPTH; d++) {
        const row = layout.rows.get(dir * d);
        if (!row) break;
        const mean = new Map();
        const at = layout.at;
        const next = (a, b) => Math.abs(at.get(a) - at.get(b)) === 1;
        for (const id of row.ids) {
          const near = links.filter(([a, b]) => next(a, b) && ((a === id && pos.has(b)) || (b === id && pos.has(a))))
            .map(([a, b]) => pos.get(a === id ? b : a));
          mean.set(id, near.length ? near.reduce((x, y) => x + y, 0) / near.length : 0);
        }
        row.ids.sort((a, b) => mean.get(a) - mean.get(b) || topics.get(a).ix - topics.get(b).ix);
        const width = row.ids.length + (row.more ? 1 : 0);
        row.ids.forEach((id, k) => pos.set(id, k - (width - 1) / 2));
      }
    }
    return pos;
  }

  // A title on at most two lines of CHARS characters, cut with an ellipsis.
  function lines(title) {
    const words = title.split(/\s+/);
    const out = [''];
    for (const w of words) {
      const last = out[out.length - 1];
      if (!last || (last + ' ' + w).length <= CHARS) out[out.length - 1] = last ? last + ' ' + w : w;
      else if (out.length < 2) out.push(w);
      else { out[1] += ' ' + w; break; }
    }
    return out.map((l) => (l.length > CHARS ? l.slice(0, CHARS - 1) + '…' : l));
  }

  function svgEl(tag, attrs, ...children) {
    const e = document.createElementNS(SVG_NS, tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    for (const c of children) e.append(c);
    return e;
  }

  function node(id, x, y, row) {
    const centre = row === 0;
    const t = topics.get(id);
    const state = page.state(id);
    const classes = ['nb-node'];
    if (centre) classes.push('nb-centre');
    if (state) classes.push(state);
    if (t.kind === 'role') classes.push('role');
    const g = svgEl('g', { class: classes.join(' '), transform: `translate(${x},${y})`, tabindex: '0', role: 'button', 'data-id': id, 'data-row': row });
    g.setAttribute('aria-label', t.title);
    g.append(svgEl('rect', { x: -W / 2, y: -H / 2, width: W, height: H, rx: 8 }));
    const ls = lines(t.title);
    ls.forEach((l, k) => {
      const text = svgEl('text', { x: 0, y: (k - (ls.length - 1) / 2) * 15 + 5, 'text-anchor': 'middle' });
      text.textContent = l;
      g.append(text);
    });
    const title = svgEl('title');
    title.textContent = t.title + ' (' + t.id + ')';
    g.append(title);
    if (!centre) {
      g.addEventListener('click', () => page.open(id));
      g.addEventListener('keydown', (ev) => {
        if (ev.key === 'Enter' || ev.key === ' ') {
          ev.preventDefault();
          page.open(id);
        }
      });
    }
    return g;
  }

  let shown = null;
  let drawnWidth = 0;

  function draw(id) {
    const layout = rows(id);
    const links = edges(layout.at);
    const pos = order(layout, links);
    const widest = Math.max(...[...layout.rows.values()].map((r) => r.ids.length + (r.more ? 1 : 0)));
    const keys = [...layout.rows.keys()].sort((a, b) => a - b);
    const top = keys[0];
    // An arrow within a row is an arc over it, rising with the distance it spans; the top row's
    // arcs get room above it.
    const lift = (a, b) => Math.min(RISE - 8, 18 + 10 * Math.abs(pos.get(a) - pos.get(b)));
    const headroom = Math.max(0, ...links.filter(([a, b]) => layout.at.get(a) === top && layout.at.get(b) === top).map(([a, b]) => lift(a, b)));
    const width = widest * (W + GAP) + GAP;
    const height = (keys[keys.length - 1] - top + 1) * (H + RISE) - RISE + 2 * GAP + headroom;
    const X = (p) => width / 2 + p * (W + GAP);
    const Y = (row) => GAP + headroom + H / 2 + (row - top) * (H + RISE);
    const svg = svgEl('svg', { viewBox: `0 0 ${width} ${height}`, class: 'nb-drawing', role: 'group' });
    svg.setAttribute('aria-label', T('page-neighbourhood-label', { title: topics.get(id).title }));
    // As large as it is, or smaller to fit the canvas's width, as far as the text stays readable.
    const scale = Math.max(READABLE, Math.min(1, (box.clientWidth - 2 * GAP) / width));
    svg.style.width = width * scale + 'px';
    svg.style.height = height * scale + 'px';
    const arrow = svgEl('marker', { id: 'nb-arrow', viewBox: '0 0 10 10', refX: '9', refY: '5', markerWidth: '7', markerHeight: '7', orient: 'auto-start-reverse' },
      svgEl('path', { d: 'M0,0 L10,5 L0,10 z', class: 'nb-arrow' }));
    svg.append(svgEl('defs', {}, arrow));
    const lineGroup = svgEl('g', { class: 'nb-edges' });
    for (const [a, b] of links) {
      const ra = layout.at.get(a);
      const rb = layout.at.get(b);
      let d;
      if (ra === rb) {
        // Within a row: an arc over the row, top to top (into the gap above it).
        const x1 = X(pos.get(a)); const x2 = X(pos.get(b)); const y = Y(ra) - H / 2;
        const up = lift(a, b);
        d = `M${x1},${y} C${x1},${y - up} ${x2},${y - up} ${x2},${y}`;
      } else {
        // Downward from what is needed to what needs it; one row or several (then under the
        // boxes between, which are drawn over the arrows).
        const down = ra < rb;
        const x1 = X(pos.get(a)); const y1 = Y(ra) + (down ? H / 2 : -H / 2);
        const x2 = X(pos.get(b)); const y2 = Y(rb) + (down ? -H / 2 : H / 2);
        const mid = (y1 + y2) / 2;
        d = `M${x1},${y1} C${x1},${mid} ${x2},${mid} ${x2},${y2}`;
      }
      lineGroup.append(svgEl('path', { d, 'marker-end': 'url(#nb-arrow)', 'data-from': a, 'data-to': b }));
    }
    svg.append(lineGroup);
    for (const [row, r] of layout.rows) {
      for (const n of r.ids) svg.append(node(n, X(pos.get(n)), Y(row), row));
      if (r.more) {
        // The last place of the row (see `order`).
        const x = X(r.ids.length / 2);
        const more = svgEl('g', { class: 'nb-more', transform: `translate(${x},${Y(row)})` },
          svgEl('rect', { x: -W / 2, y: -H / 2, width: W, height: H, rx: 8 }));
        const text = svgEl('text', { x: 0, y: 5, 'text-anchor': 'middle' });
        text.textContent = T('page-neighbourhood-more', { count: r.more });
        more.append(text);
        svg.append(more);
      }
    }
    const heading = document.createElement('p');
    heading.className = 'muted nb-heading';
    heading.textContent = T('page-neighbourhood-heading', { title: topics.get(id).title });
    box.replaceChildren(heading, svg);
    shown = id;
    drawnWidth = box.clientWidth;
  }

  // Shows the topic's neighbourhood in place of the other drawings.
  function show(id) {
    if (!topics.has(id)) return;
    for (const other of page.others) other.hidden = true;
    box.hidden = false;
    draw(id);
    box.scrollTop = 0;
    box.scrollLeft = Math.max(0, (box.scrollWidth - box.clientWidth) / 2);
  }

  function hide() {
    box.hidden = true;
    shown = null;
  }

  // The toolbar's views (the stages, Fit, the next topics) replace the neighbourhood; their own
  // handlers, in page.js, ran first.
  for (const b of ['show-overview', 'zoom-fit', 'zoom-next']) {
    const button = document.getElementById(b);
    if (button) button.addEventListener('click', hide);
  }
  // A mark changes a box's colour: drawn again once page.js has recorded it (its handler may
  // come after this one, hence the task).
  for (const r of document.querySelectorAll('input[name="mark"]')) {
    r.addEventListener('change', () => setTimeout(() => { if (shown && !box.hidden) draw(shown); }, 0));
  }
  // A canvas of another width (a turned phone, a resized window, the details panel opening)
  // holds another number of places a row: drawn again, once a frame at most.
  let pending = false;
  new ResizeObserver(() => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      if (shown && !box.hidden && box.clientWidth !== drawnWidth) draw(shown);
    });
  }).observe(box);
  // The drawing is the overview: its stages keep their colours (page.js took them for "or"
  // circles, not being topics).
  for (const g of page.others[0].querySelectorAll('g.node.junction')) {
    const title = g.querySelector('title');
    if (!title || !title.textContent.startsWith('stage:')) continue;
    g.classList.replace('junction', 'nb-stage');
    for (const shape of g.querySelectorAll('path, polygon')) shape.style.fill = shape.getAttribute('fill');
  }
  // What the canvas shows until a topic is chosen: the stages, and what to do.
  const hint = document.createElement('p');
  hint.className = 'muted nb-hint';
  hint.textContent = T('page-large-hint', { count: data.topics.length });
  for (const other of page.others) other.prepend(hint.cloneNode(true));

  return { show, hide };
}
