/*
 * StackViz report viewer: test details. Status, times, tags, and every attachment (tracebacks first), with a
 * level filter for Python logging text and a search inside the text. Attachments load lazily, by chunk.
 */
(function () {
  'use strict';

  var SV = window.StackViz;
  var h = SV.h;
  var LEVELS = ['DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL'];
  var LEVEL_RE = /\b(DEBUG|INFO|WARNING|WARN|ERROR|CRITICAL|FATAL)\b/;
  var SHOW_CHARS = 2000000;   // text shown before "show all"
  var MAX_MARKS = 5000;

  function attachmentRank(key) {
    if (/^traceback/i.test(key)) return 0;
    if (key === 'reason') return 1;
    return 2;
  }

  /** Splits text into lines with a level each (continuation lines take the level of the line before). */
  function levelLines(text) {
    var lines = text.split('\n');
    var levels = new Array(lines.length);
    var current = null;
    var seen = new Set();
    for (var i = 0; i < lines.length; i++) {
      var m = LEVEL_RE.exec(lines[i].length > 160 ? lines[i].slice(0, 160) : lines[i]);
      if (m) {
        current = m[1] === 'WARN' ? 'WARNING' : m[1] === 'FATAL' ? 'CRITICAL' : m[1];
        seen.add(current);
      }
      levels[i] = current;
    }
    return { lines: lines, levels: levels, seen: seen };
  }

  /** @param total the attachment's length, more than text's when the report holds only its start */
  function Attachment(key, text, total) {
    this.key = key;
    this.text = text;
    this.total = total;
    this.levels = null;
    this.enabled = new Set(LEVELS);
    this.query = '';
    this.current = -1;
    this.showAll = text.length <= SHOW_CHARS;
    var parsed = levelLines(text);
    if (parsed.seen.size > 0) this.levels = parsed;
    this.build();
  }

  Attachment.prototype.build = function () {
    var self = this;
    this.pre = h('pre', { className: 'att-text', tabIndex: 0 });
    this.count = h('span', { className: 'att-count' });
    var tools = h('div', { className: 'att-tools' });
    if (this.levels) {
      var lv = h('span', { className: 'levels', role: 'group', aria: { label: 'Log levels' } });
      LEVELS.forEach(function (level) {
        if (!self.levels.seen.has(level)) return;
        var n = 0;
        for (var i = 0; i < self.levels.levels.length; i++) if (self.levels.levels[i] === level) n++;
        var box = h('input', { type: 'checkbox', checked: true, dataset: { level: level } });
        box.addEventListener('change', function () {
          if (box.checked) self.enabled.add(level); else self.enabled.delete(level);
          self.render();
        });
        lv.appendChild(h('label', { className: 'level lv-' + level.toLowerCase() }, box, ' ' + level + ' ', h('span', { className: 'muted' }, SV.fmtCount(n))));
      });
      tools.appendChild(lv);
    }
    this.search = h('input', { type: 'search', className: 'att-search', placeholder: 'search in ' + this.key, spellcheck: false,
      aria: { label: 'Search in ' + this.key } });
    var timer = 0;
    this.search.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(function () { self.query = self.search.value; self.current = -1; self.render(); }, 150);
    });
    this.search.addEventListener('keydown', function (ev) {
      if (ev.key === 'Enter') { ev.preventDefault(); clearTimeout(timer); self.step(ev.shiftKey ? -1 : 1); }
    });
    tools.appendChild(this.search);
    tools.appendChild(h('button', { type: 'button', title: 'Previous match (Shift+Enter)', onclick: function () { self.step(-1); } }, '↑'));
    tools.appendChild(h('button', { type: 'button', title: 'Next match (Enter)', onclick: function () { self.step(1); } }, '↓'));
    tools.appendChild(this.count);
    this.more = h('button', { type: 'button', className: 'more', hidden: true, onclick: function () { self.showAll = true; self.render(); } });
    var cut = this.total > this.text.length
      ? h('p', { className: 'note att-cut' }, 'The report holds the first ' + SV.fmtCount(this.text.length) + ' of these characters: a browser'
        + ' cannot hold more in one piece. The whole text is in the run\'s details.json.')
      : null;
    this.el = h('section', { className: 'attachment' + (attachmentRank(this.key) === 0 ? ' is-traceback' : ''), dataset: { key: this.key } },
      h('h2', null, this.key, h('span', { className: 'muted att-size' }, ' ' + SV.fmtCount(this.total) + ' characters')),
      cut, tools, this.pre, this.more);
    this.render();
  };

  /** The text after the level filter. */
  Attachment.prototype.visibleText = function () {
    if (!this.levels || this.enabled.size === LEVELS.length) return this.text;
    var out = [];
    var L = this.levels;
    for (var i = 0; i < L.lines.length; i++) {
      if (L.levels[i] === null || this.enabled.has(L.levels[i])) out.push(L.lines[i]);
    }
    return out.join('\n');
  };

  Attachment.prototype.render = function () {
    var text = this.visibleText();
    var full = text.length;
    if (!this.showAll && text.length > SHOW_CHARS) text = text.slice(0, SHOW_CHARS);
    this.more.hidden = text.length === full;
    this.more.textContent = 'Show all ' + SV.fmtCount(full) + ' characters';
    SV.clear(this.pre);
    this.marks = [];
    var q = this.query;
    this.rendered = q;
    if (!q) {
      this.pre.appendChild(document.createTextNode(text));
      this.count.textContent = '';
      return;
    }
    var lowerText = text.toLowerCase(), lq = q.toLowerCase();
    if (lowerText.length !== text.length) { lowerText = text; lq = q; } // case folding changed lengths
    var frag = document.createDocumentFragment();
    var pos = 0, built = 0, n = 0, at;
    while ((at = lowerText.indexOf(lq, pos)) >= 0) {
      n++;
      if (this.marks.length < MAX_MARKS) {
        if (at > built) frag.appendChild(document.createTextNode(text.slice(built, at)));
        var mark = h('mark', null, text.slice(at, at + lq.length));
        this.marks.push(mark);
        frag.appendChild(mark);
        built = at + lq.length;
      }
      pos = at + lq.length;
    }
    frag.appendChild(document.createTextNode(text.slice(built)));
    this.pre.appendChild(frag);
    this.count.textContent = n === 0 ? 'no match' : SV.fmtCount(n) + (n === 1 ? ' match' : ' matches') +
      (n > this.marks.length ? ' (first ' + SV.fmtCount(this.marks.length) + ' highlighted)' : '');
    this.count.dataset.matches = String(n);
    if (this.current >= this.marks.length) this.current = -1;
  };

  Attachment.prototype.step = function (dir) {
    if (this.search.value !== this.rendered) { this.query = this.search.value; this.current = -1; this.render(); }
    if (!this.marks || !this.marks.length) return;
    if (this.current >= 0 && this.marks[this.current]) this.marks[this.current].classList.remove('current');
    this.current = (this.current + dir + this.marks.length) % this.marks.length;
    var m = this.marks[this.current];
    m.classList.add('current');
    m.scrollIntoView({ block: 'center' });
  };

  // ------------------------------------------------------------------ the view

  function neighbours(run, i) {
    var nav = SV.nav;
    var list = null, label = 'this run';
    if (nav && nav.k === run.k) {
      var l = nav.indices || (nav.names || []).map(function (n) { return run.byName.has(n) ? run.byName.get(n) : -1; });
      if (l.indexOf(i) >= 0) { list = l; label = nav.label; }
    }
    if (!list) {
      return { prev: i > 0 ? i - 1 : -1, next: i + 1 < run.tests.length ? i + 1 : -1, pos: i, size: run.tests.length, label: label };
    }
    var p = list.indexOf(i);
    return { prev: p > 0 ? list[p - 1] : -1, next: p + 1 < list.length ? list[p + 1] : -1, pos: p, size: list.length, label: label };
  }

  var current = null; // {k, i, prev, next}

  SV.testNeighbour = function (dir) {
    if (!current) return;
    var target = dir < 0 ? current.prev : current.next;
    if (target < 0) return;
    location.hash = SV.hash({ run: current.k, test: current.run.tests[target].name, i: target });
  };

  /** Renders test `name` (record `i` when given and matching) of run k. */
  SV.renderTest = function (section, k, name, iParam) {
    SV.clear(section);
    current = null;
    if (name === undefined || name === null) {
      section.appendChild(h('h1', null, 'Test'));
      section.appendChild(h('p', { className: 'muted' }, 'Open a test from Runs, Timeline or Find.'));
      return Promise.resolve();
    }
    var loading = h('p', { className: 'muted' }, 'Loading…');
    section.appendChild(loading);
    return SV.getRun(k).then(function (run) {
      var i = -1;
      var asked = parseInt(iParam, 10);
      if (isFinite(asked) && run.tests[asked] && run.tests[asked].name === name) i = asked;
      else if (run.byName.has(name)) i = run.byName.get(name);
      SV.clear(section);
      if (i < 0) {
        section.appendChild(h('h1', { className: 'test-name' }, name));
        section.appendChild(h('p', { className: 'note' }, 'This run has no test of that name.'));
        return;
      }
      var t = run.tests[i];
      var nb = neighbours(run, i);
      current = { k: k, i: i, run: run, prev: nb.prev, next: nb.next };
      var link = SV.testHash(k, t.name);
      section.appendChild(h('nav', { className: 'test-nav' },
        h('button', { type: 'button', id: 'test-prev', disabled: nb.prev < 0, title: 'Previous test (←)', onclick: function () { SV.testNeighbour(-1); } }, '← Previous'),
        h('span', { className: 'muted' }, (nb.pos + 1) + ' of ' + SV.fmtCount(nb.size) + ' in ' + nb.label),
        h('button', { type: 'button', id: 'test-next', disabled: nb.next < 0, title: 'Next test (→)', onclick: function () { SV.testNeighbour(1); } }, 'Next →'),
        h('a', { href: link, className: 'permalink', title: 'A link that opens this test' }, 'link to this test'),
        t.su !== null && !SV.isPrev(k) ? h('a', { href: SV.hash({ run: k, view: 'timeline', focus: t.name }), className: 'to-timeline' }, 'show in timeline') : null));
      section.appendChild(h('h1', { className: 'test-name', id: 'test-name' }, t.name || '(no name)'));
      var lane = t.lane >= 0 && run.lanes[t.lane] ? run.lanes[t.lane].label : null;
      section.appendChild(h('dl', { className: 'test-meta' },
        h('dt', null, 'status'), h('dd', { id: 'test-status' }, SV.badge(t.status)),
        h('dt', null, 'run'), h('dd', null, SV.runLabel(k)),
        h('dt', null, 'start (UTC)'), h('dd', null, t.su === null ? 'not recorded' : SV.fmtMicros(t.su)),
        h('dt', null, 'end (UTC)'), h('dd', { id: 'test-end' }, t.eu === null ? 'not recorded' : t.open
          ? [SV.fmtMicros(t.eu), h('span', { className: 'muted' }, ' (where the stream stopped: the test was still running)')]
          : t.marker ? [SV.fmtMicros(t.eu), h('span', { className: 'muted' }, ' (a parser error, placed at the last time before the damage)')]
          : SV.fmtMicros(t.eu)),
        h('dt', null, 'duration'), h('dd', null, t.open && t.dur !== null ? 'at least ' + SV.fmtSeconds(t.dur) : SV.fmtSeconds(t.dur)),
        h('dt', null, 'tags'), h('dd', { className: 'tags' }, t.tags.length ? t.tags.map(function (tag) { return h('span', { className: 'tag' }, tag); }) : h('span', { className: 'muted' }, 'none')),
        lane ? [h('dt', null, 'lane'), h('dd', null, lane)] : null));
      var history = h('section', { className: 'test-history', id: 'test-history' });
      section.appendChild(history);
      SV.renderHistory(history, k, t.name); // not awaited: the other runs of a large repository take a while
      if (SV.isPrev(k)) {
        section.appendChild(h('p', { className: 'muted', id: 'attachments' }, 'This run is from the previous export: its attachments are not copied into this report.'));
        return;
      }
      var loading = h('p', { className: 'muted', id: 'attachments-loading' }, 'Loading attachments…');
      var box = h('div', { className: 'attachments', id: 'attachments' }, loading);
      section.appendChild(box);
      return SV.getAttachments(k, t.name, function (done, total) {
        loading.textContent = 'Loading attachments… ' + SV.fmtCount(done) + ' of ' + SV.fmtCount(total) + ' parts';
      }).then(function (atts) {
        if (!current || current.i !== i || current.k !== k) return;
        SV.clear(box);
        box.dataset.count = String(atts.length);
        if (!atts.length) { box.appendChild(h('p', { className: 'muted' }, 'This test has no attachments.')); return; }
        atts.map(function (a, n) { return { a: a, n: n }; })
          .sort(function (x, y) { return attachmentRank(x.a.key) - attachmentRank(y.a.key) || x.n - y.n; })
          .forEach(function (x) { box.appendChild(new Attachment(x.a.key, x.a.text, x.a.total).el); });
      }, function (err) {
        SV.clear(box);
        box.dataset.count = '0';
        box.dataset.error = 'true';
        box.appendChild(h('p', { className: 'note' }, 'The attachments could not be loaded: ' + err.message));
      });
    });
  };
})();
