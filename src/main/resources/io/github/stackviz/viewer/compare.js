/*
 * StackViz report viewer: what changed between two runs (#compare=A,B), flaky tests, and a test's status in every
 * run of its source. Runs are compared by test name from the run files the report already loads (run-K.js, and
 * prev-K.js for a previous export's runs): one pass over each run, a Map lookup per test.
 */
(function () {
  'use strict';

  var SV = window.StackViz;
  var h = SV.h;
  /** A duration change counts when it at least doubles (or halves) and is at least this many seconds. */
  var MIN_DELTA = 0.1;

  var KINDS = [
    { kind: 'new-failure', title: 'New failures', why: 'Failed in B, did not fail in A.' },
    { kind: 'fixed', title: 'Fixed', why: 'Failed in A, passed in B.' },
    { kind: 'still-failing', title: 'Still failing', why: 'Failed in A and in B.' },
    { kind: 'added', title: 'Added', why: 'Only in B.' },
    { kind: 'removed', title: 'Removed', why: 'Only in A.' },
    { kind: 'slower', title: 'Slower', why: 'At least twice as long in B, and at least 100 ms longer.' },
    { kind: 'faster', title: 'Faster', why: 'At most half as long in B, and at least 100 ms shorter.' },
    { kind: 'changed', title: 'Other status changes', why: 'Any other change of status (for example success → skip, fail → skip).' }
  ];
  SV.CHANGE_KINDS = KINDS.map(function (k) { return k.kind; });

  // ------------------------------------------------------------------ sources and history

  /** The source of run k: its config name without the " (i)" a repository's runs carry. */
  SV.sourceOf = function (k) {
    var e = SV.entry(k);
    var name = e && typeof e.name === 'string' ? e.name : '';
    return name.replace(/ \(\d+\)$/, '');
  };

  function startOf(k) {
    var e = SV.entry(k);
    return e && e.stats && typeof e.stats === 'object' ? SV.isoToMicros(e.stats.start) : null;
  }

  /**
   * Every run of `source`, oldest first: the previous export's runs of it (those older than this export's first
   * run of it: a repository kept between builds holds them again), then this export's.
   */
  SV.history = function (source) {
    var current = [];
    SV.index().entries.forEach(function (e, i) { if (SV.sourceOf(i) === source) current.push(i); });
    var first = current.length ? startOf(current[0]) : null;
    var prev = [];
    SV.previousRuns().forEach(function (e, n) {
      var id = 'p' + n;
      if (SV.sourceOf(id) !== source) return;
      var s = startOf(id);
      if (first !== null && s !== null && s >= first) return;
      prev.push(id);
    });
    return prev.concat(current);
  };

  /** The run that run k is compared with by default: the one before it in its source's history, or null. */
  SV.predecessor = function (k) {
    var hist = SV.history(SV.sourceOf(k));
    var i = hist.indexOf(k);
    return i > 0 ? hist[i - 1] : null;
  };

  SV.compareHash = function (a, b) { return '#compare=' + a + ',' + b; };

  // ------------------------------------------------------------------ the comparison

  function change(ta, tb) {
    var fa = SV.isFailure(ta.status), fb = SV.isFailure(tb.status);
    if (fa && fb) return 'still-failing';
    if (fb) return 'new-failure';
    if (fa) return tb.status === 'success' ? 'fixed' : 'changed';
    if (ta.status !== tb.status) return 'changed';
    if (ta.dur !== null && tb.dur !== null) {
      if (tb.dur >= 2 * ta.dur && tb.dur - ta.dur >= MIN_DELTA) return 'slower';
      if (2 * tb.dur <= ta.dur && ta.dur - tb.dur >= MIN_DELTA) return 'faster';
    }
    return null;
  }

  /**
   * Run models a (before) and b (after) -> {kind: [[index in a or -1, index in b or -1], ...]}. A name recorded
   * twice in a run counts once, by its last record (as the run's byName has it).
   */
  SV.compareRuns = function (a, b) {
    var out = {};
    KINDS.forEach(function (k) { out[k.kind] = []; });
    var i, t, j;
    for (i = 0; i < b.tests.length; i++) {
      t = b.tests[i];
      if (b.byName.get(t.name) !== i) continue;
      j = a.byName.get(t.name);
      if (j === undefined) { out.added.push([-1, i]); continue; }
      var kind = change(a.tests[j], t);
      if (kind) out[kind].push([j, i]);
    }
    for (j = 0; j < a.tests.length; j++) {
      t = a.tests[j];
      if (a.byName.get(t.name) === j && !b.byName.has(t.name)) out.removed.push([j, -1]);
    }
    return out;
  };

  /**
   * The flaky tests among run models `runs` (one source's, oldest first): with three runs or more, a test that went
   * both from success to a failure and from a failure to success (runs where it was skipped or absent do not
   * break the sequence); and, with any number of runs, a test that has a record tagged `flaky` (a rerun).
   * Returns a Set of names.
   */
  SV.flakyIn = function (runs) {
    var flaky = new Set();
    var state = new Map(); // name -> bits: 1 last failed, 2 last passed, 4 went success -> fail, 8 fail -> success
    var sequence = runs.length >= 3;
    runs.forEach(function (run) {
      var tests = run.tests;
      for (var i = 0; i < tests.length; i++) {
        var t = tests[i];
        if (t.tags.length && t.tags.indexOf('flaky') >= 0) flaky.add(t.name);
        if (!sequence || run.byName.get(t.name) !== i) continue;
        var pass = t.status === 'success', failed = SV.isFailure(t.status);
        if (!pass && !failed) continue;
        var s = state.get(t.name) || 0;
        if (failed && (s & 2)) s |= 4;
        if (pass && (s & 1)) s |= 8;
        s = (s & 12) | (failed ? 1 : 2);
        if ((s & 12) === 12) flaky.add(t.name);
        state.set(t.name, s);
      }
    });
    return flaky;
  };

  // ------------------------------------------------------------------ the view

  function runOptions(selected) {
    var opts = [];
    SV.index().entries.forEach(function (e, i) { opts.push(h('option', { value: String(i) }, SV.runLabel(i))); });
    SV.previousRuns().forEach(function (e, n) { opts.push(h('option', { value: 'p' + n }, SV.runLabel('p' + n))); });
    var sel = h('select', null, opts);
    if (selected !== null) sel.value = String(selected);
    return sel;
  }

  function pickers(a, b) {
    var sa = runOptions(a), sb = runOptions(b);
    sa.id = 'compare-a';
    sb.id = 'compare-b';
    sa.setAttribute('aria-label', 'Run A (before)');
    sb.setAttribute('aria-label', 'Run B (after)');
    return h('div', { className: 'compare-pick' },
      h('label', null, 'A (before) ', sa), h('label', null, 'B (after) ', sb),
      h('button', { type: 'button', id: 'compare-go', onclick: function () {
        location.hash = SV.compareHash(sa.value, sb.value);
      } }, 'Compare'));
  }

  function byName(run) {
    return function (x, y) {
      var p = run.tests[x].name, q = run.tests[y].name;
      return p < q ? -1 : p > q ? 1 : 0;
    };
  }

  /** The history strip: one cell per run, coloured by the test's status there. */
  function strip(models, ids, name) {
    return h('span', { className: 'hist-strip' }, ids.map(function (id, n) {
      var run = models[n];
      var i = run.byName.get(name);
      var status = i === undefined ? null : run.tests[i].status;
      return h('span', { className: 'hist-cell ' + (status === null ? 'is-absent' : SV.status(status).cls),
        title: SV.runLabel(id) + ': ' + (status === null ? 'not in this run' : status),
        dataset: { run: String(id), status: status === null ? '' : status } });
    }));
  }

  /** Renders #compare=A,B into section; resolves when the lists are shown. */
  SV.renderCompare = function (section, param) {
    SV.clear(section);
    var parts = String(param || '').split(',');
    var a = SV.runId(parts[0]), b = SV.runId(parts.length > 1 ? parts[1] : '');
    section.appendChild(h('h1', null, 'What changed'));
    section.appendChild(pickers(a, b));
    if (a === null || b === null) {
      section.appendChild(h('p', { className: 'muted', id: 'compare-none' }, parts[0] || parts[1]
        ? 'There is no such run to compare: choose two runs above.' : 'Choose two runs above: A before, B after.'));
      return Promise.resolve();
    }
    section.appendChild(h('p', { className: 'compare-title', id: 'compare-title' },
      h('span', { className: 'muted' }, 'A '), SV.runLabel(a), h('span', { className: 'muted' }, ' → B '), SV.runLabel(b)));
    var body = h('div', { id: 'compare-body' }, h('p', { className: 'muted' }, 'Loading the runs…'));
    section.appendChild(body);
    var started = performance.now();
    var hists = [SV.history(SV.sourceOf(b))];
    if (SV.sourceOf(a) !== SV.sourceOf(b)) hists.push(SV.history(SV.sourceOf(a)));
    var others = [];
    hists.forEach(function (hist) {
      hist.forEach(function (id) { if (id !== a && id !== b && others.indexOf(id) < 0) others.push(id); });
    });
    var metrics = { tests: 0, runs: 2 + others.length, history: 0 };
    // A and B first: their changes are shown while the source's other runs load for the flaky tests
    return Promise.all([SV.getRun(a), SV.getRun(b)]).then(function (pair) {
      var ra = pair[0], rb = pair[1];
      metrics.tests = ra.tests.length + rb.tests.length;
      metrics.load = performance.now() - started;
      var t = performance.now();
      var changes = SV.compareRuns(ra, rb);
      var flaky = SV.flakyIn([ra, rb]);
      metrics.compare = performance.now() - t;
      t = performance.now();
      SV.clear(body);
      var chips = h('div', { className: 'compare-counts', id: 'compare-counts' });
      body.appendChild(chips);
      var marked = []; // [row, name] of the rows shown, marked once the flaky tests are known
      KINDS.forEach(function (k) {
        var items = changes[k.kind];
        if (k.kind === 'slower' || k.kind === 'faster') {
          items.sort(function (x, y) {
            return Math.abs(rb.tests[y[1]].dur - ra.tests[y[0]].dur) - Math.abs(rb.tests[x[1]].dur - ra.tests[x[0]].dur);
          });
        } else {
          var cmpA = byName(ra), cmpB = byName(rb);
          items.sort(function (x, y) { return x[1] >= 0 ? cmpB(x[1], y[1]) : cmpA(x[0], y[0]); });
        }
        var kindBox = h('section', { className: 'compare-kind', id: 'compare-' + k.kind, dataset: { kind: k.kind } });
        chips.appendChild(h('button', { type: 'button', className: 'compare-chip' + (items.length ? '' : ' is-zero'),
          dataset: { kind: k.kind, count: items.length }, onclick: function () { kindBox.scrollIntoView(); } },
        k.title + ' ', h('span', { className: 'count-n' }, SV.fmtCount(items.length))));
        kindBox.appendChild(h('h2', null, k.title + ' (' + SV.fmtCount(items.length) + ')'));
        kindBox.appendChild(h('p', { className: 'muted' }, k.why));
        var nav = { label: k.title.toLowerCase() };
        nav.k = k.kind === 'removed' ? a : b;
        nav.names = items.map(function (x) { return x[1] >= 0 ? rb.tests[x[1]].name : ra.tests[x[0]].name; });
        kindBox.appendChild(SV.limited(items, function (rows) {
          return h('table', { className: 'grid compare-list' },
            h('thead', null, h('tr', null, h('th', null, 'test'), h('th', null, 'A'), h('th', null, 'B'),
              h('th', { className: 'num' }, 'A duration'), h('th', { className: 'num' }, 'B duration'))),
            h('tbody', null, rows.map(function (x) {
              var ta = x[0] >= 0 ? ra.tests[x[0]] : null, tb = x[1] >= 0 ? rb.tests[x[1]] : null;
              var test = tb || ta;
              var row = h('tr', { dataset: { change: k.kind } },
                h('td', { className: 'name' }, h('a', { href: SV.testHash(tb ? b : a, test.name), className: 'test-link',
                  onclick: function () { SV.nav = nav; } }, test.name || '(no name)')),
                h('td', null, ta ? SV.badge(ta.status) : h('span', { className: 'muted' }, '—')),
                h('td', null, tb ? SV.badge(tb.status) : h('span', { className: 'muted' }, '—')),
                h('td', { className: 'num' }, ta ? SV.fmtSeconds(ta.dur) : ''),
                h('td', { className: 'num' }, tb ? SV.fmtSeconds(tb.dur) : ''));
              marked.push([row, test.name]);
              markFlaky(row, test.name, flaky);
              return row;
            })));
        }, 'None.'));
        body.appendChild(kindBox);
      });
      var flakyChip = h('button', { type: 'button', className: 'compare-chip is-zero', dataset: { kind: 'flaky', count: 0 } },
        'Flaky ', h('span', { className: 'count-n' }, '…'));
      chips.appendChild(flakyChip);
      var fsection = h('section', { className: 'compare-kind', id: 'compare-flaky' }, h('h2', null, 'Flaky'),
        h('p', { className: 'muted' }, others.length ? 'Loading the other runs of ' + SV.sourceOf(b) + '…' : ''));
      flakyChip.addEventListener('click', function () { fsection.scrollIntoView(); });
      body.appendChild(fsection);
      metrics.render = performance.now() - t;
      t = performance.now();
      return Promise.all(others.map(SV.getRun)).then(function (models) {
        var model = new Map([[a, ra], [b, rb]]);
        others.forEach(function (id, n) { model.set(id, models[n]); });
        hists.forEach(function (hist) {
          SV.flakyIn(hist.map(function (id) { return model.get(id); })).forEach(function (n) { flaky.add(n); });
        });
        marked.forEach(function (m) { markFlaky(m[0], m[1], flaky); });
        renderFlaky(fsection, flakyChip, flaky, hists[0].map(function (id) { return model.get(id); }), hists[0], a, b, ra, rb);
        metrics.history = performance.now() - t;
        metrics.total = performance.now() - started;
        SV.metrics.compare = metrics;
      });
    });
  };

  /** Marks a listed test's row as flaky (once) when it is. */
  function markFlaky(row, name, flaky) {
    if (!flaky.has(name) || row.dataset.flaky) return;
    row.dataset.flaky = 'true';
    row.firstChild.appendChild(h('span', { className: 'flaky-chip', title: 'flaky: see the list of flaky tests' }, 'flaky'));
  }

  /** The latest of runs `ids` (models `models`) that has test `name`, else `otherwise`. */
  function latestWith(models, ids, name, otherwise) {
    for (var n = ids.length - 1; n >= 0; n--) if (models[n].byName.has(name)) return ids[n];
    return otherwise;
  }

  /** The list of flaky tests, each with its status in every run of B's source (`ids`, their models `models`). */
  function renderFlaky(fsection, chip, flaky, models, ids, a, b, ra, rb) {
    var names = Array.from(flaky).sort();
    SV.clear(fsection);
    chip.dataset.count = String(names.length);
    chip.classList.toggle('is-zero', !names.length);
    chip.lastChild.textContent = SV.fmtCount(names.length);
    fsection.appendChild(h('h2', null, 'Flaky (' + SV.fmtCount(names.length) + ')'));
    fsection.appendChild(h('p', { className: 'muted' }, 'Went from success to failure and back across the runs of ' +
      SV.sourceOf(b) + ' (three runs or more), or has a record tagged "flaky" (a rerun). Each cell is a run, oldest first.'));
    fsection.appendChild(SV.limited(names, function (rows) {
      return h('table', { className: 'grid compare-list flaky-list' },
        h('thead', null, h('tr', null, h('th', null, 'test'), h('th', null, 'status in each run'))),
        h('tbody', null, rows.map(function (name) {
          var at = rb.byName.has(name) ? b : ra.byName.has(name) ? a : latestWith(models, ids, name, b);
          return h('tr', { dataset: { flaky: 'true' } },
            h('td', { className: 'name' }, h('a', { href: SV.testHash(at, name), className: 'test-link' }, name || '(no name)')),
            h('td', null, strip(models, ids, name)));
        })));
    }, 'None.'));
  }

  // ------------------------------------------------------------------ the Runs page and the test page

  /** [[before, after], ...]: each source's latest run with the run before it, in config order. */
  SV.defaultPairs = function () {
    var seen = new Set();
    var pairs = [];
    for (var i = SV.index().entries.length - 1; i >= 0; i--) {
      var source = SV.sourceOf(i);
      if (seen.has(source)) continue;
      seen.add(source);
      var p = SV.predecessor(i);
      if (p !== null) pairs.unshift([p, i]);
    }
    return pairs;
  };

  /** The default comparisons (each source's latest run with the run before it), and the previous export; or null. */
  SV.compareLinks = function () {
    var idx = SV.index();
    var pairs = SV.defaultPairs();
    var prev = idx.previous && typeof idx.previous === 'object' ? idx.previous : null;
    if (!pairs.length && !prev) return null;
    var box = h('div', { className: 'compare-box', id: 'compare-links' }, h('h2', null, 'What changed'));
    if (prev) {
      var n = SV.previousRuns().length;
      box.appendChild(h('p', { className: 'muted', id: 'previous-export' }, 'Previous export' +
        (typeof prev.folder === 'string' ? ' (' + prev.folder + ')' : '') + ': ' + n + (n === 1 ? ' run' : ' runs') +
        ' to compare with.'));
      (Array.isArray(prev.problems) ? prev.problems : []).forEach(function (problem) {
        if (typeof problem === 'string') box.appendChild(h('p', { className: 'note previous-problem' }, 'Previous export: ' + problem));
      });
    }
    if (pairs.length) {
      box.appendChild(h('ul', { className: 'compare-pairs' }, pairs.map(function (pair) {
        return h('li', null, h('a', { href: SV.compareHash(pair[0], pair[1]), className: 'compare-link',
          dataset: { a: String(pair[0]), b: String(pair[1]) } }, SV.runLabel(pair[0]) + ' → ' + SV.runLabel(pair[1])));
      })));
    } else {
      box.appendChild(h('p', { className: 'muted' }, 'No run has an earlier run of the same source to compare with.'));
    }
    return box;
  };

  /**
   * Fills box with test `name`'s status in every run of run k's source (when it has more than one), and says
   * whether it is flaky there. Sets box.dataset.state to 'done' when finished.
   */
  SV.renderHistory = function (box, k, name) {
    var hist = SV.history(SV.sourceOf(k));
    if (hist.length < 2) { box.hidden = true; box.dataset.state = 'done'; return Promise.resolve(); }
    box.appendChild(h('p', { className: 'muted' }, 'Loading the other runs…'));
    return Promise.all(hist.map(SV.getRun)).then(function (models) {
      SV.clear(box);
      var flaky = SV.flakyIn(models).has(name);
      box.appendChild(h('h2', null, 'In every run of ' + SV.sourceOf(k),
        flaky ? h('span', { className: 'flaky-chip', id: 'test-flaky' }, 'flaky') : null));
      box.appendChild(strip(models, hist, name));
      box.appendChild(h('table', { className: 'grid history' },
        h('thead', null, h('tr', null, h('th', null, 'run'), h('th', null, 'status'), h('th', { className: 'num' }, 'duration'))),
        h('tbody', null, hist.map(function (id, n) {
          var run = models[n];
          var i = run.byName.get(name);
          var t = i === undefined ? null : run.tests[i];
          return h('tr', { className: id === k ? 'is-selected' : '', dataset: { run: String(id), status: t ? t.status : '' } },
            h('td', null, t && id !== k ? h('a', { href: SV.testHash(id, name) }, SV.runLabel(id)) : SV.runLabel(id)),
            h('td', null, t ? SV.badge(t.status) : h('span', { className: 'muted' }, 'not in this run')),
            h('td', { className: 'num' }, t ? SV.fmtSeconds(t.dur) : ''));
        }))));
      box.dataset.state = 'done';
    }, function (err) {
      SV.clear(box);
      box.appendChild(h('p', { className: 'note' }, 'The other runs could not be loaded: ' + err.message));
      box.dataset.state = 'done';
    });
  };
})();
