/*
 * StackViz report viewer: the timeline. One lane per worker, a bar per test, drawn on a canvas; an overview
 * strip with a brush to zoom and pan. Times inside are milliseconds relative to `origin` (epoch ms).
 */
(function () {
  'use strict';

  var SV = window.StackViz;
  var h = SV.h;

  var GUTTER = 112;        // px for lane labels
  var AXIS = 22;           // px for the time axis
  var OVERVIEW = 54;       // px, overview strip
  var MIN_BAR = 2;         // px, so zero-duration tests stay visible
  var OPEN_END = 16;       // px of dashes after the bar of a test still running when the stream ended
  // what a lane's entry is drawn as: a test's bar, the bar of a test still running when the stream ended
  // (an open end), a parser error of a damaged stream (a marker, not a test)
  var BAR = 0, OPEN = 1, MARKER = 2;
  var TICK_STEPS = [];
  [1e-3, 1e-2, 1e-1, 1, 10, 100, 1e3].forEach(function (d) {
    TICK_STEPS.push(d, 2 * d, 5 * d);
  });
  TICK_STEPS = TICK_STEPS.filter(function (s) { return s < 1e4; })
    .concat([1e4, 15e3, 3e4, 6e4, 12e4, 3e5, 6e5, 9e5, 18e5, 36e5, 72e5, 108e5, 216e5, 432e5, 864e5, 1728e5, 6048e5]);

  function Timeline(container, opts) {
    this.opts = opts || {};
    this.container = container;
    this.run = null;
    this.origin = 0;
    this.dMin = 0; this.dMax = 1;
    this.vMin = 0; this.vMax = 1;
    this.hover = -1;
    this.selected = -1;
    this.lanes = [];
    this.colors = SV.STATUS_ORDER.map(function (s) { return SV.status(s).color; }).concat([SV.status('?').color]);
    this.dirty = SV.frame(this.draw.bind(this));
    this.viewChanged = SV.frame(this.emitView.bind(this));
    this.build();
  }

  Timeline.prototype.build = function () {
    var self = this;
    this.rangeText = h('span', { className: 'tl-range' });
    var bar = h('div', { className: 'tl-toolbar' },
      h('button', { type: 'button', title: 'Zoom in (+)', onclick: function () { self.zoomBy(0.5); } }, 'Zoom in'),
      h('button', { type: 'button', title: 'Zoom out (-)', onclick: function () { self.zoomBy(2); } }, 'Zoom out'),
      h('button', { type: 'button', title: 'Show everything (0)', onclick: function () { self.reset(); } }, 'Reset'),
      this.rangeText,
      h('span', { className: 'tl-hint' }, 'Wheel to zoom, drag to pan, drag in the strip above to choose a range; click a bar to open the test.'));
    this.overview = h('canvas', { className: 'tl-overview', tabIndex: 0, aria: { label: 'Overview of the whole run: drag to choose the range shown below' } });
    this.canvas = h('canvas', { className: 'tl-main', tabIndex: 0, aria: { label: 'Timeline of tests by worker' } });
    this.tip = h('div', { className: 'tl-tip', hidden: true, role: 'tooltip' });
    this.tipName = h('div', { className: 'tl-tip-name' });
    this.tipMeta = h('div', { className: 'tl-tip-meta' });
    this.tip.appendChild(this.tipName);
    this.tip.appendChild(this.tipMeta);
    this.mainWrap = h('div', { className: 'tl-main-wrap' }, this.canvas, this.tip);
    this.empty = h('p', { className: 'tl-empty', hidden: true });
    SV.clear(this.container);
    this.container.appendChild(bar);
    this.container.appendChild(this.overview);
    this.container.appendChild(this.mainWrap);
    this.container.appendChild(this.empty);
    this.bindMain();
    this.bindOverview();
    SV.onResize(this.container, function () { self.layout(); });
  };

  /** extra: optional [minMs, maxMs] (epoch) the domain must also cover (machine load on the same axis). */
  Timeline.prototype.setRun = function (run, extra) {
    this.run = run;
    this.hover = -1;
    this.selected = -1;
    var tests = run.tests;
    var origin = run.startUs !== null ? run.startUs / 1000 : (extra ? extra[0] : 0);
    this.origin = origin;
    this.lanes = run.lanes.map(function (lane) {
      var n = lane.tests.length;
      var s = new Float64Array(n), e = new Float64Array(n), maxE = new Float64Array(n);
      var code = new Uint8Array(n), kind = new Uint8Array(n), idx = new Int32Array(n);
      var m = -Infinity;
      for (var j = 0; j < n; j++) {
        var t = tests[lane.tests[j]];
        s[j] = t.su / 1000 - origin;
        e[j] = t.eu / 1000 - origin;
        if (e[j] > m) m = e[j];
        maxE[j] = m;
        var o = SV.STATUS_ORDER.indexOf(t.status);
        code[j] = o < 0 ? SV.STATUS_ORDER.length : o;
        kind[j] = t.marker ? MARKER : t.open ? OPEN : BAR;
        idx[j] = t.i;
      }
      return { label: lane.label, s: s, e: e, maxE: maxE, code: code, kind: kind, idx: idx };
    });
    if (run.startUs !== null) {
      this.rMin = 0;
      this.rMax = (run.endUs - run.startUs) / 1000;
    } else {
      this.rMin = 0; this.rMax = 0;
    }
    var dMin = this.rMin, dMax = this.rMax;
    if (extra) {
      dMin = Math.min(dMin, extra[0] - origin);
      dMax = Math.max(dMax, extra[1] - origin);
    }
    if (!(dMax > dMin)) { dMin -= 0.5; dMax += 0.5; }
    var pad = (dMax - dMin) * 0.01;
    this.dMin = dMin - pad;
    this.dMax = dMax + pad;
    this.hasTests = this.lanes.length > 0;
    this.empty.hidden = this.hasTests;
    if (!this.hasTests) {
      this.empty.textContent = run.tests.length ? 'No test of this run has both timestamps, so there is nothing to draw; the records are listed below.'
        : 'This run has no test records.';
    }
    // Start on the run itself (machine load before and after it is one zoom-out away).
    if (this.rMax > this.rMin) {
      var p = (this.rMax - this.rMin) * 0.01;
      this.vMin = Math.max(this.dMin, this.rMin - p);
      this.vMax = Math.min(this.dMax, this.rMax + p);
    } else {
      this.vMin = this.dMin; this.vMax = this.dMax;
    }
    this.layout();
    this.viewChanged();
  };

  Timeline.prototype.layout = function () {
    var w = Math.max(320, this.container.clientWidth);
    var n = Math.max(1, this.lanes.length);
    this.laneH = n <= 8 ? 26 : n <= 24 ? 18 : n <= 64 ? 10 : 5;
    var height = AXIS + (this.hasTests ? n * this.laneH : 0) + 6;
    this.width = w;
    this.height = height;
    var dpr = window.devicePixelRatio || 1;
    this.dpr = dpr;
    size(this.canvas, w, height, dpr);
    size(this.overview, w, OVERVIEW, dpr);
    this.overviewImage = null;
    this.dirty();
  };

  function size(canvas, w, hgt, dpr) {
    canvas.width = Math.round(w * dpr);
    canvas.height = Math.round(hgt * dpr);
    canvas.style.width = w + 'px';
    canvas.style.height = hgt + 'px';
  }

  // ---------------------------------------------------------------- view

  Timeline.prototype.plotW = function () { return Math.max(10, this.width - GUTTER - 8); };
  Timeline.prototype.xOf = function (t) { return GUTTER + (t - this.vMin) / (this.vMax - this.vMin) * this.plotW(); };
  Timeline.prototype.tOf = function (x) { return this.vMin + (x - GUTTER) / this.plotW() * (this.vMax - this.vMin); };
  Timeline.prototype.oxOf = function (t) { return GUTTER + (t - this.dMin) / (this.dMax - this.dMin) * this.plotW(); };
  Timeline.prototype.otOf = function (x) { return this.dMin + (x - GUTTER) / this.plotW() * (this.dMax - this.dMin); };

  Timeline.prototype.minSpan = function () { return Math.max((this.dMax - this.dMin) * 1e-7, 1e-3); };

  /** Sets the view to [a, b] (ms relative to origin), clamped to the domain. */
  Timeline.prototype.setRel = function (a, b) {
    var span = Math.max(b - a, this.minSpan());
    var dSpan = this.dMax - this.dMin;
    if (span >= dSpan) { a = this.dMin; b = this.dMax; } else {
      if (a < this.dMin) a = this.dMin;
      b = a + span;
      if (b > this.dMax) { b = this.dMax; a = b - span; }
    }
    this.vMin = a; this.vMax = b;
    this.dirty();
    this.viewChanged();
  };

  /** Sets the view in epoch milliseconds. */
  Timeline.prototype.setView = function (minMs, maxMs) { this.setRel(minMs - this.origin, maxMs - this.origin); };
  Timeline.prototype.view = function () { return [this.vMin + this.origin, this.vMax + this.origin]; };

  Timeline.prototype.zoomBy = function (f, atT) {
    var c = atT === undefined ? (this.vMin + this.vMax) / 2 : atT;
    this.setRel(c - (c - this.vMin) * f, c + (this.vMax - c) * f);
  };

  Timeline.prototype.reset = function () { this.setRel(this.dMin, this.dMax); };

  Timeline.prototype.emitView = function () {
    this.rangeText.textContent = SV.fmtClock(this.vMin + this.origin, 3) + ' – ' + SV.fmtClock(this.vMax + this.origin, 3) +
      ' UTC (' + SV.fmtSeconds((this.vMax - this.vMin) / 1000) + ')';
    if (this.opts.onView) this.opts.onView(this.vMin + this.origin, this.vMax + this.origin);
  };

  /** Highlights test i (run index) and brings it into view. */
  Timeline.prototype.select = function (i, reveal) {
    this.selected = i;
    if (reveal && i >= 0 && this.run) {
      var t = this.run.tests[i];
      if (t && t.su !== null && t.eu !== null) {
        var s = t.su / 1000 - this.origin, e = t.eu / 1000 - this.origin;
        if (s < this.vMin || e > this.vMax) {
          var span = Math.max(this.vMax - this.vMin, (e - s) * 3);
          var c = (s + e) / 2;
          this.setRel(c - span / 2, c + span / 2);
        }
      }
    }
    this.dirty();
  };

  // ---------------------------------------------------------------- drawing

  /** First index j in lane whose bar may reach t (maxE[j] >= t). */
  function firstReaching(lane, t) {
    var lo = 0, hi = lane.s.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (lane.maxE[mid] < t) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  Timeline.prototype.draw = function () {
    if (!this.run) return;
    var t0 = performance.now();
    this.drawOverview();
    var ctx = this.canvas.getContext('2d');
    var dpr = this.dpr;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, this.width, this.height);
    this.drawAxis(ctx);
    if (!this.hasTests) return;
    var laneH = this.laneH;
    var pad = laneH >= 18 ? 4 : laneH >= 10 ? 2 : 1;
    var msPerPx = (this.vMax - this.vMin) / this.plotW();
    var right = GUTTER + this.plotW();
    ctx.font = '12px system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    for (var li = 0; li < this.lanes.length; li++) {
      var lane = this.lanes[li];
      var y = AXIS + li * laneH;
      if (li % 2 === 1) { ctx.fillStyle = '#f6f8fa'; ctx.fillRect(GUTTER, y, this.plotW(), laneH); }
      if (laneH >= 9) {
        ctx.fillStyle = '#3c4043';
        ctx.fillText(lane.label, 6, y + laneH / 2, GUTTER - 12);
      }
      var from = firstReaching(lane, this.vMin - msPerPx * MIN_BAR);
      // two passes: failures last, so a failure is never hidden under its neighbours
      for (var pass = 0; pass < 2; pass++) {
        var lastX = -1, lastCode = -1;
        for (var j = from; j < lane.s.length; j++) {
          var s = lane.s[j];
          if (s > this.vMax) break;
          var code = lane.code[j];
          var isFail = code <= 1;
          if ((pass === 0) === isFail) continue;
          var kind = lane.kind[j];
          if (kind === MARKER) continue;
          var x0 = this.xOf(s), x1 = this.xOf(lane.e[j]);
          if (x1 < GUTTER && !(kind === OPEN && x1 + OPEN_END >= GUTTER)) continue;
          if (x1 - x0 < MIN_BAR) x1 = x0 + MIN_BAR;
          if (x0 < GUTTER) x0 = GUTTER;
          if (x1 > right) x1 = right;
          var px0 = Math.floor(x0), px1 = Math.ceil(x1);
          if (kind === BAR && px1 <= lastX && code === lastCode) continue; // sub-pixel neighbours of the same colour
          if (kind === OPEN) {
            this.drawOpen(ctx, px0, px1, y + pad, laneH - 2 * pad, this.colors[code], right);
          } else if (px1 >= GUTTER) {
            ctx.fillStyle = this.colors[code];
            ctx.fillRect(px0, y + pad, Math.max(1, px1 - px0 - (px1 - px0 > 3 ? 1 : 0)), laneH - 2 * pad);
          }
          lastX = px1; lastCode = code;
        }
      }
      this.drawMarkers(ctx, lane, from, y, laneH, right);
    }
    this.outline(ctx, this.hover, '#202124', 1);
    this.outline(ctx, this.selected, '#1a73e8', 2);
    SV.metrics.timelineDraw = performance.now() - t0;
    if (!SV.metrics.firstTimeline) SV.metrics.firstTimeline = performance.now();
  };

  /**
   * The bar of a test still running when the stream ended: solid, fading over its last part, then dashes past
   * its end. Its end is where the stream stopped, not where the test ended.
   */
  Timeline.prototype.drawOpen = function (ctx, x0, x1, top, height, color, right) {
    var w = Math.max(1, x1 - x0);
    var fade = Math.min(w, Math.max(0, Math.min(48, w / 2)));
    var solid = w - fade;
    ctx.fillStyle = color;
    if (solid > 0) ctx.fillRect(x0, top, solid, height);
    if (fade > 0) {
      var g = ctx.createLinearGradient(x0 + solid, 0, x1, 0);
      g.addColorStop(0, color);
      g.addColorStop(1, 'rgba(255, 255, 255, 0)');
      ctx.fillStyle = g;
      ctx.fillRect(x0 + solid, top, fade, height);
    } else {
      ctx.fillRect(x0, top, w, height);
    }
    ctx.save();
    ctx.strokeStyle = color;
    ctx.lineWidth = 1.5;
    ctx.setLineDash([3, 2]);
    ctx.beginPath();
    ctx.moveTo(x1 + 1, top + height / 2);
    ctx.lineTo(Math.min(right, x1 + OPEN_END), top + height / 2);
    ctx.moveTo(Math.min(right, x1 + 0.5), top);
    ctx.lineTo(Math.min(right, x1 + 0.5), top + height);
    ctx.stroke();
    ctx.restore();
  };

  /** The parser errors of a lane: a red line across the lane with a diamond, at the time they are placed. */
  Timeline.prototype.drawMarkers = function (ctx, lane, from, y, laneH, right) {
    for (var j = from; j < lane.s.length; j++) {
      if (lane.s[j] > this.vMax) break;
      if (lane.kind[j] !== MARKER) continue;
      var x = Math.round(this.xOf(lane.s[j])) + 0.5;
      if (x < GUTTER || x > right) continue;
      ctx.fillStyle = this.colors[lane.code[j]];
      ctx.fillRect(x - 1, y + 1, 2, laneH - 2);
      var r = Math.max(2, Math.min(6, laneH / 2 - 2));
      var cy = y + laneH / 2;
      ctx.beginPath();
      ctx.moveTo(x, cy - r);
      ctx.lineTo(x + r, cy);
      ctx.lineTo(x, cy + r);
      ctx.lineTo(x - r, cy);
      ctx.closePath();
      ctx.fill();
    }
  };

  Timeline.prototype.outline = function (ctx, i, color, width) {
    if (i < 0 || !this.run) return;
    var t = this.run.tests[i];
    if (!t || t.lane < 0 || t.su === null) return;
    var s = t.su / 1000 - this.origin, e = t.eu / 1000 - this.origin;
    if (e < this.vMin || s > this.vMax) return;
    var x0 = Math.max(GUTTER, this.xOf(s)), x1 = Math.min(GUTTER + this.plotW(), Math.max(this.xOf(e), this.xOf(s) + MIN_BAR));
    var y = AXIS + t.lane * this.laneH;
    ctx.strokeStyle = color;
    ctx.lineWidth = width;
    ctx.strokeRect(Math.floor(x0) - 1.5, y + 0.5, Math.ceil(x1 - x0) + 3, this.laneH - 1);
  };

  function tickStep(span, px) {
    for (var i = 0; i < TICK_STEPS.length; i++) {
      if (TICK_STEPS[i] / span * px >= 110) return TICK_STEPS[i];
    }
    return TICK_STEPS[TICK_STEPS.length - 1] * Math.ceil(span / px * 110 / TICK_STEPS[TICK_STEPS.length - 1]);
  }

  /** Fraction digits a tick label needs for ticks `step` ms apart. */
  function digitsFor(step) {
    if (step >= 1000) return 0;
    return Math.max(1, Math.min(6, 3 - Math.floor(Math.log10(step) + 1e-9)));
  }

  Timeline.prototype.drawAxis = function (ctx) {
    var span = this.vMax - this.vMin;
    var step = tickStep(span, this.plotW());
    var digits = digitsFor(step);
    var absMin = this.vMin + this.origin;
    var first = Math.ceil(absMin / step) * step;
    ctx.fillStyle = '#5f6368';
    ctx.strokeStyle = '#e0e3e7';
    ctx.lineWidth = 1;
    ctx.font = '11px system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    var bottom = this.height;
    var showDate = span > 864e5 || new Date(absMin).getUTCDate() !== new Date(this.vMax + this.origin).getUTCDate();
    for (var k = 0; k < 200; k++) {
      var abs = first + k * step;
      var rel = abs - this.origin;
      if (rel > this.vMax) break;
      var x = Math.round(this.xOf(rel)) + 0.5;
      ctx.beginPath();
      ctx.moveTo(x, AXIS - 4);
      ctx.lineTo(x, bottom);
      ctx.stroke();
      var label = SV.fmtClock(abs, digits);
      if (showDate && (k === 0 || step >= 864e5 || Math.floor(abs / 864e5) !== Math.floor((abs - step) / 864e5))) {
        label = SV.fmtDate(abs) + ' ' + label;
      }
      var half = ctx.measureText(label).width / 2;  // centred on its tick, like the charts' labels
      if (x - half >= GUTTER - 4 && x + half <= this.width - 2) ctx.fillText(label, x - half, AXIS / 2);
    }
    ctx.fillStyle = '#5f6368';
    ctx.fillText('UTC', 6, AXIS / 2);
    ctx.strokeStyle = '#bdc1c6';
    ctx.beginPath();
    ctx.moveTo(GUTTER, AXIS - 0.5);
    ctx.lineTo(GUTTER + this.plotW(), AXIS - 0.5);
    ctx.stroke();
  };

  Timeline.prototype.drawOverview = function () {
    var ctx = this.overview.getContext('2d');
    var dpr = this.dpr;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    if (!this.overviewImage) {
      this.overviewImage = document.createElement('canvas');
      this.overviewImage.width = this.overview.width;
      this.overviewImage.height = this.overview.height;
      var o = this.overviewImage.getContext('2d');
      o.setTransform(dpr, 0, 0, dpr, 0, 0);
      o.fillStyle = '#fafbfc';
      o.fillRect(GUTTER, 0, this.plotW(), OVERVIEW);
      o.fillStyle = '#5f6368';
      o.font = '11px system-ui, sans-serif';
      o.textBaseline = 'middle';
      o.fillText('whole run', 6, OVERVIEW / 2);
      if (this.rMax > this.rMin || this.hasTests) {
        o.fillStyle = '#e8f0fe';
        var rx0 = this.oxOf(this.rMin), rx1 = this.oxOf(this.rMax);
        o.fillRect(rx0, 0, Math.max(1, rx1 - rx0), OVERVIEW);
      }
      var n = Math.max(1, this.lanes.length);
      var rowH = Math.max(1, (OVERVIEW - 4) / n);
      for (var li = 0; li < this.lanes.length; li++) {
        var lane = this.lanes[li];
        var y = 2 + li * rowH;
        for (var pass = 0; pass < 2; pass++) {
          var lastX = -1, lastCode = -1;
          for (var j = 0; j < lane.s.length; j++) {
            var code = lane.code[j];
            if ((pass === 0) === (code <= 1)) continue;
            var x0 = Math.floor(this.oxOf(lane.s[j]));
            var x1 = Math.max(x0 + 1, Math.ceil(this.oxOf(lane.e[j])));
            if (x1 <= lastX && code === lastCode) continue;
            o.fillStyle = this.colors[code];
            o.fillRect(x0, y, x1 - x0, Math.max(1, rowH - (rowH > 3 ? 1 : 0)));
            lastX = x1; lastCode = code;
          }
        }
      }
    }
    ctx.clearRect(0, 0, this.width, OVERVIEW);
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.drawImage(this.overviewImage, 0, 0);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    var bx0 = this.oxOf(this.vMin), bx1 = Math.max(bx0 + 2, this.oxOf(this.vMax));
    ctx.fillStyle = 'rgba(26, 115, 232, 0.14)';
    ctx.fillRect(bx0, 0, bx1 - bx0, OVERVIEW);
    ctx.strokeStyle = '#1a73e8';
    ctx.lineWidth = 1.5;
    ctx.strokeRect(bx0 + 0.75, 0.75, bx1 - bx0 - 1.5, OVERVIEW - 1.5);
    ctx.fillStyle = '#1a73e8';
    ctx.fillRect(bx0 - 1, OVERVIEW / 2 - 8, 3, 16);
    ctx.fillRect(bx1 - 2, OVERVIEW / 2 - 8, 3, 16);
  };

  // ---------------------------------------------------------------- hit testing and tooltips

  /** Where test i is drawn, in CSS pixels of the main canvas ({x, y} of its middle), or null. */
  Timeline.prototype.pointOf = function (i) {
    var t = this.run && this.run.tests[i];
    if (!t || t.lane < 0 || t.su === null) return null;
    var s = t.su / 1000 - this.origin, e = t.eu / 1000 - this.origin;
    var x0 = this.xOf(s), x1 = Math.max(this.xOf(e), x0 + MIN_BAR);
    if (x1 < GUTTER || x0 > GUTTER + this.plotW()) return null;
    return { x: (Math.max(x0, GUTTER) + Math.min(x1, GUTTER + this.plotW())) / 2, y: AXIS + (t.lane + 0.5) * this.laneH };
  };

  /** The run index of the test under (x, y) on the main canvas, or -1. */
  Timeline.prototype.hit = function (x, y) {
    if (!this.hasTests || x < GUTTER || y < AXIS) return -1;
    var li = Math.floor((y - AXIS) / this.laneH);
    var lane = this.lanes[li];
    if (!lane) return -1;
    var t = this.tOf(x);
    var msPerPx = (this.vMax - this.vMin) / this.plotW();
    var tol = msPerPx * 3;
    var best = -1, bestD = Infinity;
    for (var j = firstReaching(lane, t - tol - msPerPx * MIN_BAR); j < lane.s.length && lane.s[j] <= t + tol; j++) {
      var s = lane.s[j], e = Math.max(lane.e[j], s + msPerPx * MIN_BAR);
      var d = t < s ? s - t : t > e ? t - e : -1 / Math.max(e - s, 1e-12);
      if (d < bestD || (d === bestD && lane.code[j] <= 1)) { bestD = d; best = lane.idx[j]; }
    }
    return bestD <= tol ? best : -1;
  };

  Timeline.prototype.showTip = function (i, x, y) {
    if (i < 0) { this.tip.hidden = true; return; }
    var t = this.run.tests[i];
    this.tipName.textContent = t.name || '(no name)';
    SV.clear(this.tipMeta);
    var lane = this.run.lanes[t.lane] ? this.run.lanes[t.lane].label : '';
    if (t.marker) {
      SV.append(this.tipMeta, ['Parser error, not a test: the stream was damaged here (at ', SV.fmtClock(t.su / 1000, 6),
        ', the last time before the damage) · ', lane]);
    } else if (t.open) {
      SV.append(this.tipMeta, [SV.badge(t.status), ' at least ', SV.fmtSeconds(t.dur), ' · starts ',
        SV.fmtClock(t.su / 1000, 6), ' · ', lane, h('div', { className: 'tl-tip-note' },
          'Still running when the stream ended: the bar ends where the stream stopped, not where the test ended.')]);
    } else {
      SV.append(this.tipMeta, [SV.badge(t.status), ' ', SV.fmtSeconds(t.dur), ' · starts ',
        SV.fmtClock(t.su / 1000, 6), ' · ', lane]);
    }
    this.tip.hidden = false;
    var w = this.tip.offsetWidth, hh = this.tip.offsetHeight;
    var left = x + 14;
    if (left + w > this.width - 4) left = Math.max(4, x - w - 14);
    var top = y + 16;
    if (top + hh > this.height + 60) top = Math.max(0, y - hh - 10);
    this.tip.style.left = left + 'px';
    this.tip.style.top = top + 'px';
  };

  // ---------------------------------------------------------------- interaction

  function pos(ev, el) {
    var r = el.getBoundingClientRect();
    return [ev.clientX - r.left, ev.clientY - r.top];
  }

  Timeline.prototype.bindMain = function () {
    var self = this;
    var c = this.canvas;
    var down = null;
    c.addEventListener('pointerdown', function (ev) {
      if (ev.button !== 0) return;
      var p = pos(ev, c);
      down = { x: p[0], y: p[1], vMin: self.vMin, vMax: self.vMax, moved: false, id: ev.pointerId };
      c.setPointerCapture(ev.pointerId);
    });
    c.addEventListener('pointermove', function (ev) {
      var p = pos(ev, c);
      if (down) {
        var dx = p[0] - down.x;
        if (Math.abs(dx) > 3) down.moved = true;
        if (down.moved) {
          var msPerPx = (down.vMax - down.vMin) / self.plotW();
          self.setRel(down.vMin - dx * msPerPx, down.vMax - dx * msPerPx);
          c.classList.add('is-panning');
          self.showTip(-1);
          return;
        }
      }
      var i = self.hit(p[0], p[1]);
      if (i !== self.hover) { self.hover = i; self.dirty(); }
      c.classList.toggle('is-over-test', i >= 0);
      self.showTip(i, p[0], p[1]);
    });
    c.addEventListener('pointerup', function (ev) {
      if (!down) return;
      var p = pos(ev, c);
      var moved = down.moved;
      down = null;
      c.classList.remove('is-panning');
      if (!moved) {
        var i = self.hit(p[0], p[1]);
        if (i >= 0 && self.opts.onOpen) self.opts.onOpen(i);
      }
    });
    c.addEventListener('pointercancel', function () { down = null; c.classList.remove('is-panning'); });
    c.addEventListener('pointerleave', function () {
      if (self.hover !== -1) { self.hover = -1; self.dirty(); }
      self.showTip(-1);
    });
    c.addEventListener('wheel', function (ev) {
      ev.preventDefault();
      var p = pos(ev, c);
      if (Math.abs(ev.deltaX) > Math.abs(ev.deltaY)) {
        var msPerPx = (self.vMax - self.vMin) / self.plotW();
        self.setRel(self.vMin + ev.deltaX * msPerPx, self.vMax + ev.deltaX * msPerPx);
        return;
      }
      var f = Math.exp(Math.max(-1, Math.min(1, ev.deltaY * (ev.deltaMode === 1 ? 0.05 : 0.0015))));
      self.zoomBy(f, p[0] >= GUTTER ? self.tOf(p[0]) : undefined);
    }, { passive: false });
    var keys = function (ev) {
      var span = self.vMax - self.vMin;
      if (ev.key === '+' || ev.key === '=') self.zoomBy(0.5);
      else if (ev.key === '-' || ev.key === '_') self.zoomBy(2);
      else if (ev.key === '0') self.reset();
      else if (ev.key === 'ArrowLeft') self.setRel(self.vMin - span * 0.2, self.vMax - span * 0.2);
      else if (ev.key === 'ArrowRight') self.setRel(self.vMin + span * 0.2, self.vMax + span * 0.2);
      else return;
      ev.preventDefault();
      ev.stopPropagation();
    };
    c.addEventListener('keydown', keys);
    this.overview.addEventListener('keydown', keys);
  };

  Timeline.prototype.bindOverview = function () {
    var self = this;
    var c = this.overview;
    var drag = null;
    c.addEventListener('pointerdown', function (ev) {
      if (ev.button !== 0) return;
      var x = pos(ev, c)[0];
      var bx0 = self.oxOf(self.vMin), bx1 = self.oxOf(self.vMax);
      var mode;
      if (Math.abs(x - bx0) <= 5) mode = 'left';
      else if (Math.abs(x - bx1) <= 5) mode = 'right';
      else if (x > bx0 && x < bx1) mode = 'move';
      else mode = 'new';
      drag = { mode: mode, x: x, vMin: self.vMin, vMax: self.vMax, moved: false };
      c.setPointerCapture(ev.pointerId);
    });
    c.addEventListener('pointermove', function (ev) {
      var x = pos(ev, c)[0];
      if (!drag) {
        var bx0 = self.oxOf(self.vMin), bx1 = self.oxOf(self.vMax);
        c.classList.toggle('is-edge', Math.abs(x - bx0) <= 5 || Math.abs(x - bx1) <= 5);
        c.classList.toggle('is-inside', x > bx0 + 5 && x < bx1 - 5);
        return;
      }
      if (Math.abs(x - drag.x) > 2) drag.moved = true;
      if (!drag.moved) return;
      var dt = (x - drag.x) / self.plotW() * (self.dMax - self.dMin);
      var t = self.otOf(x), t0 = self.otOf(drag.x);
      if (drag.mode === 'move') self.setRel(drag.vMin + dt, drag.vMax + dt);
      else if (drag.mode === 'left') self.setRel(Math.min(t, drag.vMax - self.minSpan()), drag.vMax);
      else if (drag.mode === 'right') self.setRel(drag.vMin, Math.max(t, drag.vMin + self.minSpan()));
      else self.setRel(Math.min(t, t0), Math.max(t, t0));
    });
    c.addEventListener('pointerup', function (ev) {
      if (!drag) return;
      var x = pos(ev, c)[0];
      if (!drag.moved && drag.mode !== 'left' && drag.mode !== 'right') {
        var half = (self.vMax - self.vMin) / 2;
        var t = self.otOf(x);
        self.setRel(t - half, t + half);
      }
      drag = null;
    });
    c.addEventListener('pointercancel', function () { drag = null; });
  };

  SV.Timeline = Timeline;
})();
