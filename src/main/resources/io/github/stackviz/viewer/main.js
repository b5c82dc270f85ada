/*
 * StackViz report viewer: start-up and routing. The location hash holds the state:
 *   #run=0&view=summary|timeline|find   a view of run 0
 *   #run=0&test=<name>[&i=<record>]     one test (a deep link); run=p0 for a previous export's run
 *   #compare=A,B                          what changed from run A to run B (0, 1, ... or p0, p1, ...)
 */
(function () {
  'use strict';

  var SV = window.StackViz;
  var h = SV.h;
  var VIEWS = ['summary', 'timeline', 'find', 'test', 'compare'];
  var sections = {};
  var statusLine;
  var select;
  var timeline = null, machine = null, timelineRun = -1;

  function byId(id) { return document.getElementById(id); }

  function fail(message) {
    VIEWS.forEach(function (v) { sections[v].hidden = true; });
    byId('view-error').hidden = false;
    byId('error-text').textContent = message;
    statusLine.textContent = 'Error';
    document.body.classList.remove('is-loading');
    document.documentElement.dataset.state = 'error';
  }

  function boot() {
    statusLine = byId('status-line');
    select = byId('run-select');
    VIEWS.forEach(function (v) { sections[v] = byId('view-' + v); });
    var idx = SV.index();
    if (!idx || !Array.isArray(idx.entries)) {
      fail('The report data (viewer-data/index.js) is missing or damaged. Write the report again.');
      return;
    }
    if (!Array.isArray(idx.dstat)) idx.dstat = [];
    idx.entries.forEach(function (e, i) {
      select.appendChild(h('option', { value: String(i) }, SV.runLabel(i)));
    });
    select.disabled = idx.entries.length <= 1;
    if (!idx.entries.length) select.appendChild(h('option', { value: '' }, 'no runs'));
    select.addEventListener('change', function () {
      var p = SV.parseHash(location.hash);
      var view = p.test !== undefined ? 'summary' : (p.view || 'summary');
      location.hash = SV.hash({ run: select.value, view: view });
    });
    document.addEventListener('keydown', function (ev) {
      if (ev.defaultPrevented || ev.altKey || ev.ctrlKey || ev.metaKey) return;
      var tag = ev.target && ev.target.tagName;
      if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || (ev.target && ev.target.isContentEditable)) return;
      if (!sections.test.hidden && (ev.key === 'ArrowLeft' || ev.key === 'ArrowRight')) {
        ev.preventDefault();
        SV.testNeighbour(ev.key === 'ArrowLeft' ? -1 : 1);
      }
    });
    window.addEventListener('hashchange', route);
    route();
  }

  /** The run shown: run= (a previous export's run only on a test's page), for a comparison its B run, else 0. */
  function currentRun(p, view) {
    if (view === 'compare') {
      var pair = String(p.compare).split(',');
      var b = SV.runId(pair[1]), a = SV.runId(pair[0]);
      return typeof b === 'number' ? b : typeof a === 'number' ? a : 0;
    }
    var k = SV.runId(p.run);
    return k === null || (SV.isPrev(k) && view !== 'test') ? 0 : k;
  }

  /** The Compare tab: run k with the run before it in its source, else the first default pair, else a choice. */
  function compareTab(k) {
    var before = SV.index().entries.length ? SV.predecessor(k) : null;
    if (before !== null) return SV.compareHash(before, k);
    var pair = SV.defaultPairs()[0];
    return pair ? SV.compareHash(pair[0], pair[1]) : '#compare=';
  }

  function route() {
    var p = SV.parseHash(location.hash);
    var view = p.compare !== undefined ? 'compare' : p.test !== undefined ? 'test' : VIEWS.indexOf(p.view) >= 0 && p.view !== 'compare' ? p.view : 'summary';
    var k = currentRun(p, view);
    if (select.options.length && SV.index().entries.length) select.value = SV.isPrev(k) ? '' : String(k);
    VIEWS.forEach(function (v) {
      sections[v].hidden = v !== view;
      var tab = byId('tab-' + v);
      tab.classList.toggle('is-active', v === view);
      var home = SV.isPrev(k) ? 0 : k;
      if (v === 'test') {
        tab.setAttribute('href', lastTest && lastTest.k === k ? SV.testHash(k, lastTest.name) : SV.hash({ run: home, view: 'test' }));
      } else if (v === 'compare') {
        tab.setAttribute('href', compareTab(home));
      } else {
        tab.setAttribute('href', SV.hash({ run: home, view: v }));
      }
      if (v === view) tab.setAttribute('aria-current', 'page'); else tab.removeAttribute('aria-current');
    });
    document.title = (p.test !== undefined ? p.test + ' – ' : '') + (SV.index().entries.length ? SV.runLabel(k) + ' – ' : '') + 'StackViz report';
    statusLine.textContent = 'Loading…';
    var done;
    try {
      if (view === 'summary') done = SV.renderSummary(sections.summary, k);
      else if (view === 'timeline') done = renderTimeline(k, p.focus);
      else if (view === 'find') done = SV.renderFind(sections.find, k, p);
      else if (view === 'compare') done = SV.renderCompare(sections.compare, p.compare);
      else {
        if (p.test) lastTest = { k: k, name: p.test };
        done = SV.renderTest(sections.test, k, p.test, p.i);
      }
    } catch (e) {
      done = Promise.reject(e);
    }
    Promise.resolve(done).then(function () {
      statusLine.textContent = statusText(k);
      document.body.classList.remove('is-loading');
      document.documentElement.dataset.state = 'ready';
      document.documentElement.dataset.view = view;
      if (!SV.metrics.ready) SV.metrics.ready = performance.now();
      if (view === 'test' && !sections.test.hidden) window.scrollTo(0, 0);
    }, function (err) {
      statusLine.textContent = 'Error';
      document.body.classList.remove('is-loading');
      document.documentElement.dataset.state = 'ready';
      var section = sections[view];
      section.appendChild(h('p', { className: 'note' }, 'Could not show this view: ' + (err && err.message ? err.message : String(err))));
    });
  }
  var lastTest = null;

  function statusText(k) {
    var idx = SV.index();
    if (!idx.entries.length) return idx.dstat.length ? 'machine load only' : 'empty export';
    var st = SV.entry(k).stats || {};
    var fails = Array.isArray(st.failures) ? st.failures.length : 0;
    return (typeof st.count === 'number' ? SV.fmtCount(st.count) + ' tests' : '') + (fails ? ', ' + SV.fmtCount(fails) + ' failed' : '');
  }

  // ------------------------------------------------------------------ the timeline view

  function renderTimeline(k, focus) {
    var section = sections.timeline;
    var idx = SV.index();
    if (!timeline) {
      SV.clear(section);
      var head = h('div', { className: 'tl-head' }, h('h1', null, 'Timeline'), h('span', { id: 'tl-info', className: 'muted' }));
      var legend = h('div', { className: 'legend', id: 'tl-legend' });
      var tlBox = h('div', { className: 'timeline', id: 'timeline' });
      var machineBox = h('div', { className: 'machine', id: 'machine', hidden: true });
      var lists = h('div', { id: 'tl-lists' });
      section.appendChild(head);
      section.appendChild(legend);
      section.appendChild(tlBox);
      section.appendChild(machineBox);
      section.appendChild(lists);
      timeline = new SV.Timeline(tlBox, {
        onOpen: function (i) {
          var run = timeline.run;
          SV.nav = { k: run.k, indices: timelineOrder(run), label: 'timeline order' };
          location.hash = SV.hash({ run: run.k, test: run.tests[i].name, i: i });
        },
        onView: function (a, b) { if (machine) machine.setView(a, b); }
      });
      machine = new SV.Machine(machineBox, { onZoom: function (a, b) { timeline.setView(a, b); } });
      SV.views = { timeline: timeline, machine: machine };
    }
    if (!idx.entries.length) {
      // a dstat log alone
      byId('tl-info').textContent = 'This export holds no test runs.';
      byId('timeline').hidden = true;
      return showMachine(null, null);
    }
    if (timelineRun === k) {
      if (focus !== undefined) focusTest(focus);
      return Promise.resolve();
    }
    byId('tl-info').textContent = 'Loading…';
    return SV.getRun(k).then(function (run) {
      timelineRun = k;
      var runRange = run.startUs !== null ? [run.startUs / 1000, run.endUs / 1000] : null;
      var legend = byId('tl-legend');
      SV.clear(legend);
      Array.from(run.counts.keys()).sort(function (a, b) { return SV.status(a).order - SV.status(b).order; }).forEach(function (s) {
        legend.appendChild(h('span', { className: 'legend-item' }, SV.badge(s), ' ' + SV.fmtCount(run.counts.get(s))));
      });
      var info = byId('tl-info');
      info.textContent = SV.fmtCount(run.tests.length - run.untimed.length) + ' tests on ' + run.lanes.length +
        (run.lanes.length === 1 ? ' lane' : ' lanes');
      byId('timeline').dataset.lanes = String(run.lanes.length);
      byId('timeline').hidden = false;
      return showMachine(run, runRange).then(function (shared) {
        timeline.setRun(run, shared ? machine.range : null);
        if (shared) { var v = timeline.view(); machine.setView(v[0], v[1]); }
        renderLists(run);
        if (focus !== undefined) focusTest(focus);
      });
    });
  }

  function focusTest(name) {
    var run = timeline.run;
    if (run && run.byName.has(name)) timeline.select(run.byName.get(name), true);
  }

  function timelineOrder(run) {
    var order = [];
    run.lanes.forEach(function (lane) { lane.tests.forEach(function (i) { order.push(i); }); });
    var timed = order.slice().sort(function (a, b) { return run.tests[a].su - run.tests[b].su || a - b; });
    return timed.concat(run.untimed);
  }

  /** Shows the machine load for run (or for the export, without runs); resolves whether it shares the axis. */
  function showMachine(run, runRange) {
    var idx = SV.index();
    var box = byId('machine');
    var j = null;
    if (run && run.entry && typeof run.entry.dstatData === 'number') j = run.entry.dstatData;
    else if (!idx.entries.length && idx.dstat.length) j = idx.dstat[0].dstat;
    if (j === null) { box.hidden = true; machine.destroy(); return Promise.resolve(false); }
    box.hidden = false;
    return SV.loadDstat(j).then(function (payload) {
      return machine.setData(payload, runRange);
    }, function (err) {
      SV.clear(box);
      box.appendChild(h('p', { className: 'note' }, 'The machine load could not be loaded: ' + err.message));
      return false;
    });
  }

  function renderLists(run) {
    var lists = SV.clear(byId('tl-lists'));
    function list(title, id, items, why) {
      if (!items.length) return;
      var nav = { k: run.k, indices: items, label: title.toLowerCase() };
      var shown = items.slice(0, 500);
      lists.appendChild(h('details', { className: 'tl-list', id: id },
        h('summary', null, title + ' (' + SV.fmtCount(items.length) + ')'),
        h('p', { className: 'muted' }, why),
        h('ul', null, shown.map(function (i) {
          var t = run.tests[i];
          return h('li', null, SV.badge(t.status), ' ', h('a', { href: SV.hash({ run: run.k, test: t.name, i: i }), onclick: function () { SV.nav = nav; } }, t.name || '(no name)'));
        })),
        items.length > shown.length ? h('p', { className: 'muted' }, 'The first 500 are listed; Find shows them all.') : null));
    }
    list('Parser errors', 'tl-markers', run.markers, 'Drawn as red markers on their lane, not as tests: the stream was damaged there (placed at the last time before the damage); each one\'s message says what was lost.');
    list('Still running when the stream ended', 'tl-open', run.open, 'Drawn with an open, dashed end: the bar stops where the stream stopped, not where the test ended, so it ran at least that long.');
    list('Zero-duration tests', 'tl-zero', run.zero, 'Drawn as thin bars above: they started and ended at the same recorded time.');
    list('Tests without timestamps', 'tl-untimed', run.untimed, 'Not on the timeline: the stream carried no time to place them at (a TAP stream, a test listing).');
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot);
  else boot();
})();
