/*
 * StackViz report viewer: core. Data registry, script loader, DOM helpers, formatting, run model.
 *
 * Security rule for every file of this viewer: data (test names, tags, attachments, statuses, file names)
 * only ever reaches the page as text: textContent, text nodes, canvas fillText. Never innerHTML,
 * insertAdjacentHTML, document.write, eval or string-built styles.
 */
(function () {
  'use strict';

  var SV = window.StackViz = window.StackViz || {};
  var store = new Map();       // key -> payload
  var waiting = new Map();     // key -> [resolve, ...]

  function keyOf(kind, payload) {
    switch (kind) {
      case 'index': return 'index';
      case 'run': return 'run:' + payload.run;
      case 'prev': return 'prev:' + payload.prev;
      case 'dindex': return 'dindex:' + payload.run;
      case 'details': return 'details:' + payload.run + ':' + payload.chunk;
      case 'dstat': return 'dstat:' + payload.dstat;
      default: return null;
    }
  }

  /** Called by every viewer-data/*.js file. */
  SV.data = function (kind, payload) {
    if (!payload || typeof payload !== 'object') return;
    var key = keyOf(kind, payload);
    if (key === null) return;
    store.set(key, payload);
    var list = waiting.get(key);
    if (list) {
      waiting.delete(key);
      list.forEach(function (w) { w.resolve(payload); });
    }
  };

  SV.peek = function (key) { return store.get(key); };
  SV.forget = function (key) { store.delete(key); };

  /** Loads viewer-data/<file> through a script element; resolves with the payload registered under key. */
  SV.load = function (key, file) {
    if (store.has(key)) return Promise.resolve(store.get(key));
    return new Promise(function (resolve, reject) {
      var list = waiting.get(key);
      var first = !list;
      if (first) { list = []; waiting.set(key, list); }
      list.push({ resolve: resolve, reject: reject });
      if (!first) return;
      var s = document.createElement('script');
      s.src = 'viewer-data/' + file;
      s.async = true;
      function fail(message) {
        var pending = waiting.get(key) || [];
        waiting.delete(key);
        pending.forEach(function (w) { w.reject(new Error(message)); });
      }
      s.onload = function () {
        s.remove();
        if (!store.has(key)) fail('viewer-data/' + file + ' did not register its data');
      };
      s.onerror = function () {
        s.remove();
        fail('viewer-data/' + file + ' could not be loaded');
      };
      document.head.appendChild(s);
    });
  };

  // ------------------------------------------------------------------ DOM helpers

  /**
   * h('div', {className: 'x', title: 't', onclick: f}, child, ...): children are nodes or strings (as text).
   * Only a fixed set of properties is accepted, so nothing here can set HTML or inline style.
   */
  function h(tag, props) {
    var el = document.createElement(tag);
    if (props) {
      Object.keys(props).forEach(function (k) {
        var v = props[k];
        if (v === undefined || v === null) return;
        if (k.slice(0, 2) === 'on') el.addEventListener(k.slice(2), v);
        else if (k === 'className' || k === 'title' || k === 'type' || k === 'value' || k === 'placeholder' ||
                 k === 'checked' || k === 'disabled' || k === 'tabIndex' || k === 'id' || k === 'hidden' ||
                 k === 'htmlFor' || k === 'name' || k === 'min' || k === 'max' || k === 'colSpan' ||
                 k === 'spellcheck' || k === 'autocomplete') el[k] = v;
        else if (k === 'href') el.setAttribute('href', safeHref(v));
        else if (k === 'dataset') Object.keys(v).forEach(function (d) { el.dataset[d] = String(v[d]); });
        else if (k === 'aria') Object.keys(v).forEach(function (a) { el.setAttribute('aria-' + a, String(v[a])); });
        else if (k === 'role') el.setAttribute('role', v);
        else throw new Error('h(): unsupported property ' + k);
      });
    }
    for (var i = 2; i < arguments.length; i++) append(el, arguments[i]);
    return el;
  }

  function append(el, child) {
    if (child === undefined || child === null || child === false) return;
    if (Array.isArray(child)) { child.forEach(function (c) { append(el, c); }); return; }
    if (typeof child === 'string' || typeof child === 'number') el.appendChild(document.createTextNode(String(child)));
    else el.appendChild(child);
  }

  /** Only in-page links are ever built from data. */
  function safeHref(v) {
    v = String(v);
    return v.charAt(0) === '#' ? v : '#';
  }

  function clear(el) {
    while (el.firstChild) el.removeChild(el.firstChild);
    return el;
  }

  SV.h = h;
  SV.append = append;
  SV.clear = clear;

  // ------------------------------------------------------------------ formatting

  function pad(n, w) { n = String(n); while (n.length < w) n = '0' + n; return n; }

  /** Epoch µs -> "2026-11-28 09:01:57.461838" (UTC). */
  SV.fmtMicros = function (us) {
    if (us === null || us === undefined || !isFinite(us)) return '—';
    var sec = Math.floor(us / 1e6);
    var frac = Math.round(us - sec * 1e6);
    if (frac >= 1e6) { sec += 1; frac -= 1e6; }
    var d = new Date(sec * 1000);
    if (isNaN(d.getTime())) return '—';
    return d.getUTCFullYear() + '-' + pad(d.getUTCMonth() + 1, 2) + '-' + pad(d.getUTCDate(), 2) + ' ' +
      pad(d.getUTCHours(), 2) + ':' + pad(d.getUTCMinutes(), 2) + ':' + pad(d.getUTCSeconds(), 2) + '.' +
      pad(frac, 6);
  };

  /** Epoch ms -> "09:01:57" (digits = 0) or "09:01:57.4618" (digits = 4), rounded, UTC. */
  SV.fmtClock = function (ms, digits) {
    digits = digits || 0;
    var scale = Math.pow(10, digits);
    var units = Math.round(ms * scale / 1000);
    var sec = Math.floor(units / scale);
    var d = new Date(sec * 1000);
    if (isNaN(d.getTime())) return '—';
    var s = pad(d.getUTCHours(), 2) + ':' + pad(d.getUTCMinutes(), 2) + ':' + pad(d.getUTCSeconds(), 2);
    if (digits > 0) s += '.' + pad(units - sec * scale, digits);
    return s;
  };

  SV.fmtDate = function (ms) {
    var d = new Date(ms);
    if (isNaN(d.getTime())) return '—';
    return d.getUTCFullYear() + '-' + pad(d.getUTCMonth() + 1, 2) + '-' + pad(d.getUTCDate(), 2);
  };

  /** Seconds -> "0.000706 s", "12.3 s", "3 min 12 s", "2 h 03 min". */
  SV.fmtSeconds = function (s) {
    if (s === null || s === undefined || typeof s !== 'number' || !isFinite(s)) return '—';
    var a = Math.abs(s);
    if (a === 0) return '0 s';
    if (a < 0.001) return (s * 1e6).toFixed(0) + ' µs';
    if (a < 1) return (s * 1000).toFixed(a < 0.01 ? 3 : a < 0.1 ? 2 : 1) + ' ms';
    if (a < 60) return s.toFixed(a < 10 ? 3 : 2) + ' s';
    var m = Math.floor(a / 60);
    if (m < 60) return (s < 0 ? '-' : '') + m + ' min ' + pad(Math.round(a - m * 60), 2) + ' s';
    var hh = Math.floor(m / 60);
    return (s < 0 ? '-' : '') + hh + ' h ' + pad(m - hh * 60, 2) + ' min';
  };

  SV.fmtBytes = function (b) {
    if (b === null || b === undefined || !isFinite(b)) return '—';
    var u = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
    var i = 0;
    var v = Math.abs(b);
    while (v >= 1024 && i < u.length - 1) { v /= 1024; i++; }
    var digits = v === Math.round(v) && i === 0 ? 0 : v < 10 ? 2 : v < 100 ? 1 : 0;
    return (b < 0 ? '-' : '') + Number(v.toFixed(digits)) + ' ' + u[i];
  };

  SV.fmtCount = function (n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  };

  // ------------------------------------------------------------------ statuses

  var STATUS = {
    fail: { label: 'fail', order: 0, color: '#d93025', cls: 'st-fail' },
    uxsuccess: { label: 'uxsuccess', order: 1, color: '#a142f4', cls: 'st-uxsuccess' },
    inprogress: { label: 'inprogress', order: 2, color: '#f29900', cls: 'st-inprogress' },
    unknown: { label: 'unknown', order: 3, color: '#5f6368', cls: 'st-unknown' },
    skip: { label: 'skip', order: 4, color: '#8ab4f8', cls: 'st-skip' },
    xfail: { label: 'xfail', order: 5, color: '#e8710a', cls: 'st-xfail' },
    success: { label: 'success', order: 6, color: '#1e8e3e', cls: 'st-success' },
    exists: { label: 'exists', order: 7, color: '#bdc1c6', cls: 'st-exists' }
  };
  var OTHER = { label: 'other', order: 8, color: '#3c4043', cls: 'st-other' };

  SV.STATUS_ORDER = Object.keys(STATUS);
  SV.status = function (s) {
    return Object.prototype.hasOwnProperty.call(STATUS, s) ? STATUS[s] : OTHER;
  };
  SV.isFailure = function (s) { return s === 'fail' || s === 'uxsuccess'; };

  SV.badge = function (status) {
    var info = SV.status(status);
    return h('span', { className: 'badge ' + info.cls }, typeof status === 'string' ? status : '(none)');
  };

  // ------------------------------------------------------------------ index and runs

  SV.index = function () { return store.get('index') || null; };

  /**
   * Runs are numbers (their position in config.json) or, for the runs of a previous export (the `previous`
   * parameter), strings 'p0', 'p1', ... SV.runId('p1') -> 'p1', SV.runId('2') -> 2, null when there is no such run.
   */
  SV.isPrev = function (k) { return typeof k === 'string'; };

  SV.previousRuns = function () {
    var idx = SV.index();
    var prev = idx && idx.previous && typeof idx.previous === 'object' ? idx.previous : null;
    return prev && Array.isArray(prev.runs) ? prev.runs : [];
  };

  SV.runId = function (text) {
    text = String(text === undefined || text === null ? '' : text).trim();
    var m = /^(p?)(\d{1,9})$/.exec(text);
    if (!m) return null;
    var n = parseInt(m[2], 10);
    if (m[1]) return n < SV.previousRuns().length ? 'p' + n : null;
    var idx = SV.index();
    return idx && n < idx.entries.length ? n : null;
  };

  SV.entry = function (k) {
    if (SV.isPrev(k)) return SV.previousRuns()[parseInt(k.slice(1), 10)] || null;
    var idx = SV.index();
    return idx && idx.entries[k] ? idx.entries[k] : null;
  };

  SV.runLabel = function (k) {
    var e = SV.entry(k);
    var name = e && typeof e.name === 'string' ? e.name : 'run ' + k;
    return SV.isPrev(k) ? 'previous export: ' + name : name;
  };

  var WORKER = /^worker-(\d+)$/;
  /** The pseudo-test a damaged stream's reading problems are reported as (python-subunit's name). */
  SV.PARSER_TEST = 'subunit.parser';
  var runs = new Map();

  /**
   * The model of run k: {k, entry, tests: [{i, name, status, su, eu, dur, tags, lane, open, marker}], byName: Map,
   *  lanes: [{label, worker, tests: [i...]}], counts: Map, startUs, endUs, zero: [i], open: [i], markers: [i],
   *  untimed: [i], problems}.
   * su/eu are epoch microseconds (integers, exact) or null. `open`: the test had not finished when the stream
   * ended (status inprogress, or no status at all): its end is where the stream stopped, not where the test
   * ended. `marker`: a parser error of a damaged stream (subunit.parser), placed where the damage was: no test.
   */
  SV.getRun = function (k) {
    if (runs.has(k)) return runs.get(k);
    var key = SV.isPrev(k) ? 'prev:' + k.slice(1) : 'run:' + k;
    var p = SV.load(key, SV.isPrev(k) ? 'prev-' + k.slice(1) + '.js' : 'run-' + k + '.js').then(function (payload) {
      SV.forget(key);
      var started = performance.now();
      var run = buildRun(k, payload);
      SV.metrics.buildRun = (SV.metrics.buildRun || 0) + performance.now() - started;
      return run;
    });
    runs.set(k, p);
    p.catch(function () { runs.delete(k); });
    return p;
  };

  function num(v) { return typeof v === 'number' && isFinite(v) ? v : null; }
  function str(v) { return typeof v === 'string' ? v : ''; }

  var NO_TAGS = [];

  /** list itself when it holds only strings (as the export writes it), else its strings. */
  function stringsOf(list) {
    for (var i = 0; i < list.length; i++) {
      if (typeof list[i] !== 'string') return list.filter(function (x) { return typeof x === 'string'; });
    }
    return list;
  }

  function buildRun(k, payload) {
    var rows = Array.isArray(payload.tests) ? payload.tests : [];
    var t0 = num(payload.t0);
    var base = t0 === null ? 0 : t0 * 1000;
    var tests = new Array(rows.length);
    var byName = new Map();
    var counts = new Map();
    var laneMap = new Map();
    var minUs = Infinity, maxUs = -Infinity;
    var zero = [], open = [], markers = [], untimed = [];
    for (var i = 0; i < rows.length; i++) {
      var r = Array.isArray(rows[i]) ? rows[i] : [];
      var s = num(r[2]), e = num(r[3]);
      var tags = Array.isArray(r[5]) ? stringsOf(r[5]) : NO_TAGS;
      var t = {
        i: i,
        name: str(r[0]),
        status: typeof r[1] === 'string' ? r[1] : 'unknown',
        su: s === null ? null : base + s,
        eu: e === null ? null : base + e,
        dur: num(r[4]),
        tags: tags,
        lane: -1,
        open: false,
        marker: false
      };
      t.open = t.status === 'inprogress' || t.status === 'unknown';
      t.marker = t.name === SV.PARSER_TEST;
      tests[i] = t;
      byName.set(t.name, i);
      counts.set(t.status, (counts.get(t.status) || 0) + 1);
      if (t.su !== null && t.eu !== null) {
        if (t.su < minUs) minUs = t.su;
        if (t.eu > maxUs) maxUs = t.eu;
        if (t.marker) markers.push(i);
        else if (t.open) open.push(i);
        else if (t.eu <= t.su) zero.push(i);
        var worker = null;
        for (var j = 0; j < tags.length; j++) {
          var m = WORKER.exec(tags[j]);
          if (m) { worker = parseInt(m[1], 10); break; }
        }
        var lk = worker === null ? 'none' : 'w' + worker;
        var lane = laneMap.get(lk);
        if (!lane) {
          lane = { label: worker === null ? 'no worker tag' : 'worker-' + worker, worker: worker, tests: [] };
          laneMap.set(lk, lane);
        }
        lane.tests.push(i);
      } else {
        untimed.push(i);
      }
    }
    var lanes = Array.from(laneMap.values()).sort(function (a, b) {
      if (a.worker === null) return 1;
      if (b.worker === null) return -1;
      return a.worker - b.worker;
    });
    lanes.forEach(function (lane, li) {
      lane.tests.sort(function (a, b) { return tests[a].su - tests[b].su || a - b; });
      lane.tests.forEach(function (ti) { tests[ti].lane = li; });
    });
    return {
      k: k,
      entry: SV.entry(k),
      tests: tests,
      byName: byName,
      counts: counts,
      lanes: lanes,
      startUs: minUs === Infinity ? null : minUs,
      endUs: maxUs === -Infinity ? null : maxUs,
      zero: zero,
      open: open,
      markers: markers,
      untimed: untimed,
      chunks: num(payload.chunks) || 0,
      problems: Array.isArray(payload.problems) ? payload.problems.filter(function (x) { return typeof x === 'string'; }) : []
    };
  }

  // ------------------------------------------------------------------ details (attachments)

  var dindex = new Map();      // k -> Promise<Map(name -> [first, last])>
  var chunkCache = new Map();  // 'k:c' -> Promise<items>, most recent last
  var CHUNK_CACHE = 12;

  function detailsIndex(k) {
    if (dindex.has(k)) return dindex.get(k);
    var p = SV.load('dindex:' + k, 'run-' + k + '-index.js').then(function (payload) {
      SV.forget('dindex:' + k);
      var m = new Map();
      (Array.isArray(payload.tests) ? payload.tests : []).forEach(function (r) {
        if (Array.isArray(r) && typeof r[0] === 'string') m.set(r[0], [num(r[1]), num(r[2])]);
      });
      return m;
    });
    dindex.set(k, p);
    p.catch(function () { dindex.delete(k); });
    return p;
  }

  function chunk(k, c) {
    var key = k + ':' + c;
    if (chunkCache.has(key)) {
      var hit = chunkCache.get(key);
      chunkCache.delete(key);
      chunkCache.set(key, hit);
      return hit;
    }
    var p = SV.load('details:' + k + ':' + c, 'run-' + k + '-d' + c + '.js').then(function (payload) {
      SV.forget('details:' + k + ':' + c);
      return Array.isArray(payload.items) ? payload.items : [];
    });
    chunkCache.set(key, p);
    p.catch(function () { chunkCache.delete(key); });
    while (chunkCache.size > CHUNK_CACHE) chunkCache.delete(chunkCache.keys().next().value);
    return p;
  }

  /**
   * The most characters of one attachment the report holds: a browser's strings end at about 2^29 characters
   * (V8's limit; Firefox's is 2^30), and joining a larger log failed with "Invalid string length".
   */
  SV.MAX_TEXT = 268435456;

  /**
   * Resolves with the attachments of test `name` of run k: [{key, text, total}] in file order, text cut at
   * SV.MAX_TEXT characters and total its whole length; [] for none. onProgress(done, total), if given, hears
   * of each part loaded when there are several.
   */
  SV.getAttachments = function (k, name, onProgress) {
    if (SV.isPrev(k)) return Promise.resolve([]); // a previous export's attachments are not copied
    var max = SV.MAX_TEXT;
    return detailsIndex(k).then(function (m) {
      var range = m.get(name);
      if (!range || range[0] === null || range[0] < 0) return [];
      var first = range[0], last = Math.max(range[0], range[1] || range[0]);
      var loads = [];
      var done = 0, total = last - first + 1;
      for (var c = first; c <= last; c++) {
        loads.push(chunk(k, c).then(function (items) {
          done++;
          if (onProgress && total > 1) onProgress(done, total); // a long log comes in many parts
          return items;
        }));
      }
      return Promise.all(loads).then(function (chunks) {
        var out = [];
        var byKey = new Map();
        chunks.forEach(function (items) {
          for (var i = 0; i < items.length; i++) {
            var it = items[i];
            if (!Array.isArray(it) || it[0] !== name) continue;
            var key = str(it[1]);
            var text = str(it[2]);
            var a = byKey.get(key);
            if (!a) { a = { key: key, parts: [], length: 0, total: 0 }; byKey.set(key, a); out.push(a); }
            a.total += text.length;
            if (a.length < max) {
              var part = text.length > max - a.length ? text.slice(0, max - a.length) : text;
              a.parts.push(part);
              a.length += part.length;
            }
          }
        });
        return out.map(function (a) { return { key: a.key, text: a.parts.join(''), total: a.total }; });
      });
    });
  };

  // ------------------------------------------------------------------ location hash

  /** '#run=0&test=a.b' -> {run: '0', test: 'a.b'}. Values are percent-decoded; '+' stays '+'. */
  SV.parseHash = function (hash) {
    var out = {};
    String(hash || '').replace(/^#/, '').split('&').forEach(function (part) {
      if (!part) return;
      var eq = part.indexOf('=');
      var k = eq < 0 ? part : part.slice(0, eq);
      var v = eq < 0 ? '' : part.slice(eq + 1);
      try { out[decodeURIComponent(k)] = decodeURIComponent(v); } catch (e) { /* malformed: ignore */ }
    });
    return out;
  };

  SV.hash = function (params) {
    return '#' + Object.keys(params).filter(function (k) {
      return params[k] !== undefined && params[k] !== null;
    }).map(function (k) {
      return encodeURIComponent(k) + '=' + encodeURIComponent(String(params[k]));
    }).join('&');
  };

  SV.testHash = function (k, name) { return SV.hash({ run: k, test: name }); };

  // ------------------------------------------------------------------ misc

  SV.metrics = { start: performance.now() };

  /** Runs f on the next animation frame at most once per frame. */
  SV.frame = function (f) {
    var pending = false;
    return function () {
      if (pending) return;
      pending = true;
      requestAnimationFrame(function () { pending = false; f(); });
    };
  };

  /** Calls f when el's width changes; returns a function that stops that. */
  SV.onResize = function (el, f) {
    if (window.ResizeObserver) {
      var last = el.clientWidth;
      var ro = new ResizeObserver(function () {
        var w = el.clientWidth;
        if (w !== last) { last = w; f(); }
      });
      ro.observe(el);
      return function () { ro.disconnect(); };
    }
    window.addEventListener('resize', f);
    return function () { window.removeEventListener('resize', f); };
  };
})();
