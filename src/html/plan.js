// The planner of src/choose.rs and src/plan.rs, for the page `roadmap html` writes: it re-plans as
// the learner marks topics, with the command line's rules and answers. Ported line for line (the
// same names, the same order of work), so that it meets the same plan first, counts the same
// search states and breaks the same ties; tests/browser compares its plans with `roadmap plan
// --format json` for many sets of marks, and the page checks itself on load against the plan the
// command line embedded. Change both together.
//
// Topics are numbers (their position in the roadmap, the command line's TopicIx); a `one_of`
// entry is the number KEY(topic, entry), which sorts as the pair does.
'use strict';
// eslint-disable-next-line no-unused-vars
function roadmapPlanner(data) {
  const ENTRY = 1048576; // 2^20 entries a topic at most: topic * ENTRY + entry stays exact
  const KEY = (t, e) => t * ENTRY + e;
  const TOPIC = (k) => Math.floor(k / ENTRY);
  const ENTRY_OF = (k) => k % ENTRY;
  const REQUIRES = 0;
  const ONE_OF = 1;
  const RECOMMENDS = 2;

  // ---------- the roadmap, by position ----------
  const n = data.topics.length;
  const ids = new Array(n);
  const ix = new Map();
  for (const t of data.topics) {
    ids[t.ix] = t.id;
    ix.set(t.id, t.ix);
  }
  const stageIx = new Map(data.stages.map((s, i) => [s.id, i]));
  const stage = new Uint32Array(n);
  const hours = new Float64Array(n);
  // Each requirement: a topic number, or an array of alternatives.
  const req = new Array(n);
  const rec = new Array(n);
  // The edges into each topic's dependents, as the graph holds them: [dependent, kind].
  const dependents = Array.from({ length: n }, () => []);
  for (const t of data.topics) {
    const i = t.ix;
    stage[i] = stageIx.get(t.stage);
    hours[i] = t.hours || 0;
    req[i] = t.requires.map((r) => (typeof r === 'string' ? ix.get(r) : r.one_of.map((a) => ix.get(a))));
    rec[i] = t.recommends.map((r) => ix.get(r));
  }
  for (let i = 0; i < n; i++) {
    for (const r of req[i]) {
      if (typeof r === 'number') dependents[r].push([i, REQUIRES]);
      else for (const a of r) dependents[a].push([i, ONE_OF]);
    }
    for (const r of rec[i]) dependents[r].push([i, RECOMMENDS]);
  }

  // ---------- costs: hours in thousandths, then topics ----------
  const ZERO = { mh: 0, n: 0 };
  const MAX = { mh: Number.MAX_SAFE_INTEGER, n: Number.MAX_SAFE_INTEGER };
  const weightOf = new Float64Array(n);
  for (let i = 0; i < n; i++) weightOf[i] = Math.round(hours[i] * 1000);
  const less = (a, b) => a.mh < b.mh || (a.mh === b.mh && a.n < b.n);
  const plus = (a, b) => ({ mh: a.mh + b.mh, n: a.n + b.n });
  const minus = (a, b) => ({ mh: Math.max(0, a.mh - b.mh), n: Math.max(0, a.n - b.n) });
  const weight = (t) => ({ mh: weightOf[t], n: 1 });

  function roundHours(h) {
    const thousandths = h * 1000;
    if (Math.abs(thousandths) >= 9007199254740992) return h + 0;
    return Math.round(thousandths) / 1000 + 0;
  }
  const costHours = (c) => roundHours(c.mh / 1000);

  // A fixed pseudo-random 128-bit key per topic, XORed into the hash of a set of topics.
  const zob = new Uint32Array(4 * n);
  for (let i = 0; i < 4 * n; i++) {
    let z = Math.imul((i + 1) ^ 0x9e3779b9, 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    zob[i] = (z ^ (z >>> 16)) >>> 0;
  }

  const has = (list, x) => list.indexOf(x) >= 0;
  const firstIndex = (list, x) => list.indexOf(x);
  const sortKeys = (keys) => {
    keys.sort((a, b) => a - b);
    return keys.filter((k, i) => i === 0 || keys[i - 1] !== k);
  };

  // A binary heap of items, least `rank` first (Rust's BinaryHeap of Reverse keys).
  function minHeap(rank) {
    const a = [];
    return {
      size: () => a.length,
      push(x) {
        let i = a.length;
        a.push(x);
        while (i > 0) {
          const p = (i - 1) >> 1;
          if (rank(a[p]) <= rank(x)) break;
          a[i] = a[p];
          i = p;
        }
        a[i] = x;
      },
      pop() {
        const top = a[0];
        const last = a.pop();
        if (a.length) {
          let i = 0;
          for (;;) {
            const l = 2 * i + 1;
            if (l >= a.length) break;
            const c = l + 1 < a.length && rank(a[l + 1]) < rank(a[l]) ? l + 1 : l;
            if (rank(a[c]) >= rank(last)) break;
            a[i] = a[c];
            i = c;
          }
          a[i] = last;
        }
        return top;
      },
    };
  }

  // ---------- choose.rs: deciding the `one_of` groups ----------
  function Decider(rules) {
    const known = rules.known;
    const learning = rules.learning;
    const refs = new Uint32Array(n);
    let cost = ZERO;
    const hash = new Uint32Array(4);
    const choice = new Map(); // key -> [alternative, open]
    let entered = [];
    let fresh = [];
    let metByKnown = [];
    let baseFresh = [];
    const log = [];
    let logging = false;
    let seen = null;
    let epoch = 0;
    let forced = null;
    const self = { exact: true };

    const inPlan = (t) => refs[t] > 0;
    const chosen = (key) => { const c = choice.get(key); return c ? c[0] : undefined; };
    const alternatives = (key) => { const r = req[TOPIC(key)][ENTRY_OF(key)]; return typeof r === 'number' ? [] : r; };
    function toggle(t) {
      for (let w = 0; w < 4; w++) hash[w] ^= zob[4 * t + w];
    }
    const hashKey = () => hash[0] + ',' + hash[1] + ',' + hash[2] + ',' + hash[3];

    function fixed(alts) {
      const k = alts.find((a) => known.has(a));
      if (k !== undefined) return ['known', k];
      const p = rules.prefer.find((x) => has(alts, x));
      if (p !== undefined) return ['preferred', p];
      const l = alts.find((a) => learning.has(a));
      if (l !== undefined) return ['preferred', l];
      return ['open'];
    }
    const isOpenChoice = (key) => { const c = choice.get(key); return !!c && c[1]; };
    function allowed(key) {
      const alts = alternatives(key);
      if (forced && forced[0] === key) {
        const i = Math.max(0, alts.indexOf(forced[1]));
        return alts.slice(i, i + 1);
      }
      return alts;
    }
    const met = (key) => allowed(key).some(inPlan);

    const mark = () => ({ log: log.length, entered: entered.length, fresh: fresh.length, metByKnown: metByKnown.length });
    function begin() {
      const was = logging;
      logging = true;
      return [mark(), was];
    }
    function end(was) {
      if (!was) {
        logging = false;
        log.length = 0;
      }
    }
    function recordChoice(key, to) {
      const old = choice.get(key);
      if (to) choice.set(key, to);
      else choice.delete(key);
      if (logging) log.push([2, key, old]);
    }
    const setChoice = (key, to) => recordChoice(key, to === undefined ? undefined : [to, true]);

    function link(t) {
      const stack = [t];
      while (stack.length) {
        const u = stack.pop();
        refs[u]++;
        if (logging) log.push([0, u]);
        if (refs[u] === 1) enter(u, stack);
      }
    }
    function enter(t, stack) {
      cost = plus(cost, weight(t));
      if (logging) toggle(t);
      entered.push(t);
      req[t].forEach((r, e) => {
        if (typeof r === 'number') {
          if (!known.has(r)) stack.push(r);
          return;
        }
        const f = fixed(r);
        if (f[0] === 'known') metByKnown.push(KEY(t, e));
        else if (f[0] === 'preferred') {
          recordChoice(KEY(t, e), [f[1], false]);
          stack.push(f[1]);
        } else fresh.push(KEY(t, e));
      });
      if (rules.withRecommended) for (const r of rec[t]) if (!known.has(r)) stack.push(r);
    }
    function unlink(t) {
      const stack = [t];
      while (stack.length) {
        const u = stack.pop();
        refs[u]--;
        if (logging) log.push([1, u]);
        if (refs[u] === 0) leave(u, stack);
      }
    }
    function leave(t, stack) {
      cost = minus(cost, weight(t));
      if (logging) toggle(t);
      req[t].forEach((r, e) => {
        if (typeof r === 'number') {
          if (!known.has(r)) stack.push(r);
          return;
        }
        const c = chosen(KEY(t, e));
        if (c !== undefined) {
          setChoice(KEY(t, e), undefined);
          stack.push(c);
        }
      });
      if (rules.withRecommended) for (const r of rec[t]) if (!known.has(r)) stack.push(r);
    }
    function undoTo(m) {
      while (log.length > m.log) {
        const op = log.pop();
        if (op[0] === 0) {
          const u = op[1];
          refs[u]--;
          if (refs[u] === 0) { cost = minus(cost, weight(u)); toggle(u); }
        } else if (op[0] === 1) {
          const u = op[1];
          refs[u]++;
          if (refs[u] === 1) { cost = plus(cost, weight(u)); toggle(u); }
        } else if (op[2]) choice.set(op[1], op[2]);
        else choice.delete(op[1]);
      }
      entered.length = Math.min(entered.length, m.entered);
      fresh.length = Math.min(fresh.length, m.fresh);
      metByKnown.length = Math.min(metByKnown.length, m.metByKnown);
    }

    // The open groups a search would have to decide, sorted; null when more than the rules allow.
    function openGroups() {
      const limit = rules.exactGroups;
      const found = [];
      const stack = [];
      for (const key of fresh) {
        if (!met(key)) {
          found.push(key);
          stack.push(...alternatives(key));
        }
      }
      if (found.length > limit) return null;
      const visited = new Set();
      while (stack.length) {
        const u = stack.pop();
        if (inPlan(u) || known.has(u) || visited.has(u)) continue;
        visited.add(u);
        for (let e = 0; e < req[u].length; e++) {
          const r = req[u][e];
          if (typeof r === 'number') { stack.push(r); continue; }
          const f = fixed(r);
          if (f[0] === 'preferred') stack.push(f[1]);
          else if (f[0] === 'open' && !met(KEY(u, e))) {
            found.push(KEY(u, e));
            if (found.length > limit) return null;
            stack.push(...r);
          }
        }
        if (rules.withRecommended) stack.push(...rec[u]);
      }
      return sortKeys(found);
    }

    // The exact search (see Decider::search): depth first, the unmet open group of the earliest
    // key, its alternatives in the order listed; the first complete plan of least cost wins.
    function search(open) {
      const [root, was] = begin();
      const memo = new Set();
      const best = { found: null };
      const path = [];
      const frames = [];
      let states = 1;
      let complete = true;
      let g = visit(open, memo, best, path);
      if (g !== null) frames.push([g, 0, mark()]);
      while (frames.length) {
        const frame = frames[frames.length - 1];
        const [key, next, m] = frame;
        undoTo(m);
        path.length = frames.length - 1;
        const alts = allowed(key);
        let i = next;
        while (i < alts.length && firstIndex(alts, alts[i]) < i) i++;
        if (i >= alts.length) { frames.pop(); continue; }
        frame[1] = i + 1;
        const a = alts[i];
        setChoice(key, a);
        link(a);
        path.push([key, a]);
        states++;
        if (states > rules.searchStates) { complete = false; break; }
        g = visit(open, memo, best, path);
        if (g !== null) frames.push([g, 0, mark()]);
      }
      undoTo(root);
      end(was);
      return best.found ? [best.found[0], best.found[1], complete] : [ZERO, [], complete];
    }

    function visit(open, memo, best, path) {
      const h = hashKey();
      if (memo.has(h)) return null;
      memo.add(h);
      let first = null;
      let bound = cost;
      const used = [];
      for (const key of open) {
        if (!inPlan(TOPIC(key)) || met(key)) continue;
        if (first === null) first = key;
        const alts = allowed(key);
        if (alts.every((a) => !has(used, a))) {
          let cheapest = null;
          for (const a of alts) if (cheapest === null || less(weight(a), cheapest)) cheapest = weight(a);
          bound = plus(bound, cheapest || ZERO);
          used.push(...alts);
        }
      }
      if (first === null) {
        if (!best.found || less(cost, best.found[0])) best.found = [cost, path.slice()];
        return null;
      }
      return best.found && !less(bound, best.found[0]) ? null : first;
    }

    // Decides every open group waiting in `fresh`, earliest key first (see Decider::settle).
    function settle() {
      const heap = minHeap((k) => k);
      for (;;) {
        for (const k of fresh) heap.push(k);
        fresh.length = 0;
        if (!heap.size()) break;
        const key = heap.pop();
        if (!inPlan(TOPIC(key)) || choice.has(key)) continue;
        const alts = alternatives(key);
        const inside = alts.find(inPlan);
        const pick = inside !== undefined ? inside : cheapest(alts);
        setChoice(key, pick);
        link(pick);
      }
    }

    function cheapest(alts) {
      let best = null;
      for (const a of alts) {
        const c = marginal(a, best && best[0]);
        if (c !== null && (!best || less(c, best[0]))) best = [c, a];
      }
      return best ? best[1] : alts[0];
    }

    function marginal(a, bound) {
      if (!seen) seen = new Uint32Array(n);
      epoch++;
      let c = ZERO;
      const stack = [a];
      while (stack.length) {
        const u = stack.pop();
        if (inPlan(u) || known.has(u) || seen[u] === epoch) continue;
        seen[u] = epoch;
        c = plus(c, weight(u));
        if (bound && less(bound, c)) return null;
        for (const r of req[u]) {
          if (typeof r === 'number') stack.push(r);
          else {
            const f = fixed(r);
            if (f[0] === 'preferred') stack.push(f[1]);
          }
        }
        if (rules.withRecommended) stack.push(...rec[u]);
      }
      return c;
    }

    const openChoices = () => sortKeys([...choice].filter(([, c]) => c[1]).map(([k]) => k));

    function normalize() {
      for (const key of openChoices()) {
        const c = chosen(key);
        if (c === undefined || !inPlan(TOPIC(key))) continue;
        const a = alternatives(key).find(inPlan);
        if (a !== undefined && a !== c) change(key, a);
      }
    }

    function change(key, a) {
      const old = chosen(key);
      setChoice(key, a);
      link(a);
      settle();
      if (old !== undefined) unlink(old);
    }

    function bloc(c, a) {
      const keys = [];
      for (const [u] of dependents[c]) {
        if (!inPlan(u)) continue;
        req[u].forEach((r, e) => {
          const k = KEY(u, e);
          if (typeof r !== 'number' && chosen(k) === c && has(r, a) && isOpenChoice(k)) keys.push(k);
        });
      }
      return sortKeys(keys);
    }

    function moveBloc(keys, c, a) {
      for (const k of keys) {
        setChoice(k, a);
        link(a);
      }
      settle();
      for (let i = 0; i < keys.length; i++) unlink(c);
    }

    // Local improvement (see Decider::improve, whose `changed` this follows exactly).
    function improve() {
      for (;;) {
        let changed = false;
        for (const key of openChoices()) {
          const c = chosen(key);
          if (c === undefined || !inPlan(TOPIC(key))) continue;
          const alts = alternatives(key);
          const at = Math.max(0, alts.indexOf(c));
          for (let i = 0; i < alts.length; i++) {
            const a = alts[i];
            if (a === c || firstIndex(alts, a) < i) continue;
            if (inPlan(a) && i < at) {
              moveBloc([key], c, a);
              changed = true;
              break;
            }
            const keys = bloc(c, a);
            if (refs[c] > keys.length) continue;
            const before = cost;
            const [m, was] = begin();
            moveBloc(keys, c, a);
            changed = less(cost, before);
            if (!changed) undoTo(m);
            end(was);
            if (changed) break;
          }
        }
        if (!changed) break;
      }
    }

    self.decide = function (goals) {
      for (const g of goals) link(g);
      baseFresh = fresh.slice();
      const open = openGroups();
      if (open === null) self.exact = false;
      else if (open.length) {
        const [, path, complete] = search(open);
        for (const [key, a] of path) {
          setChoice(key, a);
          link(a);
        }
        if (!complete) self.exact = false;
      }
      settle();
      if (self.exact) normalize();
      else improve();
      fresh = [];
    };

    self.members = () => entered.filter(inPlan);
    self.chosen = chosen;

    function linkers(key, c) {
      let needer = null;
      const need = (u) => {
        if (!needer || stage[u] < needer[0] || (stage[u] === needer[0] && u < needer[1])) needer = [stage[u], u];
      };
      const followers = [];
      for (const [u, kind] of dependents[c]) {
        if (!inPlan(u)) continue;
        if (kind === REQUIRES) need(u);
        else if (kind === RECOMMENDS) { if (rules.withRecommended) need(u); }
        else {
          req[u].forEach((r, e) => {
            const k = KEY(u, e);
            if (typeof r === 'number' || k === key) return;
            const ch = choice.get(k);
            if (ch && ch[0] === c) {
              if (ch[1]) followers.push(k);
              else need(u);
            }
          });
        }
      }
      return [needer ? needer[1] : null, sortKeys(followers)];
    }

    function costs(key, c, followers) {
      const [m, was] = begin();
      const before = cost;
      for (const k of [key, ...followers]) {
        setChoice(k, undefined);
        unlink(c);
      }
      const base = cost;
      undoTo(m);
      const alts = alternatives(key);
      const out = [];
      alts.forEach((a, i) => {
        const j = firstIndex(alts, a);
        if (j < i) out.push(out[j]);
        else if (a === c) out.push(minus(before, base));
        else if (self.exact) out.push(null);
        else {
          moveBloc([key, ...followers.filter((k) => has(alternatives(k), a))], c, a);
          out.push(minus(cost, base));
          undoTo(m);
        }
      });
      end(was);
      return out;
    }

    function cheapestPlans(decisions, deciders) {
      const total = cost;
      const bases = deciders.map(([at, cs]) => {
        const d = decisions[at];
        const own = alternatives(d.key).indexOf(d.chosen);
        return minus(total, (own >= 0 && cs[own]) || ZERO);
      });
      const [m, was] = begin();
      for (const k of openChoices()) {
        const c = chosen(k);
        if (c !== undefined) {
          setChoice(k, undefined);
          unlink(c);
        }
      }
      rules.exactGroups++;
      deciders.forEach(([at, cs], d) => {
        const key = decisions[at].key;
        const alts = alternatives(key);
        alts.forEach((a, i) => {
          if (cs[i] !== null) return;
          forced = [key, a];
          fresh = baseFresh.slice();
          const open = openGroups();
          const best = open ? search(open)[0] : MAX;
          const c = minus(best, bases[d]);
          alts.forEach((b, j) => { if (b === a) cs[j] = c; });
        });
      });
      rules.exactGroups--;
      forced = null;
      fresh = [];
      undoTo(m);
      end(was);
    }

    // Every group of the plan's topics with its decision explained (see Decider::explain).
    self.explain = function (goals) {
      const keys = sortKeys([...choice.keys(), ...metByKnown].filter((k) => inPlan(TOPIC(k))));
      const decisions = [];
      const deciders = [];
      for (const key of keys) {
        const f = fixed(alternatives(key));
        const decision = (c, reason, neededBy) => ({ key, chosen: c, reason, neededBy, added: [] });
        if (f[0] === 'known') { decisions.push(decision(f[1], 'known', null)); continue; }
        if (f[0] === 'preferred') {
          decisions.push(decision(f[1], has(rules.prefer, f[1]) ? 'preferred' : 'learning', null));
          continue;
        }
        const c = chosen(key);
        if (c === undefined) continue;
        const [needer, followers] = linkers(key, c);
        if (needer !== null || has(goals, c)) decisions.push(decision(c, 'in-plan', needer));
        else if (followers.length && followers[0] < key) decisions.push(decision(c, 'in-plan', TOPIC(followers[0])));
        else {
          deciders.push([decisions.length, costs(key, c, followers)]);
          decisions.push(decision(c, 'cheapest', null));
        }
      }
      if (self.exact && deciders.some(([, cs]) => cs.includes(null))) cheapestPlans(decisions, deciders);
      for (const [at, cs] of deciders) {
        const d = decisions[at];
        const all = cs.map((c) => c || ZERO);
        const alts = alternatives(d.key);
        const ownAt = Math.max(0, alts.indexOf(d.chosen));
        const tied = (i) => alts[i] !== d.chosen && all[i].mh === all[ownAt].mh;
        let reason = 'cheapest';
        for (let i = 0; i < alts.length; i++) {
          if (tied(i)) { reason = i < ownAt ? 'tie' : 'first-listed'; break; }
        }
        d.reason = reason;
        d.added = all.map(costHours);
      }
      return decisions;
    };
    return self;
  }

  // ---------- plan.rs: the plan's steps, in order ----------
  const ABSENT = -1;

  function dependencies(options, members, pos, decider) {
    const known = options.known;
    return members.map((t) => {
      const requires = [];
      req[t].forEach((r, e) => {
        const dep = typeof r === 'number' ? (known.has(r) ? undefined : r) : decider.chosen(KEY(t, e));
        if (dep !== undefined && !has(requires, dep)) requires.push(dep);
      });
      const inPlan = (r) => pos[r] !== ABSENT;
      if (options.withRecommended) requires.push(...rec[t].filter(inPlan).filter((r) => !has(requires, r)));
      return { requires, after: rec[t].filter(inPlan) };
    });
  }

  const before = (d) => d.requires.concat(d.after.filter((a) => !has(d.requires, a)));

  // Kahn's algorithm taking, among the ready topics, the earliest stage, then declaration order.
  function stageOrder(members, deps, pos) {
    const m = members.length;
    const waiting = new Uint32Array(m);
    const users = Array.from({ length: m }, () => []);
    deps.forEach((d, i) => {
      for (const b of before(d)) {
        users[pos[b]].push(i);
        waiting[i]++;
      }
    });
    const ready = minHeap((i) => stage[members[i]] * n + members[i]);
    for (let i = 0; i < m; i++) if (waiting[i] === 0) ready.push(i);
    const order = [];
    while (ready.size()) {
      const i = ready.pop();
      order.push(members[i]);
      for (const u of users[i]) if (--waiting[u] === 0) ready.push(u);
    }
    return order;
  }

  // Post-order depth-first walk from the goals (see plan::depth_order).
  function depthOrder(goals, members, deps, pos) {
    const children = (t) => before(deps[pos[t]]);
    const done = new Uint8Array(members.length);
    const order = [];
    for (const root of goals.concat(members)) {
      if (pos[root] === ABSENT || done[pos[root]]) continue;
      const onStack = new Set([root]);
      const stack = [[root, children(root), 0]];
      while (stack.length) {
        const top = stack[stack.length - 1];
        if (top[2] < top[1].length) {
          const k = top[1][top[2]++];
          if (!done[pos[k]] && !onStack.has(k)) {
            onStack.add(k);
            stack.push([k, children(k), 0]);
          }
        } else {
          stack.pop();
          done[pos[top[0]]] = 1;
          order.push(top[0]);
        }
      }
    }
    return order;
  }

  // The plan toward `goals` (ids), as `roadmap plan --format json` gives it (without the
  // critical path). `options`: known and learning (Sets of ids), prefer (ids), withRecommended,
  // order ('stage' or 'depth'), and explain: false to leave the choices out (they take the most
  // work: the cheapest plan for each alternative).
  function plan(goalIds, options) {
    const toIx = (list) => list.map((id) => ix.get(id)).filter((t) => t !== undefined);
    const known = new Set(toIx([...options.known]));
    const learning = new Set(toIx([...options.learning]));
    const goals = toIx(goalIds);
    const knownGoals = [];
    const wanted = [];
    for (const g of goals) {
      if (known.has(g)) knownGoals.push(g);
      else if (!has(wanted, g)) wanted.push(g);
    }
    const rules = {
      known,
      learning,
      prefer: toIx(options.prefer || []),
      withRecommended: !!options.withRecommended,
      exactGroups: data.limits.exact_groups,
      searchStates: data.limits.search_states,
    };
    const decider = Decider(rules);
    decider.decide(wanted);
    const pos = new Int32Array(n).fill(ABSENT);
    const members = [];
    for (const t of decider.members()) {
      if (pos[t] === ABSENT) {
        pos[t] = members.length;
        members.push(t);
      }
    }
    const deps = dependencies(rules, members, pos, decider);
    const order = options.order === 'depth' ? depthOrder(goals, members, deps, pos) : stageOrder(members, deps, pos);
    let running = 0;
    const steps = order.map((t) => {
      running += hours[t];
      return { id: ids[t], hours: hours[t], requires: deps[pos[t]].requires.map((r) => ids[r]), running_total: roundHours(running) };
    });
    const choices = options.explain === false ? [] : decider.explain(wanted).map((d) => ({
      topic: ids[TOPIC(d.key)],
      one_of: alternatives(d.key).map((a) => ids[a]),
      chosen: ids[d.chosen],
      reason: d.reason,
      needed_by: d.neededBy === null ? null : ids[d.neededBy],
      added_hours: d.added.length ? d.added : null,
    }));
    return {
      goals: goals.map((g) => ids[g]),
      known_goals: knownGoals.map((g) => ids[g]),
      steps,
      choices,
      choices_exact: decider.exact,
      total_hours: roundHours(running),
    };
  }
  const alternatives = (key) => req[TOPIC(key)][ENTRY_OF(key)];

  // Calendar weeks at `perWeek` hours (see plan::schedule): each step's first and last week,
  // and the weeks in all.
  function schedule(steps, perWeek) {
    const U32 = 4294967295;
    const weekOfEnd = (h) => Math.min(U32, Math.max(1, Math.ceil(roundHours(h) / perWeek)));
    let before = 0;
    const weeks = steps.map((s) => {
      const after = s.running_total;
      let span;
      // A step that moves the total by less than the rounding (or not at all) takes no time.
      if (roundHours(after) > roundHours(before)) {
        const start = Math.min(U32, Math.floor(roundHours(before) / perWeek) + 1);
        span = [start, Math.max(weekOfEnd(after), start)];
      } else {
        const w = weekOfEnd(before);
        span = [w, w];
      }
      before = after;
      return span;
    });
    return { weeks, total: before > 0 ? weekOfEnd(before) : 0 };
  }

  // Topics of `scope` (a Set of ids; every topic when null) not known and with every requirement
  // met, ranked by how many topics of the scope they transitively unlock, then stage order (see
  // query::next, which walks from each ready topic).
  //
  // The same counts in one sweep of the graph instead of a walk per ready topic (ready × topics:
  // 10 s at 100,000 topics): each topic carries the set of ready topics that reach it, as bits,
  // gathered from what it requires in an order where requirements come first; then every topic
  // of the scope not known adds one to each ready topic in its set. Sets of at most `wordsPerPass`
  // × 32 ready topics at a time, so memory stays under a few tens of megabytes.
  let unlockStart = null;
  let unlockList = null;
  let topoOrder = null;
  // What each topic unlocks (requirements and alternatives, not recommendations), flat; and the
  // topics in an order where each comes after everything that unlocks it (null with a cycle).
  function unlockGraph() {
    if (unlockStart) return;
    unlockStart = new Uint32Array(n + 1);
    const list = [];
    for (let t = 0; t < n; t++) {
      for (const [u, kind] of dependents[t]) if (kind !== RECOMMENDS) list.push(u);
      unlockStart[t + 1] = list.length;
    }
    unlockList = Uint32Array.from(list);
    const waiting = new Uint32Array(n);
    for (const u of unlockList) waiting[u]++;
    const order = new Uint32Array(n);
    let end = 0;
    for (let t = 0; t < n; t++) if (waiting[t] === 0) order[end++] = t;
    for (let k = 0; k < end; k++) {
      const v = order[k];
      for (let e = unlockStart[v]; e < unlockStart[v + 1]; e++) if (--waiting[unlockList[e]] === 0) order[end++] = unlockList[e];
    }
    topoOrder = end === n ? order : null;
  }

  // How many counted topics each of `ready` reaches, by walking from each (any graph).
  function unlocksByWalk(ready, counted) {
    const seen = new Uint32Array(n);
    return ready.map((t, k) => {
      const epoch = k + 1;
      seen[t] = epoch;
      const stack = [t];
      let unlocks = 0;
      while (stack.length) {
        const v = stack.pop();
        for (let e = unlockStart[v]; e < unlockStart[v + 1]; e++) {
          const u = unlockList[e];
          if (seen[u] === epoch) continue;
          seen[u] = epoch;
          stack.push(u);
          if (counted[u]) unlocks++;
        }
      }
      return unlocks;
    });
  }

  // The same counts in one sweep per pass of up to 32 × `wordsPerPass` ready topics (an acyclic
  // graph: a topic is never among what it unlocks).
  function unlocksBySweep(ready, counted, wordsPerPass) {
    const counts = new Float64Array(ready.length);
    const words = Math.max(1, Math.min(wordsPerPass, Math.ceil(ready.length / 32)));
    const bits = new Int32Array(n * words);
    const reached = new Uint8Array(n);
    for (let first = 0; first < ready.length; first += 32 * words) {
      const last = Math.min(ready.length, first + 32 * words);
      bits.fill(0);
      reached.fill(0);
      for (let k = first; k < last; k++) {
        const t = ready[k];
        bits[t * words + ((k - first) >> 5)] |= 1 << ((k - first) & 31);
        reached[t] = 1;
      }
      for (let o = 0; o < n; o++) {
        const v = topoOrder[o];
        if (!reached[v]) continue;
        const from = v * words;
        if (counted[v]) {
          for (let w = 0; w < words; w++) {
            let x = bits[from + w];
            while (x) {
              const low = x & -x;
              counts[first + 32 * w + 31 - Math.clz32(low)]++;
              x ^= low;
            }
          }
        }
        for (let e = unlockStart[v]; e < unlockStart[v + 1]; e++) {
          const u = unlockList[e];
          reached[u] = 1;
          const to = u * words;
          for (let w = 0; w < words; w++) bits[to + w] |= bits[from + w];
        }
      }
    }
    // Each ready topic counted itself (it is in the scope and not known): it does not unlock itself.
    return Array.from(counts, (c) => c - 1);
  }

  // `wordsPerPass` (optional, for tests): how many 32-topic words of ready topics a sweep holds.
  function next(knownIds, scopeIds, wordsPerPass) {
    const known = new Uint8Array(n);
    for (const id of knownIds) if (ix.has(id)) known[ix.get(id)] = 1;
    const scope = scopeIds ? new Uint8Array(n) : null;
    if (scope) for (const id of scopeIds) if (ix.has(id)) scope[ix.get(id)] = 1;
    unlockGraph();
    const counted = new Uint8Array(n);
    const ready = [];
    for (let t = 0; t < n; t++) {
      if ((scope && !scope[t]) || known[t]) continue;
      counted[t] = 1;
      if (req[t].every((r) => (typeof r === 'number' ? known[r] : r.some((a) => known[a])))) ready.push(t);
    }
    const perPass = wordsPerPass || Math.max(1, Math.floor(8388608 / n));
    const unlocks = topoOrder ? unlocksBySweep(ready, counted, perPass) : unlocksByWalk(ready, counted);
    const ranked = ready.map((t, k) => ({ t, unlocks: unlocks[k] }));
    ranked.sort((a, b) => b.unlocks - a.unlocks || stage[a.t] - stage[b.t] || a.t - b.t);
    return ranked.map((r) => ({ id: ids[r.t], unlocks: r.unlocks }));
  }

  return { plan, schedule, next, roundHours };
}
