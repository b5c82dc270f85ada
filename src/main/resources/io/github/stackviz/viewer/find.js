/*
 * StackViz report viewer: Find. Filter tests by name substring and status, in one run or in all of them;
 * failures first. The result list is virtual: only the rows on screen exist.
 */
(function () {
  'use strict';

  var SV = window.StackViz;
  var h = SV.h;
  var ROW = 28;

  var state = { q: '', statuses: null, scope: 'run' };
  var lowerNames = new Map(); // run k -> [lowercased names]

  function lower(run) {
    var l = lowerNames.get(run.k);
    if (!l) { l = run.tests.map(function (t) { return t.name.toLowerCase(); }); lowerNames.set(run.k, l); }
    return l;
  }

  /** Renders Find for run k. params: optional {q, status, scope} from the location. */
  SV.renderFind = function (section, k, params) {
    if (params && params.q !== undefined) state.q = params.q;
    if (params && params.status !== undefined) {
      state.statuses = new Set(params.status.split(',').filter(Boolean));
      if (params.q === undefined) state.q = ''; // a link to "all failures" means all of them
    }
    if (params && (params.scope === 'all' || params.scope === 'run')) state.scope = params.scope;
    SV.clear(section);
    var idx = SV.index();
    section.appendChild(h('h1', null, 'Find tests'));
    if (!idx.entries.length) {
      section.appendChild(h('p', { className: 'muted' }, 'This export holds no test runs.'));
      return Promise.resolve();
    }
    var input = h('input', { type: 'search', id: 'find-q', placeholder: 'name contains…', value: state.q, spellcheck: false, autocomplete: 'off',
      aria: { label: 'Test name contains' } });
    var scope = h('select', { id: 'find-scope', aria: { label: 'Where to look' } },
      h('option', { value: 'run' }, 'in this run'),
      h('option', { value: 'all' }, 'in all ' + idx.entries.length + ' runs'));
    scope.value = state.scope;
    var statusBox = h('div', { className: 'status-filter', id: 'find-status', role: 'group', aria: { label: 'Statuses' } });
    var summary = h('p', { className: 'find-summary', id: 'find-summary', role: 'status' }, 'Loading…');
    var list = h('div', { className: 'vlist', id: 'find-results', tabIndex: 0, role: 'list' });
    var spacer = h('div', { className: 'vlist-spacer' });
    list.appendChild(spacer);
    section.appendChild(h('div', { className: 'find-bar' }, input, scope, statusBox));
    section.appendChild(summary);
    section.appendChild(list);

    var runsLoaded = [];
    var results = [];
    var rendered = new Map();

    function load() {
      var ks = state.scope === 'all' ? idx.entries.map(function (e, i) { return i; }) : [k];
      return Promise.all(ks.map(function (i) {
        return SV.getRun(i).catch(function () { return null; });
      })).then(function (rs) { runsLoaded = rs.filter(Boolean); });
    }

    function buildStatusBoxes() {
      SV.clear(statusBox);
      var present = new Map();
      runsLoaded.forEach(function (run) {
        run.counts.forEach(function (n, s) { present.set(s, (present.get(s) || 0) + n); });
      });
      var keys = Array.from(present.keys()).sort(function (a, b) { return SV.status(a).order - SV.status(b).order || (a < b ? -1 : 1); });
      keys.forEach(function (s) {
        var box = h('input', { type: 'checkbox', checked: !state.statuses || state.statuses.has(s), dataset: { status: s } });
        box.addEventListener('change', function () {
          var on = new Set();
          statusBox.querySelectorAll('input').forEach(function (b) { if (b.checked) on.add(b.dataset.status); });
          state.statuses = on.size === keys.length ? null : on;
          filter();
        });
        statusBox.appendChild(h('label', { className: 'status-check' }, box, SV.badge(s), ' ' + SV.fmtCount(present.get(s))));
      });
    }

    function filter() {
      var q = state.q.toLowerCase();
      results = [];
      runsLoaded.forEach(function (run) {
        var names = lower(run);
        for (var i = 0; i < run.tests.length; i++) {
          var t = run.tests[i];
          if (state.statuses && !state.statuses.has(t.status)) continue;
          if (q && names[i].indexOf(q) < 0) continue;
          results.push({ run: run, t: t });
        }
      });
      results.sort(function (a, b) {
        return SV.status(a.t.status).order - SV.status(b.t.status).order || a.run.k - b.run.k || a.t.i - b.t.i;
      });
      var total = runsLoaded.reduce(function (n, r) { return n + r.tests.length; }, 0);
      summary.textContent = SV.fmtCount(results.length) + ' of ' + SV.fmtCount(total) + ' tests' +
        (state.scope === 'all' ? ' in ' + runsLoaded.length + ' runs' : '') + (results.length ? ' — failures first' : '');
      list.dataset.count = String(results.length);
      spacer.style.height = (results.length * ROW) + 'px';
      rendered.forEach(function (row) { row.remove(); });
      rendered.clear();
      list.scrollTop = 0;
      paint();
    }

    function navFor(i) {
      // prev/next in the test view walk these results, within the same run
      var r = results[i];
      return { k: r.run.k, indices: results.filter(function (x) { return x.run === r.run; }).map(function (x) { return x.t.i; }), label: 'Find results' };
    }

    function row(i) {
      var r = results[i];
      var q = state.q;
      var name = h('span', { className: 'name' });
      var n = r.t.name || '(no name)';
      var at = q ? n.toLowerCase().indexOf(q.toLowerCase()) : -1;
      if (at >= 0) SV.append(name, [n.slice(0, at), h('mark', null, n.slice(at, at + q.length)), n.slice(at + q.length)]);
      else name.textContent = n;
      var el = h('a', { className: 'vrow', href: SV.testHash(r.run.k, r.t.name), role: 'listitem', onclick: function () { SV.nav = navFor(i); } },
        SV.badge(r.t.status), name,
        state.scope === 'all' ? h('span', { className: 'run-name' }, SV.runLabel(r.run.k)) : null,
        h('span', { className: 'dur' }, SV.fmtSeconds(r.t.dur)));
      el.style.top = (i * ROW) + 'px';
      return el;
    }

    var paint = SV.frame(function () {
      var top = list.scrollTop;
      var from = Math.max(0, Math.floor(top / ROW) - 10);
      var to = Math.min(results.length, Math.ceil((top + list.clientHeight) / ROW) + 10);
      rendered.forEach(function (el, i) {
        if (i < from || i >= to) { el.remove(); rendered.delete(i); }
      });
      for (var i = from; i < to; i++) {
        if (!rendered.has(i)) { var el = row(i); rendered.set(i, el); list.appendChild(el); }
      }
    });
    list.addEventListener('scroll', paint);
    SV.onResize(list, paint);

    var timer = 0;
    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(function () { state.q = input.value; filter(); }, 120);
    });
    input.addEventListener('keydown', function (ev) {
      if (ev.key === 'Enter' && results.length) { SV.nav = navFor(0); location.hash = SV.testHash(results[0].run.k, results[0].t.name); }
    });
    scope.addEventListener('change', function () {
      state.scope = scope.value;
      summary.textContent = 'Loading…';
      load().then(function () { buildStatusBoxes(); filter(); });
    });

    return load().then(function () {
      buildStatusBoxes();
      filter();
      input.focus();
    });
  };
})();
