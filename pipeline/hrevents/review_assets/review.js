/* hrevents review page: plain JavaScript, no libraries, no network.
 * Data: the JSON in #review-data (written by hrevents.review.page_data).
 * Only the rows of the current page are in the DOM, so thousands of events stay fast. */
(function () {
  'use strict';

  var DATA = JSON.parse(document.getElementById('review-data').textContent);
  var COLS = DATA.columns;
  var FORMULA = DATA.formula_start;
  var EDITABLE = ['action', 'trigger', 'victim', 'perpetrator', 'place', 'destination', 'date', 'date_text', 'detail', 'evidence'];
  var ENTS = [
    ['trigger', 'trigger', 'trigger'], ['victim', 'victim', 'victim'], ['perpetrator', 'perpetrator', 'perpetrator'],
    ['place', 'place', 'place'], ['destination', 'destination', 'destination'], ['date_text', 'date', 'date'],
    ['detail', 'detail', 'detail']
  ];
  var ISO = /^\d{4}(-\d{2}(-\d{2})?)?$/;
  var STORE_KEY = 'hrevents-review:' + DATA.key;
  var REVIEWER_KEY = 'hrevents-review:reviewer'; // one name for every page this browser opens
  var CHARTS_KEY = 'hrevents-review:charts';
  var STATUS_ORDER = { '': 0, correct: 1, corrected: 2, wrong: 3, added: 4 };
  var REVIEW_COLS = ['review_status', 'review_note', 'reviewer', 'reviewed_at'];
  // Geo columns that depend on `place` and on `destination` (README, "Geo columns of the event record").
  var PLACE_GEO = ['country', 'admin1', 'geo_name', 'geonames_id', 'latitude', 'longitude', 'feature_class'];
  var DEST_GEO = ['destination_country', 'destination_geonames_id'];
  var collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

  var $ = function (id) { return document.getElementById(id); };

  function esc(value) {
    return String(value == null ? '' : value).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }
  function fold(text) {
    return String(text || '').normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  }
  function escRe(text) { return text.replace(/[.*+?^${}()|[\]\\\/]/g, '\\$&'); }
  function dateBounds(date) {
    if (!date || !ISO.test(date)) return null;
    var p = date.split('-');
    return [p[0] + '-' + (p[1] || '01') + '-' + (p[2] || '01'), p[0] + '-' + (p[1] || '12') + '-' + (p[2] || '31')];
  }
  /* A call waits until calls stop for `ms`; `flush` runs a waiting call at once. */
  function debounce(fn, ms) {
    var timer = null;
    var call = function () { clearTimeout(timer); timer = setTimeout(function () { timer = null; fn(); }, ms); };
    call.flush = function () { if (timer !== null) { clearTimeout(timer); timer = null; fn(); } };
    return call;
  }

  // ------------------------------------------------------------------ the events
  function makeEvent(record, i, passage) {
    var e = { i: i, status: '', note: '', reviewer: '', reviewed_at: '' };
    COLS.forEach(function (c) { e[c] = record[c] == null ? '' : record[c]; });
    e.orig = {};
    EDITABLE.forEach(function (f) { e.orig[f] = e[f]; });
    e.origCameo = e.cameo;
    e.origGeo = {};
    PLACE_GEO.concat(DEST_GEO, ['geo_reason']).forEach(function (f) { e.origGeo[f] = e[f]; });
    e.pStart = passage[0]; e.pEnd = passage[1]; e.pHow = passage[2];
    derive(e);
    return e;
  }
  var events = DATA.events.map(function (values, i) {
    var record = {};
    COLS.forEach(function (c, j) { record[c] = values[j]; });
    return makeEvent(record, i, DATA.passages[i]);
  });
  var byId = {};
  events.forEach(function (e) { (byId[e.event_id] = byId[e.event_id] || []).push(e); });

  // A group event (SPEC 7) names no victim: show its group and count instead.
  function who(e) {
    if (e.victim || !e.victim_group) return e.victim;
    return '[group] ' + e.victim_group + (e.victim_count !== '' && e.victim_count != null ? ' (' + e.victim_count + ')' : '');
  }
  // Where the same place text already has coordinates: the report's own events first, then any.
  var placeIndex = {}, destIndex = {};
  function indexPlace(index, e, value) {
    var key = fold(value);
    if (!index[e.report_id + '|' + key]) index[e.report_id + '|' + key] = e;
    if (!index['|' + key]) index['|' + key] = e;
  }
  events.forEach(function (e) {
    if (e.place && (e.geonames_id || e.country)) indexPlace(placeIndex, e, e.place);
    if (e.destination && e.destination_country) indexPlace(destIndex, e, e.destination);
  });
  function geoSource(index, e, value) {
    if (!value.trim()) return null;
    return index[e.report_id + '|' + fold(value)] || index['|' + fold(value)] || null;
  }
  /* Geo columns follow an edited place: copied from an event with the same place text, or cleared
   * (the page has no gazetteer; `hrevents extract` geocodes again). Unedited fields keep the extractor's. */
  function followGeo(e) {
    var reasons = [];
    [['place', PLACE_GEO, placeIndex], ['destination', DEST_GEO, destIndex]].forEach(function (spec) {
      var f = spec[0], cols = spec[1];
      if (e[f] === e.orig[f]) { cols.forEach(function (c) { e[c] = e.origGeo[c]; }); return; }
      var src = geoSource(spec[2], e, String(e[f] || ''));
      cols.forEach(function (c) { e[c] = src ? src.origGeo[c] : ''; });
      reasons.push(f + ': ' + (!String(e[f] || '').trim() ? 'removed in review' : src
        ? 'edited in review; geo as for the same ' + f + ' in ' + src.report_id + ' (' + src.event_id + ')'
        : 'edited in review; not geocoded, geo columns cleared'));
    });
    e.geo_reason = reasons.length ? reasons.join('; ') : e.origGeo.geo_reason;
  }
  function derive(e) {
    e.kVictim = fold(e.victim);
    e.kPlace = e.place || e.geo_name ? fold(e.place + ' | ' + e.geo_name) : '';
    e.kText = fold(e.evidence);
    e.bounds = dateBounds(e.date);
  }
  function hasEdits(e) {
    return EDITABLE.some(function (f) { return e[f] !== e.orig[f]; });
  }

  // ------------------------------------------------------------------ decisions, kept in the browser
  function applyDecision(e, d) {
    if (d.edits) {
      Object.keys(d.edits).forEach(function (f) { if (EDITABLE.indexOf(f) >= 0) e[f] = d.edits[f]; });
      if (DATA.actions[e.action]) e.cameo = DATA.actions[e.action].cameo;
      followGeo(e);
      derive(e);
    }
    e.status = d.status || '';
    e.note = d.note || '';
    e.reviewer = d.reviewer || '';
    e.reviewed_at = d.reviewed_at || '';
    if (e.status === 'added') e.added = true;
  }
  Object.keys(DATA.decisions).forEach(function (i) { if (events[i]) applyDecision(events[i], DATA.decisions[i]); });

  var storage = null;
  try { storage = window.localStorage; storage.getItem('x'); } catch (err) { storage = null; }

  function snapshot() {
    var items = {};
    events.forEach(function (e) {
      if (e.i >= DATA.events.length) return; // added here: kept whole in `added`
      var edits = null;
      EDITABLE.forEach(function (f) { if (e[f] !== e.orig[f]) { edits = edits || {}; edits[f] = e[f]; } });
      if (e.status || e.note || edits) items[e.i] = { status: e.status, note: e.note, edits: edits, reviewer: e.reviewer, reviewed_at: e.reviewed_at };
    });
    return items;
  }
  function addedRecords() {
    return events.filter(function (e) { return e.i >= DATA.events.length && !e.deleted; }).map(function (e) {
      var record = { note: e.note, reviewer: e.reviewer, reviewed_at: e.reviewed_at, pStart: e.pStart, pEnd: e.pEnd };
      COLS.forEach(function (c) { record[c] = e[c]; });
      return record;
    });
  }
  var save = debounce(function () {
    if (!storage) return;
    try { storage.setItem(STORE_KEY, JSON.stringify({ saved: new Date().toISOString(), items: snapshot(), added: addedRecords() })); } catch (err) { /* full or disabled */ }
  }, 250);
  /* A decision taken just before the tab is closed or reloaded is saved, not lost with the timer. */
  window.addEventListener('pagehide', save.flush);
  function reviewerName() { return $('reviewer').value.trim(); }
  var warnedNoName = false;
  /* Who took a decision and when: set on every change of status, note or fields. */
  function stamp(e) {
    if (!e.status && !e.note && !hasEdits(e)) { e.reviewer = ''; e.reviewed_at = ''; return; }
    e.reviewer = reviewerName();
    e.reviewed_at = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    if (!e.reviewer && !warnedNoName) {
      warnedNoName = true;
      notice('Type your name in “Reviewer” (top right) so that the export says who took each decision.');
    }
  }

  function restore() {
    if (!storage) return;
    var raw = null;
    try { raw = storage.getItem(STORE_KEY); } catch (err) { return; }
    if (!raw) return;
    var stored;
    try { stored = JSON.parse(raw); } catch (err) { return; }
    var keys = Object.keys(stored.items || {});
    var added = stored.added || [];
    if (!keys.length && !added.length) return;
    keys.forEach(function (i) { if (events[i]) applyDecision(events[i], stored.items[i]); });
    added.forEach(function (record) { addEvent(record, [record.pStart, record.pEnd, record.pStart >= 0 ? 'offsets' : 'missing']); });
    notice('Restored ' + (keys.length + added.length) + ' decision(s) saved in this browser on ' + esc(stored.saved) + '. ' +
      '<button type="button" id="discard-stored">Discard them</button>', true);
    var button = $('discard-stored');
    if (button) button.addEventListener('click', function () {
      try { storage.removeItem(STORE_KEY); } catch (err) { /* ignore */ }
      events.forEach(function (e) {
        if (e.i >= DATA.events.length) { e.deleted = true; return; }
        EDITABLE.forEach(function (f) { e[f] = e.orig[f]; });
        e.cameo = e.origCameo; e.status = ''; e.note = ''; e.reviewer = ''; e.reviewed_at = ''; e.added = false;
        followGeo(e); derive(e);
      });
      Object.keys(DATA.decisions).forEach(function (i) { if (events[i]) applyDecision(events[i], DATA.decisions[i]); });
      notice('');
      refresh(true);
    });
  }

  function notice(htmlText, isHtml) {
    var box = $('notice');
    if (!htmlText) { box.hidden = true; box.innerHTML = ''; return; }
    box.hidden = false;
    if (isHtml) box.innerHTML = htmlText; else box.textContent = htmlText;
  }

  // ------------------------------------------------------------------ highlighting (displaCy-like)
  function needleRe(needle) {
    var words = needle.trim().split(/\s+/).filter(Boolean);
    if (!words.length) return null;
    var body = words.map(escRe).join('\\s+');
    if (/^[\p{L}\p{N}]/u.test(words[0])) body = '(?<![\\p{L}\\p{N}])' + body;
    if (/[\p{L}\p{N}]$/u.test(words[words.length - 1])) body = body + '(?![\\p{L}\\p{N}])';
    try { return new RegExp(body, 'giu'); } catch (err) { return null; }
  }
  function firstFree(text, needle, taken) {
    var re = needleRe(needle);
    if (!re) return null;
    var m;
    while ((m = re.exec(text)) !== null) {
      if (!m[0].length) { re.lastIndex++; continue; }
      var s = m.index, t = s + m[0].length;
      if (!taken.some(function (x) { return s < x[1] && x[0] < t; })) return [s, t];
    }
    return null;
  }
  function spans(text, e) {
    var taken = [];
    ENTS.forEach(function (ent) {
      var value = String(e[ent[0]] || '').trim();
      if (!value) return;
      var candidates = [value];
      var words = value.split(/\s+/);
      if (ent[0] === 'victim' && words.length > 1) candidates.push(words[words.length - 1]);
      if (ent[0] === 'trigger' && words.length > 1) {
        candidates = candidates.concat(words.filter(function (w) { return w.length > 3; }).sort(function (a, b) { return b.length - a.length; }));
      }
      for (var k = 0; k < candidates.length; k++) {
        var found = firstFree(text, candidates[k], taken);
        if (found) { taken.push([found[0], found[1], ent[1], ent[2]]); return; }
      }
    });
    return taken.sort(function (a, b) { return a[0] - b[0]; });
  }
  function highlight(text, e) {
    text = String(text || '');
    var out = '', at = 0;
    spans(text, e).forEach(function (sp) {
      out += esc(text.slice(at, sp[0])) + '<mark class="ent ent-' + sp[2] + '" data-ent="' + sp[2] + '">' +
        esc(text.slice(sp[0], sp[1])) + '<span class="lbl">' + sp[3] + '</span></mark>';
      at = sp[1];
    });
    return out + esc(text.slice(at));
  }

  // ------------------------------------------------------------------ filters, sorting, paging
  var view = [];
  var actionFacet = {};
  var sortKey = null, sortDir = 1;
  var page = 0, pageSize = 50;
  var selected = null;

  function readFilters() {
    var from = $('f-from').value.trim(), to = $('f-to').value.trim();
    var fb = dateBounds(from), tb = dateBounds(to);
    var cmin = parseFloat($('f-cmin').value), cmax = parseFloat($('f-cmax').value);
    return {
      action: $('f-action').value,
      report: $('f-report').value.trim(),
      reportExact: Object.prototype.hasOwnProperty.call(reportCounts, $('f-report').value.trim()),
      person: fold($('f-person').value.trim()),
      place: fold($('f-place').value.trim()),
      from: fb ? fb[0] : null,
      to: tb ? tb[1] : null,
      undated: $('f-undated').checked,
      cmin: isNaN(cmin) ? 0 : cmin,
      cmax: isNaN(cmax) ? 1 : cmax,
      status: $('f-status').value,
      text: fold($('f-text').value.trim())
    };
  }
  function passesExceptAction(e, f) {
    if (f.report && (f.reportExact ? e.report_id !== f.report : fold(e.report_id).indexOf(fold(f.report)) < 0)) return false;
    if (f.person && e.kVictim.indexOf(f.person) < 0) return false;
    if (f.place && e.kPlace.indexOf(f.place) < 0) return false;
    if (f.from || f.to) {
      if (!e.bounds) { if (!f.undated) return false; } else {
        if (f.from && e.bounds[1] < f.from) return false;
        if (f.to && e.bounds[0] > f.to) return false;
      }
    }
    var c = Number(e.confidence);
    if (c < f.cmin - 1e-9 || c > f.cmax + 1e-9) return false;
    if (f.status) {
      if (f.status === 'none' ? e.status !== '' : e.status !== f.status) return false;
    }
    if (f.text && e.kText.indexOf(f.text) < 0) return false;
    return true;
  }
  function applyFilters(keepPage) {
    var f = readFilters();
    view = [];
    actionFacet = {};
    for (var k = 0; k < events.length; k++) {
      var e = events[k];
      if (e.deleted || !passesExceptAction(e, f)) continue;
      actionFacet[e.action] = (actionFacet[e.action] || 0) + 1;
      if (!f.action || e.action === f.action) view.push(e);
    }
    sortView();
    if (!keepPage) page = 0;
    render();
  }
  function sortValue(e, key) {
    if (key === 'status') return STATUS_ORDER[e.status];
    if (key === 'confidence' || key === 'start_char') return Number(e[key]);
    return e[key];
  }
  function sortView() {
    if (!sortKey) { view.sort(function (a, b) { return a.i - b.i; }); return; }
    var numeric = sortKey === 'status' || sortKey === 'confidence';
    view.sort(function (a, b) {
      var x = sortValue(a, sortKey), y = sortValue(b, sortKey), r;
      if (numeric) r = x - y;
      else if (!x && y) r = 1; // empty values last whatever the direction
      else if (x && !y) r = -1;
      else r = collator.compare(String(x), String(y)) * sortDir;
      if (numeric) r *= sortDir;
      return r || a.i - b.i;
    });
  }

  // ------------------------------------------------------------------ rendering
  function statusCell(e) {
    if (e.added) return '<span class="badge added">added</span>';
    return '<div class="quick">' +
      '<button type="button" class="b-correct' + (e.status === 'correct' || e.status === 'corrected' ? ' on' : '') + '" data-act="correct" title="Correct (c)" aria-label="mark correct">✓</button>' +
      '<button type="button" class="b-wrong' + (e.status === 'wrong' ? ' on' : '') + '" data-act="wrong" title="Wrong (w)" aria-label="mark wrong">✗</button>' +
      '</div>' + (e.status === 'corrected' ? '<span class="badge corrected">corrected</span>' : '');
  }
  function rowHtml(e) {
    return '<tr data-i="' + e.i + '" class="st-' + (e.status || 'none') + (selected === e.i ? ' selected' : '') + '">' +
      '<td>' + statusCell(e) + '</td>' +
      '<td class="report">' + esc(e.report_id) + '</td>' +
      '<td><span class="action-tag">' + esc(e.action) + '</span></td>' +
      '<td class="victim">' + esc(who(e)) + '</td>' +
      '<td class="small-cell">' + esc(e.perpetrator) + '</td>' +
      '<td class="small-cell" title="' + esc(e.geo_name ? e.geo_name + (e.country ? ', ' + e.country : '') : '') + '">' + esc(e.place) + '</td>' +
      '<td>' + esc(e.date) + '</td>' +
      '<td class="num">' + Number(e.confidence).toFixed(2) + '</td>' +
      '<td><div class="ev">' + highlight(e.evidence, e) + '</div></td></tr>';
  }
  function pages() { return Math.max(1, Math.ceil(view.length / pageSize)); }
  function renderTable() {
    page = Math.min(page, pages() - 1);
    var start = page * pageSize, slice = view.slice(start, start + pageSize);
    $('rows').innerHTML = slice.map(rowHtml).join('') ||
      '<tr><td colspan="9" class="muted">No event matches these filters.</td></tr>';
    $('page-info').textContent = 'Page ' + (page + 1) + ' of ' + pages();
    $('export-filtered-label').textContent = 'only the ' + view.length + ' row' + (view.length === 1 ? '' : 's') + ' in view';
    $('count').textContent = view.length
      ? 'Showing ' + (start + 1) + '–' + (start + slice.length) + ' of ' + view.length + (view.length !== events.length ? ' (filtered from ' + events.length + ')' : '')
      : '0 of ' + events.length + ' events';
    document.querySelectorAll('th.sortable').forEach(function (th) {
      th.classList.toggle('sorted-asc', th.dataset.key === sortKey && sortDir === 1);
      th.classList.toggle('sorted-desc', th.dataset.key === sortKey && sortDir === -1);
    });
  }
  function renderProgress() {
    var counts = { correct: 0, wrong: 0, corrected: 0, added: 0 };
    var extracted = 0;
    events.forEach(function (e) {
      if (e.deleted) return;
      if (e.status) counts[e.status] += 1;
      if (!e.added) extracted += 1;
    });
    var done = counts.correct + counts.wrong + counts.corrected;
    var pct = extracted ? Math.round(100 * done / extracted) : 0;
    $('progress').innerHTML = '<span class="bar"><span style="width:' + pct + '%"></span></span>' +
      'Reviewed <b id="reviewed-count">' + done + '</b> of ' + extracted + ' · ' +
      counts.correct + ' correct · ' + counts.wrong + ' wrong · ' + counts.corrected + ' corrected · ' +
      '<span id="added-count">' + counts.added + '</span> added';
  }
  function render() {
    renderTable();
    if ($('charts-box').open) { renderCharts(); renderMap(); }
    renderProgress();
  }
  function refresh(keepPage) {
    var statusFiltered = !!$('f-status').value;
    if (statusFiltered || keepPage === true) applyFilters(true); else { renderTable(); renderProgress(); }
    renderDetail();
  }

  // ------------------------------------------------------------------ charts (inline SVG)
  function renderCharts() {
    var current = $('f-action').value;
    var entries = Object.keys(actionFacet).map(function (a) { return [a, actionFacet[a]]; })
      .sort(function (a, b) { return b[1] - a[1] || collator.compare(a[0], b[0]); });
    if (!entries.length) {
      $('chart-actions').innerHTML = '<p class="muted">No events.</p>';
    } else {
      var max = entries[0][1], rowH = 18, labelW = 100, W = 380, barMax = W - labelW - 40;
      var svg = '<svg id="svg-actions" viewBox="0 0 ' + W + ' ' + (entries.length * rowH + 4) + '" role="img" aria-label="Events per action">';
      entries.forEach(function (entry, k) {
        var y = k * rowH + 2, w = Math.max(1, Math.round(barMax * entry[1] / max));
        svg += '<g class="clickable" data-action="' + esc(entry[0]) + '"><title>' + esc(entry[0]) + ': ' + entry[1] + '</title>' +
          '<text x="' + (labelW - 6) + '" y="' + (y + 12) + '" text-anchor="end">' + esc(entry[0]) + '</text>' +
          '<rect class="bar' + (current === entry[0] ? ' active' : '') + '" x="' + labelW + '" y="' + y + '" width="' + w + '" height="' + (rowH - 4) + '" rx="2"></rect>' +
          '<text x="' + (labelW + w + 4) + '" y="' + (y + 12) + '">' + entry[1] + '</text></g>';
      });
      $('chart-actions').innerHTML = svg + '</svg>';
    }

    var months = {}, yearOnly = 0, undated = 0;
    view.forEach(function (e) {
      if (!e.date) undated += 1;
      else if (e.date.length < 7) yearOnly += 1;
      else months[e.date.slice(0, 7)] = (months[e.date.slice(0, 7)] || 0) + 1;
    });
    var keys = Object.keys(months).sort();
    var note = [];
    if (yearOnly) note.push(yearOnly + ' dated to a year only');
    if (undated) note.push(undated + ' undated');
    $('chart-months-note').textContent = note.length ? 'Not shown: ' + note.join(', ') + '.' : '';
    if (!keys.length) { $('chart-months').innerHTML = '<p class="muted">No event in view is dated to a month.</p>'; return; }
    var all = [], y0 = +keys[0].slice(0, 4), m0 = +keys[0].slice(5, 7), last = keys[keys.length - 1];
    for (var y = y0, m = m0; ; ) {
      var key = y + '-' + (m < 10 ? '0' : '') + m;
      all.push(key);
      if (key >= last || all.length > 1200) break;
      m += 1; if (m > 12) { m = 1; y += 1; }
    }
    var top = Math.max.apply(null, all.map(function (k) { return months[k] || 0; }));
    var W2 = 640, H = 170, padL = 30, padB = 34, padT = 8, bw = (W2 - padL - 8) / all.length, plotH = H - padB - padT;
    var s = '<svg id="svg-months" viewBox="0 0 ' + W2 + ' ' + H + '" role="img" aria-label="Events per month">' +
      '<line class="axis" x1="' + padL + '" x2="' + (W2 - 4) + '" y1="' + (H - padB) + '" y2="' + (H - padB) + '"></line>' +
      '<text x="' + (padL - 4) + '" y="' + (padT + 8) + '" text-anchor="end">' + top + '</text>' +
      '<text x="' + (padL - 4) + '" y="' + (H - padB) + '" text-anchor="end">0</text>';
    var labelEvery = all.length <= 24 ? 1 : all.length <= 72 ? 3 : 12;
    all.forEach(function (k, n) {
      var c = months[k] || 0, h = top ? Math.round(plotH * c / top) : 0, x = padL + n * bw;
      if (c) {
        s += '<g class="clickable" data-month="' + k + '"><title>' + k + ': ' + c + ' event' + (c === 1 ? '' : 's') + '</title>' +
          '<rect class="bar" x="' + (x + 0.5).toFixed(1) + '" y="' + (H - padB - h) + '" width="' + Math.max(1, bw - 1).toFixed(1) + '" height="' + h + '"></rect></g>';
      }
      var month = +k.slice(5, 7);
      var firstAlone = n === 0 && labelEvery === 12 && month <= 6;
      if ((labelEvery === 12 && month === 1) || (labelEvery < 12 && (n % labelEvery === 0)) || firstAlone) {
        var label = labelEvery === 12 ? k.slice(0, 4) : (month === 1 || n === 0 ? k : k.slice(5, 7));
        s += '<text x="' + (x + bw / 2).toFixed(1) + '" y="' + (H - padB + 13 + (labelEvery < 12 && (month === 1 || n === 0) ? 12 : 0)) + '" text-anchor="middle">' + label + '</text>';
      }
    });
    $('chart-months').innerHTML = s + '</svg>';
  }

  // ------------------------------------------------------------------ the map (offline outlines)
  var mapBuilt = false;
  function buildMap() {
    var world = DATA.world || { countries: [] };
    var land = world.countries.map(function (c) {
      return '<path class="land" d="' + c.d + '"><title>' + esc(c.name) + '</title></path>';
    }).join('');
    $('map').innerHTML = '<svg id="svg-map" viewBox="0 0 360 180" preserveAspectRatio="xMidYMid meet" role="img" aria-label="Events on the map">' +
      '<g id="map-land">' + land + '</g><g id="map-dots"></g></svg>';
    mapBuilt = true;
  }
  var mapPending = false;
  function renderMap() {
    if (!mapBuilt) {
      // The outlines are drawn once, after the page is ready, so they never delay the table.
      if (!mapPending) { mapPending = true; setTimeout(function () { buildMap(); renderMap(); }, 0); }
      return;
    }
    var groups = {}, located = 0, elsewhere = 0;
    view.forEach(function (e) {
      var lat = parseFloat(e.latitude), lon = parseFloat(e.longitude);
      if (e.latitude === '' || e.longitude === '' || isNaN(lat) || isNaN(lon)) { elsewhere += 1; return; }
      located += 1;
      var key = lat.toFixed(2) + ',' + lon.toFixed(2);
      var g = groups[key] = groups[key] || { x: lon + 180, y: 90 - lat, n: 0, name: e.geo_name || e.place, country: e.country };
      g.n += 1;
    });
    var list = Object.keys(groups).map(function (k) { return groups[k]; }).sort(function (a, b) { return b.n - a.n; });
    // Frame the dots (at least 24° wide, 2:1 like the projection), or the whole world when none.
    var x0 = 0, y0 = 4, w = 360, h = 148; // 86° N to 62° S: no event is nearer the poles
    if (list.length) {
      var xs = list.map(function (g) { return g.x; }), ys = list.map(function (g) { return g.y; });
      var minX = Math.min.apply(null, xs), maxX = Math.max.apply(null, xs), minY = Math.min.apply(null, ys), maxY = Math.max.apply(null, ys);
      w = Math.min(360, Math.max(24, (maxX - minX) * 1.3 + 8, ((maxY - minY) * 1.3 + 8) * 2)); h = w / 2;
      x0 = Math.max(0, Math.min(360 - w, (minX + maxX) / 2 - w / 2));
      y0 = Math.max(0, Math.min(180 - h, (minY + maxY) / 2 - h / 2));
    }
    $('svg-map').setAttribute('viewBox', [x0, y0, w, h].map(function (v) { return v.toFixed(2); }).join(' '));
    var top = list.length ? list[0].n : 1, unit = w / 160, current = fold($('f-place').value.trim());
    $('map-dots').innerHTML = list.map(function (g) {
      var r = unit * (1 + 2.2 * Math.sqrt(g.n / top));
      return '<g class="clickable" data-place="' + esc(g.name) + '"><title>' + esc(g.name) + (g.country ? ' (' + esc(g.country) + ')' : '') + ': ' +
        g.n + ' event' + (g.n === 1 ? '' : 's') + '</title><circle class="dot' + (current && fold(g.name) === current ? ' active' : '') +
        '" cx="' + g.x.toFixed(2) + '" cy="' + g.y.toFixed(2) + '" r="' + r.toFixed(2) + '"></circle></g>';
    }).join('');
    $('map-note').textContent = located + ' event' + (located === 1 ? '' : 's') + ' in view at ' + list.length + ' place' + (list.length === 1 ? '' : 's') +
      (elsewhere ? '; ' + elsewhere + ' without coordinates (no place, or a region or country only)' : '') +
      '. Outlines: Natural Earth 1:110m (public domain), drawn offline.';
  }

  // ------------------------------------------------------------------ the detail panel
  function fieldInput(e, f) {
    var value = e[f] == null ? '' : String(e[f]);
    var changed = e[f] !== e.orig[f] ? ' changed' : '';
    var id = 'd-' + f;
    if (f === 'action') {
      return '<label for="' + id + '">action</label><select id="' + id + '" data-field="action" class="' + changed + '">' +
        Object.keys(DATA.actions).map(function (a) {
          return '<option' + (a === value ? ' selected' : '') + '>' + esc(a) + '</option>';
        }).join('') + '</select>';
    }
    if (f === 'evidence') {
      return '<label for="' + id + '">evidence</label><textarea id="' + id + '" data-field="evidence" rows="4" class="' + changed + '">' + esc(value) + '</textarea>';
    }
    return '<label for="' + id + '">' + f.replace('_', ' ') + '</label><input id="' + id + '" data-field="' + f + '" value="' + esc(value) + '" class="' + changed + '"' +
      (f === 'date' ? ' placeholder="YYYY[-MM[-DD]]"' : '') + '>';
  }
  function titleHtml(e) {
    return esc(who(e)) + ' — ' + esc(e.action) +
      (e.status ? ' <span class="badge ' + e.status + '" id="detail-status">' + e.status + '</span>' : '');
  }
  function renderDetail() {
    var box = $('detail');
    if (selected === null) { box.innerHTML = '<p class="muted">Select an event to review it.</p>'; return; }
    var e = events[selected];
    var report = DATA.reports[e.report_id];
    var legend = ENTS.map(function (ent) { return '<mark class="ent ent-' + ent[1] + '">' + ent[2] + '</mark>'; })
      .filter(function (v, k, arr) { return arr.indexOf(v) === k; }).join('');
    box.innerHTML =
      '<h2 id="detail-title">' + titleHtml(e) + '</h2>' +
      '<div class="muted small">' + esc(e.report_id) + ' · chars ' + e.start_char + '–' + e.end_char + ' · confidence ' + Number(e.confidence).toFixed(3) + '</div>' +
      '<div class="evidence" id="detail-evidence">' + highlight(e.evidence, e) + '</div>' +
      '<div class="legend">' + legend + '</div>' +
      '<div class="verdict">' + (e.added
      ? '<span class="muted small">Added by ' + esc(e.reviewer || 'the reviewer') + ': fill the fields below (action, victim …).</span>' +
        '<button type="button" id="delete-added">Delete this added event</button>'
      : '<button type="button" class="b-correct' + (e.status === 'correct' ? ' on' : '') + '" data-verdict="correct">✓ Correct</button>' +
      '<button type="button" class="b-wrong' + (e.status === 'wrong' ? ' on' : '') + '" data-verdict="wrong">✗ Wrong</button>' +
      '<button type="button" class="b-corrected' + (e.status === 'corrected' ? ' on' : '') + '" data-verdict="corrected"' + (hasEdits(e) ? '' : ' disabled title="Edit a field below first"') + '>✎ Corrected</button>' +
      '<button type="button" data-verdict="">Clear</button>') +
      '<button type="button" id="open-report"' + (report ? '' : ' disabled title="Report texts were not embedded: build the page with --reports DIR"') + '>Show in report ↗</button>' +
      '</div>' +
      '<label class="small muted" for="d-note">Note</label>' +
      '<textarea id="d-note" rows="2" style="width:100%" placeholder="why wrong, what was corrected…">' + esc(e.note) + '</textarea>' +
      '<h3 class="small">Fields <span class="muted">' + (e.added ? '(of the event you added)' : '(editing marks the event corrected)') + '</span></h3>' +
      '<form id="detail-form" autocomplete="off">' + EDITABLE.map(function (f) { return fieldInput(e, f); }).join('') + '</form>' +
      '<div class="error" id="detail-error"></div>' +
      (e.added ? '' : '<button type="button" id="revert"' + (hasEdits(e) ? '' : ' disabled') + '>Revert edits</button>') +
      '<div class="facts">event_id ' + esc(e.event_id) + ' · rule ' + esc(e.rule) + ' · cameo ' + esc(e.cameo || '—') +
      (e.geonames_id ? ' · geo ' + esc(e.geo_name) + ' (' + esc(e.geonames_id) + ')' : '') +
      (e.reviewed_at ? ' · decided by ' + esc(e.reviewer || '(no name)') + ' at ' + esc(e.reviewed_at) : '') + '</div>';
  }
  function setStatus(e, status) {
    if (e.added) return; // an added event is kept or deleted, not judged
    if (status === 'correct' && hasEdits(e)) status = 'corrected';
    if (status === 'corrected' && !hasEdits(e)) status = 'correct';
    e.status = status;
    stamp(e);
    save();
    refresh();
  }
  function select(i, scroll) {
    selected = i;
    document.querySelectorAll('#rows tr.selected').forEach(function (tr) { tr.classList.remove('selected'); });
    var tr = document.querySelector('#rows tr[data-i="' + i + '"]');
    if (tr) { tr.classList.add('selected'); if (scroll) tr.scrollIntoView({ block: 'nearest' }); }
    renderDetail();
  }
  function move(step) {
    if (!view.length) return;
    var at = selected === null ? -1 : view.indexOf(events[selected]);
    var next = Math.max(0, Math.min(view.length - 1, at + step));
    if (at < 0) next = page * pageSize;
    var newPage = Math.floor(next / pageSize);
    if (newPage !== page) { page = newPage; renderTable(); }
    select(view[next].i, true);
  }

  // ------------------------------------------------------------------ the report panel
  var shownReport = null;
  function openReport(e, reportId) {
    reportId = e ? e.report_id : reportId;
    var report = DATA.reports[reportId];
    if (!report) return;
    shownReport = reportId;
    var text = report.text;
    $('report-title').textContent = report.title || reportId;
    $('report-path').textContent = reportId + ' — ' + report.path;
    var pre = $('report-text');
    pre.textContent = '';
    var noteText = '';
    if (!e) {
      // The passages of the events already in the table, so a reviewer sees what was found.
      var known = events.filter(function (x) { return x.report_id === reportId && !x.deleted && x.pHow !== 'missing'; })
        .sort(function (a, b) { return a.pStart - b.pStart; });
      var at = 0;
      known.forEach(function (x) {
        if (x.pStart < at) return;
        pre.appendChild(document.createTextNode(text.slice(at, x.pStart)));
        var seen = document.createElement('mark');
        seen.className = 'known';
        seen.title = x.action + ' of ' + (x.victim || '?') + (x.added ? ' (added)' : '');
        seen.textContent = text.slice(x.pStart, x.pEnd);
        pre.appendChild(seen);
        at = x.pEnd;
      });
      pre.appendChild(document.createTextNode(text.slice(at)));
      noteText = known.length ? 'Marked: the passages of the ' + known.length + ' event(s) of this report already in the table.' : 'No event of this report is in the table yet.';
    } else if (e.pHow === 'missing') {
      noteText = 'The evidence of this event was not found in the report text; the report is shown without a highlight.';
      pre.appendChild(document.createTextNode(text));
    } else {
      if (e.pHow === 'found') noteText = 'The offsets in the events file do not match this report text; the passage was found by searching for the evidence.';
      pre.appendChild(document.createTextNode(text.slice(0, e.pStart)));
      var mark = document.createElement('mark');
      mark.className = 'passage';
      mark.id = 'passage';
      mark.innerHTML = highlight(text.slice(e.pStart, e.pEnd), e);
      pre.appendChild(mark);
      pre.appendChild(document.createTextNode(text.slice(e.pEnd)));
    }
    $('report-note').textContent = noteText;
    $('report-panel').hidden = false;
    var passage = $('passage');
    if (passage) passage.scrollIntoView({ block: 'center' });
    $('report-close').focus();
  }
  function closeReport() {
    $('report-panel').hidden = true;
    $('report-text').textContent = '';
    shownReport = null;
  }
  /* The UTF-16 offset of a point in the report text: the text before it, less the entity labels
   * ("VICTIM" …) that highlighting adds to the passage. */
  function textOffset(pre, container, offset) {
    var range = document.createRange();
    range.setStart(pre, 0);
    range.setEnd(container, offset);
    var fragment = range.cloneContents();
    fragment.querySelectorAll('.lbl').forEach(function (label) { label.remove(); });
    return fragment.textContent.length;
  }
  function codePoints(text) { return Array.from(text).length; }
  function addEvent(record, passage) {
    var e = makeEvent(record, events.length, passage);
    e.added = true; e.status = 'added';
    e.note = record.note || ''; e.reviewer = record.reviewer || ''; e.reviewed_at = record.reviewed_at || '';
    events.push(e);
    (byId[e.event_id] = byId[e.event_id] || []).push(e);
    return e;
  }
  function addFromSelection() {
    var pre = $('report-text'), report = DATA.reports[shownReport];
    var selection = window.getSelection();
    if (!report || !selection || !selection.rangeCount || selection.isCollapsed ||
        !pre.contains(selection.getRangeAt(0).startContainer) || !pre.contains(selection.getRangeAt(0).endContainer)) {
      $('report-note').textContent = 'Select the words of the event in the report text first.';
      return null;
    }
    var range = selection.getRangeAt(0), text = report.text;
    var start = textOffset(pre, range.startContainer, range.startOffset), end = textOffset(pre, range.endContainer, range.endOffset);
    while (start < end && /\s/.test(text[start])) start += 1;
    while (end > start && /\s/.test(text[end - 1])) end -= 1;
    if (end <= start) { $('report-note').textContent = 'The selection holds no text.'; return null; }
    var from = codePoints(text.slice(0, start)), to = from + codePoints(text.slice(start, end));
    var action = $('f-action').value || Object.keys(DATA.actions)[0];
    var record = { event_id: 'added-' + shownReport + '-' + from + '-' + to, report_id: shownReport, action: action,
      cameo: DATA.actions[action] ? DATA.actions[action].cameo : '', evidence: text.slice(start, end),
      start_char: from, end_char: to, confidence: 1, rule: 'review:added' };
    var e = addEvent(record, [start, end, 'offsets']);
    stamp(e);
    selection.removeAllRanges();
    closeReport();
    save();
    applyFilters(true);
    if (view.indexOf(e) < 0) notice('Event added; the filters hide it. Reset the filters to see it in the table.');
    else { page = Math.floor(view.indexOf(e) / pageSize); renderTable(); }
    select(e.i, true);
    var victim = $('d-victim');
    if (victim) victim.focus();
    return e;
  }

  // ------------------------------------------------------------------ CSV out and in
  function neutralise(value) {
    if (typeof value !== 'string') return value;
    var rest = value.replace(/^'+/, '');
    return rest && FORMULA.indexOf(rest[0]) >= 0 ? "'" + value : value;
  }
  function unneutralise(value) {
    var rest = value.replace(/^'+/, '');
    return value[0] === "'" && rest && FORMULA.indexOf(rest[0]) >= 0 ? value.slice(1) : value;
  }
  function csvCell(value) {
    var s = value == null ? '' : String(value);
    return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }
  /* The reviewed CSV: every event (in file order, added ones last), or with `onlyView` the rows the filters show. */
  function buildCsv(bom, onlyView) {
    var header = COLS.concat(REVIEW_COLS);
    var lines = [header.map(csvCell).join(',')];
    var rows = onlyView ? view.slice().sort(function (a, b) { return a.i - b.i; }) : events;
    rows.forEach(function (e) {
      if (e.deleted) return;
      var wrong = e.status === 'wrong';
      var values = COLS.map(function (c) {
        var v = !wrong ? e[c] : c in e.orig ? e.orig[c] : c in e.origGeo ? e.origGeo[c] : c === 'cameo' ? e.origCameo : e[c];
        return csvCell(neutralise(v));
      });
      values.push(csvCell(e.status), csvCell(neutralise(e.note)), csvCell(neutralise(e.reviewer)), csvCell(e.reviewed_at));
      lines.push(values.join(','));
    });
    return (bom ? '\ufeff' : '') + lines.join('\r\n') + '\r\n';
  }
  function exportCsv() {
    var nameless = events.filter(function (e) { return e.added && !e.deleted && !String(e.victim).trim(); }).length;
    if (nameless) notice(nameless + ' added event(s) have no victim yet: gold import will refuse them until the victim is filled.');
    var blob = new Blob([buildCsv($('bom').checked, $('export-filtered').checked)], { type: 'text/csv;charset=utf-8' });
    var url = URL.createObjectURL(blob);
    var a = document.createElement('a');
    var base = (DATA.source || 'events').replace(/\.[^.]*$/, '');
    a.href = url;
    a.download = base + '.reviewed.csv';
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  }
  function parseCsv(text) {
    var rows = [], row = [], cell = '', quoted = false, k = 0;
    if (text.charCodeAt(0) === 0xfeff) k = 1;
    for (; k < text.length; k++) {
      var c = text[k];
      if (quoted) {
        if (c === '"') { if (text[k + 1] === '"') { cell += '"'; k++; } else quoted = false; } else cell += c;
      } else if (c === '"') quoted = true;
      else if (c === ',') { row.push(cell); cell = ''; }
      else if (c === '\n' || c === '\r') {
        if (c === '\r' && text[k + 1] === '\n') k++;
        row.push(cell); rows.push(row); row = []; cell = '';
      } else cell += c;
    }
    if (cell || row.length) { row.push(cell); rows.push(row); }
    return rows;
  }
  function loadDecisions(text) {
    var rows = parseCsv(text);
    if (!rows.length) { notice('That file is empty.'); return; }
    var header = rows[0].map(function (h) { return h.trim(); });
    var at = {}; header.forEach(function (h, k) { at[h] = k; });
    if (!('event_id' in at) || !('review_status' in at)) { notice('That CSV has no event_id or review_status column.'); return; }
    var applied = 0, unmatched = 0, bad = 0;
    rows.slice(1).forEach(function (r) {
      if (r.length === 1 && !r[0]) return;
      var get = function (name) { return name in at && r[at[name]] != null ? unneutralise(r[at[name]]) : ''; };
      var status = get('review_status').trim().toLowerCase();
      if (status && !(status in STATUS_ORDER)) { bad += 1; return; }
      var matches = byId[get('event_id')] || [];
      if (matches.length > 1) matches = matches.filter(function (e) { return e.report_id === get('report_id'); });
      if (!matches.length && status === 'added' && DATA.reports[get('report_id')]) {
        var record = {};
        COLS.forEach(function (c) { record[c] = get(c); });
        record.note = get('review_note'); record.reviewer = get('reviewer'); record.reviewed_at = get('reviewed_at');
        var text = DATA.reports[record.report_id].text, start = Array.from(text).slice(0, +record.start_char).join('').length;
        var found = text.slice(start, start + record.evidence.length) === record.evidence;
        addEvent(record, found ? [start, start + record.evidence.length, 'offsets'] : [-1, -1, 'missing']);
        applied += 1;
        return;
      }
      if (!matches.length) { unmatched += 1; return; }
      var e = matches[0];
      if (status === 'corrected') {
        EDITABLE.forEach(function (f) { if (f in at) e[f] = get(f); });
        if (DATA.actions[e.action]) e.cameo = DATA.actions[e.action].cameo;
        followGeo(e);
        derive(e);
      }
      e.status = status;
      e.note = get('review_note');
      e.reviewer = get('reviewer');
      e.reviewed_at = get('reviewed_at');
      applied += 1;
    });
    notice('Loaded ' + applied + ' row(s)' + (unmatched ? '; ' + unmatched + ' row(s) match no event on this page' : '') +
      (bad ? '; ' + bad + ' row(s) with an unknown review_status were skipped' : '') + '.');
    save();
    refresh(true);
  }

  // ------------------------------------------------------------------ wiring
  function fillSelect(id, values) {
    var select = $(id);
    values.forEach(function (v) {
      var option = document.createElement('option');
      option.value = v[0]; option.textContent = v[1];
      select.appendChild(option);
    });
  }
  var actionCounts = {}, reportCounts = {};
  events.forEach(function (e) {
    actionCounts[e.action] = (actionCounts[e.action] || 0) + 1;
    reportCounts[e.report_id] = (reportCounts[e.report_id] || 0) + 1;
  });
  fillSelect('f-action', Object.keys(DATA.actions).filter(function (a) { return actionCounts[a]; })
    .map(function (a) { return [a, a + ' (' + actionCounts[a] + ')']; }));
  Object.keys(DATA.reports).forEach(function (r) { if (!(r in reportCounts)) reportCounts[r] = 0; });
  fillSelect('report-options', Object.keys(reportCounts).sort(collator.compare).map(function (r) { return [r, r + ' (' + reportCounts[r] + ' events)']; }));

  var embedded = Object.keys(DATA.reports).length;
  $('meta').textContent = events.length + ' events from ' + (DATA.source || 'an events file') + ' · ' +
    Object.keys(reportCounts).length + ' reports · ' + (embedded ? embedded + ' report texts embedded' : 'report texts not embedded') +
    ' · page built ' + DATA.generated;

  var refilter = debounce(function () { applyFilters(); }, 150);
  ['f-action', 'f-status', 'f-undated'].forEach(function (id) { $(id).addEventListener('change', function () { applyFilters(); }); });
  ['f-report', 'f-person', 'f-place', 'f-text', 'f-from', 'f-to', 'f-cmin', 'f-cmax'].forEach(function (id) { $(id).addEventListener('input', refilter); });
  $('f-reset').addEventListener('click', function () {
    ['f-action', 'f-report', 'f-status', 'f-person', 'f-place', 'f-text', 'f-from', 'f-to'].forEach(function (id) { $(id).value = ''; });
    $('f-cmin').value = '0'; $('f-cmax').value = '1'; $('f-undated').checked = false;
    applyFilters();
  });
  document.querySelector('#events thead').addEventListener('click', function (ev) {
    var th = ev.target.closest('th.sortable');
    if (!th) return;
    if (sortKey === th.dataset.key) { if (sortDir === 1) sortDir = -1; else { sortKey = null; sortDir = 1; } } else { sortKey = th.dataset.key; sortDir = 1; }
    sortView(); page = 0; renderTable();
  });
  $('pager').addEventListener('click', function (ev) {
    var b = ev.target.closest('button[data-page]');
    if (!b) return;
    var to = { first: 0, prev: page - 1, next: page + 1, last: pages() - 1 }[b.dataset.page];
    page = Math.max(0, Math.min(pages() - 1, to));
    renderTable();
  });
  $('page-size').addEventListener('change', function () { pageSize = +this.value; page = 0; renderTable(); });
  $('rows').addEventListener('click', function (ev) {
    var tr = ev.target.closest('tr[data-i]');
    if (!tr) return;
    var e = events[+tr.dataset.i];
    var b = ev.target.closest('button[data-act]');
    if (b) {
      var act = b.dataset.act;
      var on = act === 'correct' ? (e.status === 'correct' || e.status === 'corrected') : e.status === act;
      selected = e.i;
      setStatus(e, on ? '' : act);
      return;
    }
    select(e.i);
  });
  $('detail').addEventListener('click', function (ev) {
    if (selected === null) return;
    var e = events[selected];
    var b = ev.target.closest('button');
    if (!b) return;
    if (b.id === 'open-report') openReport(e);
    else if (b.id === 'delete-added') {
      e.deleted = true; selected = null;
      save(); applyFilters(true); renderDetail();
    } else if (b.id === 'revert') {
      EDITABLE.forEach(function (f) { e[f] = e.orig[f]; });
      e.cameo = e.origCameo; followGeo(e); derive(e);
      if (e.status === 'corrected') e.status = '';
      stamp(e);
      save(); refresh();
    } else if (b.dataset.verdict !== undefined) setStatus(e, b.dataset.verdict);
  });
  $('detail').addEventListener('input', function (ev) {
    if (selected === null) return;
    var e = events[selected];
    var target = ev.target;
    if (target.id === 'd-note') { e.note = target.value; stamp(e); save(); return; }
    var f = target.dataset.field;
    if (!f) return;
    var value = target.value;
    if (f !== 'evidence' && f !== 'action') value = value.replace(/\s+/g, ' ');
    if (f === 'date' && value.trim() && !ISO.test(value.trim())) {
      $('detail-error').textContent = 'date must be YYYY, YYYY-MM or YYYY-MM-DD';
      return;
    }
    if (f === 'victim' && !value.trim() && !e.added && !e.victim_group) { $('detail-error').textContent = 'the victim cannot be empty'; return; }
    $('detail-error').textContent = '';
    e[f] = f === 'date' ? value.trim() : value;
    if (f === 'action' && DATA.actions[value]) e.cameo = DATA.actions[value].cameo;
    if (f === 'place' || f === 'destination') followGeo(e);
    derive(e);
    target.classList.toggle('changed', !e.added && e[f] !== e.orig[f]);
    if (e.added) { /* stays added */ } else if (hasEdits(e)) { if (e.status !== 'wrong') e.status = 'corrected'; } else if (e.status === 'corrected') e.status = '';
    stamp(e);
    $('detail-evidence').innerHTML = highlight(e.evidence, e);
    $('detail-title').innerHTML = titleHtml(e);
    document.querySelectorAll('#detail .verdict button[data-verdict]').forEach(function (b) {
      b.classList.toggle('on', !!b.dataset.verdict && b.dataset.verdict === e.status);
    });
    if (!e.added) {
      document.querySelector('#detail button[data-verdict="corrected"]').disabled = !hasEdits(e);
      $('revert').disabled = !hasEdits(e);
    }
    var tr = document.querySelector('#rows tr[data-i="' + e.i + '"]');
    if (tr) { var fresh = document.createElement('tbody'); fresh.innerHTML = rowHtml(e); tr.replaceWith(fresh.firstChild); }
    renderProgress();
    save();
  });
  $('export').addEventListener('click', exportCsv);
  $('import-file').addEventListener('change', function () {
    var file = this.files && this.files[0];
    if (!file) return;
    var reader = new FileReader();
    reader.onload = function () { loadDecisions(String(reader.result)); };
    reader.readAsText(file, 'utf-8');
    this.value = '';
  });
  $('help-toggle').addEventListener('click', function () {
    var help = $('help');
    help.hidden = !help.hidden;
    this.setAttribute('aria-expanded', String(!help.hidden));
  });
  $('report-close').addEventListener('click', closeReport);
  $('report-panel').addEventListener('click', function (ev) { if (ev.target === this) closeReport(); });
  $('charts').addEventListener('click', function (ev) {
    var g = ev.target.closest('g[data-action], g[data-month], g[data-place]');
    if (!g) return;
    if (g.dataset.place !== undefined) {
      $('f-place').value = fold($('f-place').value) === fold(g.dataset.place) ? '' : g.dataset.place;
    } else if (g.dataset.action) {
      var select = $('f-action');
      select.value = select.value === g.dataset.action ? '' : g.dataset.action;
    } else {
      var same = $('f-from').value === g.dataset.month && $('f-to').value === g.dataset.month;
      $('f-from').value = same ? '' : g.dataset.month;
      $('f-to').value = same ? '' : g.dataset.month;
    }
    applyFilters();
  });
  document.addEventListener('keydown', function (ev) {
    if (ev.key === 'Escape' && !$('report-panel').hidden) { closeReport(); return; }
    var tag = (ev.target.tagName || '').toLowerCase();
    if (tag === 'input' || tag === 'textarea' || tag === 'select' || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    if (!$('report-panel').hidden) return;
    if (ev.key === 'j') move(1);
    else if (ev.key === 'k') move(-1);
    else if (selected !== null && (ev.key === 'c' || ev.key === 'w' || ev.key === 'u')) {
      setStatus(events[selected], { c: 'correct', w: 'wrong', u: '' }[ev.key]);
      if (ev.key !== 'u') move(1);
    } else if (selected !== null && ev.key === 'r') openReport(events[selected]);
    else return;
    ev.preventDefault();
  });

  if (storage) {
    try { $('reviewer').value = storage.getItem(REVIEWER_KEY) || ''; } catch (err) { /* ignore */ }
    try { if (storage.getItem(CHARTS_KEY) === 'closed') $('charts-box').open = false; } catch (err) { /* ignore */ }
  }
  $('reviewer').addEventListener('input', function () {
    if (storage) try { storage.setItem(REVIEWER_KEY, reviewerName()); } catch (err) { /* ignore */ }
    if (reviewerName() && /Reviewer/.test($('notice').textContent)) notice('');
  });
  $('charts-box').addEventListener('toggle', function () {
    if (storage) try { storage.setItem(CHARTS_KEY, this.open ? 'open' : 'closed'); } catch (err) { /* ignore */ }
    if (this.open) { renderCharts(); renderMap(); }
  });
  $('add-from-selection').addEventListener('click', addFromSelection);
  $('open-filtered-report').addEventListener('click', function () {
    var id = $('f-report').value.trim();
    if (!DATA.reports[id]) {
      var ids = Object.keys(DATA.reports).filter(function (r) { return id && fold(r).indexOf(fold(id)) >= 0; });
      id = ids.length === 1 ? ids[0] : (selected !== null && !id ? events[selected].report_id : null);
    }
    if (!id || !DATA.reports[id]) { notice('Type the id of an embedded report in the Report filter first (or select an event).'); return; }
    openReport(null, id);
  });

  if (DATA.missing_reports && DATA.missing_reports.length) {
    notice('No report text was found for: ' + DATA.missing_reports.join(', ') + '. Their events cannot be shown in the report.');
  }
  restore();
  applyFilters();
  window.hreventsReview = { events: events, view: function () { return view; }, buildCsv: buildCsv, addFromSelection: addFromSelection, ready: true };
}());
