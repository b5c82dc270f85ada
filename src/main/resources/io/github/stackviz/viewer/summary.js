/*
 * StackViz report viewer: the Runs view. Every config entry, and the summary of the selected run.
 */
(function () {
  'use strict';

  var SV = window.StackViz;
  var h = SV.h;
  var LIST_LIMIT = 100;

  function isoToMicros(s) {
    if (typeof s !== 'string') return null;
    var m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})?$/.exec(s);
    if (!m) return null;
    var ms = Date.parse(m[1] + (m[3] || 'Z'));
    if (isNaN(ms)) return null;
    var frac = m[2] ? parseInt((m[2] + '000000').slice(0, 6), 10) : 0;
    return ms * 1000 + frac;
  }
  SV.isoToMicros = isoToMicros;

  function stats(entry) {
    return entry && entry.stats && typeof entry.stats === 'object' ? entry.stats : {};
  }

  function testLink(k, name, nav) {
    return h('a', { href: SV.testHash(k, name), className: 'test-link', onclick: function () {
      if (nav) SV.nav = nav;
    } }, name || '(no name)');
  }

  /** A link comparing run i with the run before it in its source (this export's or the previous export's). */
  function compareCell(i) {
    var before = SV.predecessor(i);
    if (before === null) return h('span', { className: 'muted' }, '—');
    return h('a', { href: SV.compareHash(before, i), className: 'compare-pred', title: SV.runLabel(before) + ' → ' + SV.runLabel(i) },
      SV.isPrev(before) ? 'with the previous export' : 'with ' + (SV.entry(before).id !== undefined ? 'id ' + SV.entry(before).id : 'run ' + before));
  }

  function runsTable(k) {
    var idx = SV.index();
    var body = h('tbody');
    idx.entries.forEach(function (e, i) {
      var st = stats(e);
      var fails = Array.isArray(st.failures) ? st.failures.length : 0;
      var skips = Array.isArray(st.skips) ? st.skips.length : 0;
      var s = isoToMicros(st.start), en = isoToMicros(st.end);
      var row = h('tr', { className: i === k ? 'is-selected' : '' },
        h('td', { className: 'num' }, String(e.id !== undefined && e.id !== null ? e.id : i)),
        h('td', null, h('a', { href: SV.hash({ run: i, view: 'summary' }) }, SV.runLabel(i)),
          Array.isArray(e.warnings) && e.warnings.length ? h('span', { className: 'warn-chip', title: 'This run has warnings' }, '⚠ ' + e.warnings.length) : null),
        h('td', { className: 'num' }, typeof st.count === 'number' ? SV.fmtCount(st.count) : '—'),
        h('td', { className: 'num' + (fails ? ' has-fail' : '') }, SV.fmtCount(fails)),
        h('td', { className: 'num' }, SV.fmtCount(skips)),
        h('td', null, s === null ? '—' : SV.fmtMicros(s).slice(0, 19)),
        h('td', { className: 'num' }, s === null || en === null ? '—' : SV.fmtSeconds((en - s) / 1e6)),
        h('td', null, compareCell(i)));
      body.appendChild(row);
    });
    return h('table', { className: 'grid runs' },
      h('thead', null, h('tr', null, h('th', null, 'id'), h('th', null, 'run'), h('th', null, 'tests'),
        h('th', null, 'failures'), h('th', null, 'skips'), h('th', null, 'start (UTC)'), h('th', null, 'wall time'),
        h('th', null, 'compare'))),
      body);
  }

  function tile(label, value, cls) {
    return h('div', { className: 'tile' + (cls ? ' ' + cls : '') }, h('div', { className: 'tile-value' }, value), h('div', { className: 'tile-label' }, label));
  }

  function limited(items, render, empty) {
    var list = h('div');
    if (!items.length) { list.appendChild(h('p', { className: 'muted' }, empty)); return list; }
    var shown = Math.min(items.length, LIST_LIMIT);
    var table = render(items.slice(0, shown));
    list.appendChild(table);
    if (items.length > shown) {
      list.appendChild(h('button', { type: 'button', className: 'more', onclick: function () {
        list.replaceChild(render(items), table);
        this.remove();
      } }, 'Show all ' + SV.fmtCount(items.length)));
    }
    return list;
  }
  SV.limited = limited;

  /** Renders the Runs view for run k into section; resolves when the run's own data is shown. */
  SV.renderSummary = function (section, k) {
    SV.clear(section);
    var idx = SV.index();
    section.appendChild(h('h1', null, 'Runs'));
    (Array.isArray(idx.problems) ? idx.problems : []).forEach(function (p) {
      if (typeof p === 'string') section.appendChild(h('p', { className: 'note' }, p));
    });
    if (!idx.entries.length) {
      section.appendChild(h('p', { className: 'muted', id: 'no-runs' }, 'This export holds no test runs.'));
      if (idx.dstat && idx.dstat.length) {
        section.appendChild(h('p', null, 'It holds a dstat log: ', h('a', { href: SV.hash({ view: 'timeline' }) }, 'see the machine load'), '.'));
      }
      return Promise.resolve();
    }
    section.appendChild(runsTable(k));
    var links = SV.compareLinks();
    if (links) section.appendChild(links);
    var entry = SV.entry(k);
    if (!entry) return Promise.resolve();
    var st = stats(entry);
    var panel = h('div', { className: 'run-panel' });
    section.appendChild(panel);
    panel.appendChild(h('h2', { className: 'run-title' }, SV.runLabel(k)));
    var warnings = Array.isArray(entry.warnings) ? entry.warnings.filter(function (w) { return typeof w === 'string'; }) : [];
    if (warnings.length) {
      panel.appendChild(h('div', { className: 'warnings', role: 'alert' },
        h('h3', null, 'Warnings from the export (' + warnings.length + ')'),
        h('ul', null, warnings.map(function (w) { return h('li', null, w); }))));
    }
    var problemsBox = h('div');
    panel.appendChild(problemsBox);
    var s = isoToMicros(st.start), e = isoToMicros(st.end);
    var tiles = h('div', { className: 'tiles', id: 'summary-tiles' },
      tile('tests', typeof st.count === 'number' ? SV.fmtCount(st.count) : '—', 'tile-count'),
      tile('failures', SV.fmtCount(Array.isArray(st.failures) ? st.failures.length : 0), Array.isArray(st.failures) && st.failures.length ? 'tile-fail' : ''),
      tile('skips', SV.fmtCount(Array.isArray(st.skips) ? st.skips.length : 0), 'tile-skip'),
      tile('start (UTC)', s === null ? '—' : SV.fmtMicros(s)),
      tile('end (UTC)', e === null ? '—' : SV.fmtMicros(e)),
      tile('wall time', s === null || e === null ? '—' : SV.fmtSeconds((e - s) / 1e6)),
      tile('total test time', SV.fmtSeconds(typeof st.total_duration === 'number' ? st.total_duration : null)));
    panel.appendChild(tiles);
    var countsBox = h('div', { className: 'status-counts', id: 'status-counts' }, h('span', { className: 'muted' }, 'Loading the run…'));
    panel.appendChild(countsBox);

    var failures = Array.isArray(st.failures) ? st.failures.filter(function (f) { return f && typeof f === 'object'; }) : [];
    var failNav = { k: k, names: failures.map(function (f) { return f.name; }), label: 'failures' };
    panel.appendChild(h('h3', null, 'Failures (' + SV.fmtCount(failures.length) + ')'));
    panel.appendChild(limited(failures, function (items) {
      return h('table', { className: 'grid failures', id: 'failures' },
        h('thead', null, h('tr', null, h('th', null, 'test'), h('th', { className: 'num' }, 'duration'), h('th', null, 'last traceback lines'))),
        h('tbody', null, items.map(function (f) {
          var lines = Array.isArray(f.details) ? f.details.filter(function (l) { return typeof l === 'string'; }) : [];
          return h('tr', null, h('td', { className: 'name' }, testLink(k, typeof f.name === 'string' ? f.name : '', failNav)),
            h('td', { className: 'num' }, SV.fmtSeconds(f.duration)),
            h('td', null, lines.length ? h('pre', { className: 'tb-lines' }, lines.join('\n')) : h('span', { className: 'muted' }, 'no traceback')));
        })));
    }, 'No failures.'));

    var skips = Array.isArray(st.skips) ? st.skips.filter(function (f) { return f && typeof f === 'object'; }) : [];
    var skipNav = { k: k, names: skips.map(function (f) { return f.name; }), label: 'skips' };
    panel.appendChild(h('h3', null, 'Skips (' + SV.fmtCount(skips.length) + ')'));
    panel.appendChild(limited(skips, function (items) {
      return h('table', { className: 'grid skips', id: 'skips' },
        h('thead', null, h('tr', null, h('th', null, 'test'), h('th', null, 'reason'))),
        h('tbody', null, items.map(function (f) {
          return h('tr', null, h('td', { className: 'name' }, testLink(k, typeof f.name === 'string' ? f.name : '', skipNav)),
            h('td', null, typeof f.details === 'string' ? h('pre', { className: 'reason' }, f.details) : h('span', { className: 'muted' }, 'no reason given')));
        })));
    }, 'No skips.'));

    var slowBox = h('div', null, h('span', { className: 'muted' }, 'Loading…'));
    panel.appendChild(h('h3', null, 'Slowest tests'));
    panel.appendChild(slowBox);

    return SV.getRun(k).then(function (run) {
      SV.clear(problemsBox);
      if (run.problems.length) {
        problemsBox.appendChild(h('div', { className: 'warnings', role: 'alert' },
          h('h3', null, 'Problems reading this run\'s files'),
          h('ul', null, run.problems.map(function (p) { return h('li', null, p); }))));
      }
      SV.clear(countsBox);
      var total = run.tests.length;
      var bar = h('div', { className: 'count-bar', aria: { hidden: 'true' } });
      var chips = h('div', { className: 'count-chips' });
      var keys = Array.from(run.counts.keys()).sort(function (a, b) {
        return SV.status(a).order - SV.status(b).order || (a < b ? -1 : 1);
      });
      keys.forEach(function (status) {
        var n = run.counts.get(status);
        var seg = h('span', { className: 'seg ' + SV.status(status).cls });
        seg.style.width = (n / total * 100) + '%';
        bar.appendChild(seg);
        chips.appendChild(h('a', { className: 'count-chip', href: SV.hash({ run: k, view: 'find', status: status }), dataset: { status: status } },
          SV.badge(status), ' ', h('span', { className: 'count-n' }, SV.fmtCount(n))));
      });
      if (total) countsBox.appendChild(bar);
      countsBox.appendChild(chips);
      if (!total) countsBox.appendChild(h('span', { className: 'muted' }, 'No test records.'));
      countsBox.dataset.total = String(total);

      var timed = run.tests.filter(function (t) { return t.dur !== null; });
      timed.sort(function (a, b) { return b.dur - a.dur; });
      var slow = timed.slice(0, 10);
      SV.clear(slowBox);
      if (!slow.length) { slowBox.appendChild(h('p', { className: 'muted' }, 'No test has a duration.')); return; }
      var slowNav = { k: k, indices: slow.map(function (t) { return t.i; }), label: 'slowest tests' };
      slowBox.appendChild(h('table', { className: 'grid slowest', id: 'slowest' },
        h('thead', null, h('tr', null, h('th', null, 'test'), h('th', null, 'status'), h('th', { className: 'num' }, 'duration'))),
        h('tbody', null, slow.map(function (t) {
          return h('tr', null, h('td', { className: 'name' }, testLink(k, t.name, slowNav)), h('td', null, SV.badge(t.status)),
            h('td', { className: 'num' }, SV.fmtSeconds(t.dur)));
        }))));
    }, function (err) {
      SV.clear(countsBox);
      countsBox.appendChild(h('p', { className: 'note' }, 'The run\'s data could not be loaded: ' + err.message));
      SV.clear(slowBox);
    });
  };
})();
