/*
 * StackViz report viewer: machine load from dstat (CPU, memory, network, disk), drawn with uPlot on the
 * timeline's time axis when the samples overlap the run, on their own axis otherwise.
 */
(function () {
  'use strict';

  var SV = window.StackViz;
  var h = SV.h;
  var LEFT = 112;   // the timeline's label gutter, so both plots share x pixels
  var RIGHT = 8;

  var CHARTS = [
    { id: 'cpu', title: 'CPU', unit: '%', group: function (g) { return g === 'total cpu usage'; },
      series: [['usr', 'user', '#1a73e8'], ['sys', 'system', '#d93025'], ['wai', 'I/O wait', '#f29900']], range: [0, 100] },
    { id: 'memory', title: 'Memory', unit: 'bytes', group: function (g) { return g === 'memory usage'; },
      series: [['used', 'used', '#1a73e8'], ['buff', 'buffers', '#9334e6'], ['cach', 'cache', '#12b5cb'], ['free', 'free', '#1e8e3e']] },
    { id: 'network', title: 'Network', unit: 'bytes/s', group: function (g) { return g.indexOf('net/') === 0; },
      series: [['recv', 'received', '#1e8e3e'], ['send', 'sent', '#e8710a']] },
    { id: 'disk', title: 'Disk', unit: 'bytes/s', group: function (g) { return g.indexOf('dsk/') === 0; },
      series: [['read', 'read', '#1a73e8'], ['writ', 'written', '#d93025']] }
  ];

  /** Merges the blocks of a dstat payload into {t: [s], series: {chartId: [[values]...]}, names}. */
  function merge(payload) {
    var rows = [];
    var blocks = Array.isArray(payload.blocks) ? payload.blocks : [];
    var picks = [];
    blocks.forEach(function (b, bi) {
      var cols = Array.isArray(b.columns) ? b.columns : [];
      var pick = CHARTS.map(function (chart) {
        // the first group the chart accepts that has its columns
        var group = null;
        for (var i = 0; i < cols.length && group === null; i++) {
          var g = String(cols[i][0]).toLowerCase();
          if (chart.group(g) && chart.series.some(function (s) { return cols[i][1] === s[0]; })) group = cols[i][0];
        }
        return chart.series.map(function (s) {
          for (var i = 0; i < cols.length; i++) if (cols[i][0] === group && cols[i][1] === s[0]) return i + 1;
          return -1;
        });
      });
      picks.push(pick);
      (Array.isArray(b.rows) ? b.rows : []).forEach(function (r) {
        if (Array.isArray(r) && typeof r[0] === 'number' && isFinite(r[0])) rows.push({ t: r[0], r: r, b: bi });
      });
    });
    rows.sort(function (a, b) { return a.t - b.t; });
    // the usual interval, to break lines over gaps (between appended recordings)
    var gaps = [];
    for (var i = 1; i < rows.length && gaps.length < 200; i++) gaps.push(rows[i].t - rows[i - 1].t);
    gaps.sort(function (a, b) { return a - b; });
    var step = gaps.length ? Math.max(gaps[gaps.length >> 1], 1) : 1;
    var t = [];
    var data = CHARTS.map(function (chart) { return chart.series.map(function () { return []; }); });
    rows.forEach(function (row, n) {
      if (n > 0 && row.t - rows[n - 1].t > step * 2.5) {
        t.push(rows[n - 1].t + step);
        data.forEach(function (d) { d.forEach(function (s) { s.push(null); }); });
      }
      t.push(row.t);
      var pick = picks[row.b];
      data.forEach(function (d, ci) {
        d.forEach(function (s, si) {
          var c = pick[ci][si];
          var v = c > 0 ? row.r[c] : null;
          s.push(typeof v === 'number' && isFinite(v) ? v : null);
        });
      });
    });
    return { t: t, data: data, samples: rows.length };
  }

  function Machine(container, opts) {
    this.container = container;
    this.opts = opts || {};
    this.plots = [];
  }

  /**
   * payload: the dstat data; runRange: [minMs, maxMs] of the run or null. Returns whether the samples share
   * the run's time axis (they overlap it).
   */
  Machine.prototype.setData = function (payload, runRange) {
    this.destroy();
    var c = this.container;
    SV.clear(c);
    var m = merge(payload);
    this.merged = m;
    c.dataset.samples = String(m.samples);
    var first = m.t.length ? m.t[0] * 1000 : null, last = m.t.length ? m.t[m.t.length - 1] * 1000 : null;
    this.range = first === null ? null : [first, last];
    this.shared = !!(runRange && this.range && this.range[0] <= runRange[1] && this.range[1] >= runRange[0]);
    var file = typeof payload.file === 'string' ? payload.file : 'dstat';
    var head = h('div', { className: 'ml-head' },
      h('h2', null, 'Machine load'),
      h('span', { className: 'muted' }, 'from ', h('code', null, file), ', ', SV.fmtCount(m.samples), ' samples',
        this.range ? [', ', SV.fmtDate(first), ' ', SV.fmtClock(first), ' – ', SV.fmtClock(last), ' UTC'] : ''));
    c.appendChild(head);
    var notes = [];
    if (payload.yearFrom === 'header') notes.push('dstat writes no year; it is taken from the log\'s Date header.');
    if (payload.yearFrom === 'clock') notes.push('dstat writes no year and nothing else tells it; the year of the export was assumed.');
    if (runRange && this.range && !this.shared) {
      notes.push('These samples were recorded outside this run (' + SV.fmtDate(runRange[0]) + ' ' + SV.fmtClock(runRange[0]) + ' – ' +
        SV.fmtClock(runRange[1]) + ' UTC), so they are shown on their own time axis.');
    }
    if (payload.skipped > 0) notes.push(payload.skipped + ' rows could not be read and were left out.');
    (Array.isArray(payload.problems) ? payload.problems : []).forEach(function (p) { if (typeof p === 'string') notes.push(p); });
    notes.forEach(function (n) { c.appendChild(h('p', { className: 'note' }, n)); });
    if (!m.samples) {
      c.appendChild(h('p', { className: 'muted' }, 'The dstat log holds no samples.'));
      return this.shared;
    }
    if (!window.uPlot) {
      c.appendChild(h('p', { className: 'note' }, 'The chart library (viewer/uPlot.iife.min.js) did not load.'));
      return this.shared;
    }
    var self = this;
    var width = Math.max(320, c.clientWidth);
    CHARTS.forEach(function (chart, ci) {
      var cols = m.data[ci];
      var present = cols.map(function (s) { return s.some(function (v) { return v !== null; }); });
      if (!present.some(Boolean)) return;
      var wrap = h('div', { className: 'ml-chart', dataset: { chart: chart.id } });
      wrap.dataset.points = String(cols.reduce(function (n, s) { return n + s.filter(function (v) { return v !== null; }).length; }, 0));
      c.appendChild(wrap);
      var series = [{}];
      var data = [m.t];
      chart.series.forEach(function (s, si) {
        if (!present[si]) return;
        series.push({ label: s[1], stroke: s[2], width: 1.5, fill: s[2] + '18', spanGaps: false,
          value: function (u, v) { return v === null || v === undefined ? '—' : fmt(chart.unit, v); } });
        data.push(cols[si]);
      });
      var opts = {
        title: chart.title + ' (' + chart.unit + ')',
        width: width,
        height: 150,
        padding: [8, RIGHT, 0, 0],
        tzDate: function (ts) { return uPlot.tzDate(new Date(ts * 1e3), 'Etc/UTC'); },
        scales: { x: { time: true }, y: chart.range ? { range: chart.range } : { range: function (u, lo, hi) { return [0, Math.max(hi * 1.08, chart.unit === '%' ? 1 : 1024)]; } } },
        axes: [
          // space: room for a zoomed-in label with its fraction digits ("09:01:10.123456"), so none overlap
          { stroke: '#5f6368', grid: { stroke: '#eceff1' }, ticks: { stroke: '#cfd4d9' }, values: timeLabels, space: 110 },
          { size: LEFT, stroke: '#5f6368', grid: { stroke: '#eceff1' }, ticks: { stroke: '#cfd4d9' },
            values: function (u, vals) { return vals.map(function (v) { return fmt(chart.unit, v); }); } }
        ],
        series: series,
        legend: { live: true },
        cursor: { sync: { key: 'stackviz-machine' }, drag: { x: true, y: false, setScale: !self.shared } },
        hooks: {
          setSelect: [function (u) {
            if (!self.shared || u.select.width < 3) return;
            var a = u.posToVal(u.select.left, 'x'), b = u.posToVal(u.select.left + u.select.width, 'x');
            u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
            if (self.opts.onZoom) self.opts.onZoom(a * 1000, b * 1000);
          }]
        }
      };
      var plot = new uPlot(opts, data, wrap);
      self.plots.push(plot);
    });
    this.stopResize = SV.onResize(c, function () {
      var w = Math.max(320, c.clientWidth);
      self.plots.forEach(function (p) { p.setSize({ width: w, height: 150 }); });
      if (self.view) self.setView(self.view[0], self.view[1]); // a new size ranges the axis anew
    });
    return this.shared;
  };

  /** Shows [minMs, maxMs] (the timeline's view) when the samples share its axis. */
  Machine.prototype.setView = function (minMs, maxMs) {
    if (!this.shared) return;
    this.view = [minMs, maxMs];
    this.plots.forEach(function (p) { p.setScale('x', { min: minMs / 1000, max: maxMs / 1000 }); });
  };

  Machine.prototype.destroy = function () {
    this.view = null;
    if (this.stopResize) { this.stopResize(); this.stopResize = null; }
    this.plots.forEach(function (p) { p.destroy(); });
    this.plots = [];
  };

  /** x-axis labels in UTC, like the timeline's: the date under the first one. */
  function timeLabels(u, splits, axisIdx, space, incr) {
    var digits = incr >= 1 ? 0 : Math.min(6, Math.ceil(-Math.log10(incr) - 1e-9));
    return splits.map(function (s, n) {
      var label = SV.fmtClock(s * 1000, digits);
      return n === 0 || Math.floor(s / 86400) !== Math.floor(splits[n - 1] / 86400) ? label + '\n' + SV.fmtDate(s * 1000) : label;
    });
  }

  function fmt(unit, v) {
    if (unit === '%') return (Math.round(v * 10) / 10) + '%';
    if (unit === 'bytes') return SV.fmtBytes(v);
    if (unit === 'bytes/s') return SV.fmtBytes(v) + '/s';
    return String(v);
  }

  SV.Machine = Machine;
  SV.loadDstat = function (j) { return SV.load('dstat:' + j, 'dstat-' + j + '.js'); };
})();
