/**
 * The page's script, inlined (and allowed by its hash). Plain ES2020 for the browser, written as
 * text because the library's TypeScript has no DOM: the browser tests (test/browser/) run it.
 *
 * What it keeps to:
 * - Nothing from the report is ever read as HTML: every value goes in as a text node or an
 *   attribute the page names itself (createElement, textContent), never innerHTML.
 * - Opening the page parses the JSON and renders the test list (in pages of 200 rows) from the
 *   embedded counts; a test's timeline is read only when it is opened, and drawn 200 entries at
 *   a time, so a 20,000-event report opens as quickly as a small one.
 * - Integers beyond 2^53 stay exact: when the text may hold one, JSON.parse's reviver reads
 *   each such number from its source text as a BigInt, and the detail pane writes its digits.
 * - Rows are buttons (Tab, Enter, Space; ArrowUp/ArrowDown move between rows) and say kind and
 *   verdict in words, not only in colour. `#test=F.T` in the address opens a test.
 */
export const REPORT_SCRIPT = String.raw`
(function () {
  'use strict';
  var PAGE = 200;
  var MAY_BE_INEXACT = /\d[\d.]{15,}/;

  function parseJson(text) {
    if (!MAY_BE_INEXACT.test(text)) return JSON.parse(text);
    return JSON.parse(text, function (key, value, context) {
      if (typeof value === 'number' && !Number.isSafeInteger(value) && context && /^-?\d+$/.test(context.source)) {
        return BigInt(context.source);
      }
      return value;
    });
  }

  function pretty(value) {
    if (value === undefined) return 'undefined';
    var big = [];
    var text = JSON.stringify(value, function (key, item) {
      if (typeof item !== 'bigint') return item;
      big.push(item.toString());
      return '\u0000bigint:' + (big.length - 1) + '\u0000';
    }, 2);
    if (big.length === 0) return text;
    return text.replace(/"\\u0000bigint:(\d+)\\u0000"/g, function (whole, index) { return big[Number(index)]; });
  }

  function el(tag, className, children) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (children !== undefined) append(node, children);
    return node;
  }

  function append(node, children) {
    (Array.isArray(children) ? children : [children]).forEach(function (child) {
      if (child === null || child === undefined || child === false) return;
      node.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
    });
    return node;
  }

  function button(className, children, onClick) {
    var node = el('button', className, children);
    node.type = 'button';
    node.addEventListener('click', onClick);
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function ms(value) {
    if (typeof value !== 'number') return '?';
    var rounded = Math.abs(value) >= 100 ? Math.round(value) : Math.round(value * 10) / 10;
    return rounded + ' ms';
  }

  function offsetText(value) {
    return (value < 0 ? '' : '+') + ms(value);
  }

  function epoch(value) {
    return Number.isFinite(value) && Math.abs(value) < 8.64e15 ? new Date(value).toISOString() : '?';
  }

  var report = parseJson(document.getElementById('report-data').textContent);
  var summary = JSON.parse(document.getElementById('report-summary').textContent);
  var listNode = document.getElementById('test-list');
  var moreTestsNode = document.getElementById('more-tests');
  var filterNode = document.getElementById('filter');
  var filterStatusNode = document.getElementById('filter-status');
  var viewNode = document.getElementById('test-view');
  var detailNode = document.getElementById('detail');

  // The rows of the list: a file, then its tests, in the report's order (failed first).
  var rows = [];
  report.files.forEach(function (file, f) {
    rows.push({ file: f, test: -1 });
    file.tests.forEach(function (test, t) { rows.push({ file: f, test: t }); });
  });

  var state = { rows: rows, shown: 0, file: -1, test: -1, entries: [], entriesShown: 0, selected: -1, query: '' };
  var haystacks = Object.create(null);

  function testName(test) {
    return test.ancestors.concat([test.title]).join(' › ');
  }

  function statusWord(status) {
    return status === 'failed' ? 'FAILED' : status === 'passed' ? 'passed' : status;
  }

  function statusNode(status) {
    return el('span', 'status status-' + status, statusWord(status));
  }

  // --- the test list -------------------------------------------------------------------------

  function rowNode(row) {
    var file = report.files[row.file];
    if (row.test < 0) {
      var testCount = file.tests.length;
      return button('row file-row', [statusNode(file.status), ' ', file.path, ' ',
        el('span', 'count', '(' + testCount + (testCount === 1 ? ' test)' : ' tests)'))], function () { openFile(row.file); });
    }
    var test = file.tests[row.test];
    var counts = summary.counts[row.file][row.test];
    var notes = [counts.events + (counts.events === 1 ? ' event' : ' events')];
    if (counts.failedMatchers > 0) notes.push(counts.failedMatchers + ' failed matcher' + (counts.failedMatchers === 1 ? '' : 's'));
    if (counts.failedInvocations > 0) notes.push(counts.failedInvocations + ' failed invocation' + (counts.failedInvocations === 1 ? '' : 's'));
    var node = button('row test-row', [statusNode(test.status), ' ', testName(test), ' ', el('span', 'count', '· ' + notes.join(' · '))],
      function () { openTest(row.file, row.test, true); });
    node.dataset.file = String(row.file);
    node.dataset.test = String(row.test);
    return node;
  }

  function renderList() {
    clear(listNode);
    state.shown = 0;
    showMoreRows();
  }

  function showMoreRows() {
    var end = Math.min(state.rows.length, state.shown + PAGE);
    var fragment = document.createDocumentFragment();
    for (var i = state.shown; i < end; i += 1) {
      var row = state.rows[i];
      var node = rowNode(row);
      if (row.file === state.file && row.test === state.test) node.setAttribute('aria-current', 'true');
      fragment.appendChild(el('li', null, node));
    }
    listNode.appendChild(fragment);
    state.shown = end;
    var left = state.rows.length - end;
    moreTestsNode.hidden = left === 0;
    moreTestsNode.textContent = 'Show ' + Math.min(PAGE, left) + ' more rows (' + left + ' left)';
  }

  function markCurrentRow() {
    listNode.querySelectorAll('[aria-current]').forEach(function (node) { node.removeAttribute('aria-current'); });
    var selector = state.test < 0 ? null : '.test-row[data-file="' + state.file + '"][data-test="' + state.test + '"]';
    var current = selector && listNode.querySelector(selector);
    if (current) current.setAttribute('aria-current', 'true');
  }

  // --- filtering -----------------------------------------------------------------------------

  function haystack(f, t) {
    var key = f + '.' + t;
    if (haystacks[key] !== undefined) return haystacks[key];
    var file = report.files[f];
    var test = file.tests[t];
    var words = [file.path, testName(test)];
    test.timeline.forEach(function (entry) {
      words.push(entry.eventId, entry.detailType, entry.source, entry.matcher, entry.functionName, entry.correlationId);
    });
    haystacks[key] = words.filter(function (word) { return typeof word === 'string'; }).join('\n').toLowerCase();
    return haystacks[key];
  }

  function applyFilter() {
    var query = filterNode.value.trim().toLowerCase();
    if (query === state.query) return;
    state.query = query;
    if (query === '') {
      state.rows = rows;
      filterStatusNode.textContent = '';
    } else {
      var matching = 0;
      state.rows = [];
      report.files.forEach(function (file, f) {
        var tests = [];
        file.tests.forEach(function (test, t) { if (haystack(f, t).indexOf(query) >= 0) tests.push({ file: f, test: t }); });
        var fileMatches = file.tests.length === 0 && (file.path + '\n' + (file.error || '')).toLowerCase().indexOf(query) >= 0;
        if (tests.length > 0 || fileMatches) state.rows.push({ file: f, test: -1 });
        state.rows = state.rows.concat(tests);
        matching += tests.length;
      });
      filterStatusNode.textContent = matching + ' of ' + summary.tests + ' tests match "' + filterNode.value.trim() + '"';
    }
    renderList();
  }

  var filterTimer = null;
  filterNode.addEventListener('input', function () {
    if (filterTimer !== null) clearTimeout(filterTimer);
    filterTimer = setTimeout(applyFilter, 120);
  });

  // --- a file --------------------------------------------------------------------------------

  function fields(pairs) {
    var list = el('dl', 'fields');
    pairs.forEach(function (pair) {
      if (pair[1] === undefined || pair[1] === null || pair[1] === '') return;
      append(list, [el('dt', null, pair[0]), el('dd', null, pair[1])]);
    });
    return list;
  }

  function openFile(f) {
    var file = report.files[f];
    state.file = f;
    state.test = -1;
    state.selected = -1;
    state.timelineNode = null;
    markCurrentRow();
    clear(viewNode);
    append(viewNode, [el('h2', null, file.path), fields([
      ['Status', statusNode(file.status)],
      ['Bus', file.eventBusName],
      ['Capture ready', file.startedAt === undefined ? undefined : epoch(file.startedAt)],
      ['Duration', file.durationMs === undefined ? undefined : ms(file.durationMs)],
      ['Tests', String(file.tests.length)],
      ['Events forgotten', file.eventsForgotten > 0 ? file.eventsForgotten + ' (over maxStoredEvents: the report holds what the store held)' : undefined],
      ['Puts forgotten', file.putsForgotten ? file.putsForgotten + ' (over maxStoredEvents: the first puts are listed)' : undefined],
    ])]);
    if (file.error) append(viewNode, [el('h3', null, 'File error'), el('pre', 'failure', file.error)]);
    showHint('Select a test in the list to see its timeline.');
    setHash('file=' + f);
  }

  // --- a test's timeline ---------------------------------------------------------------------

  function entryKind(entry) {
    if (entry.kind === 'put') return 'PUT';
    if (entry.kind === 'captured') return 'CAPTURED';
    if (entry.kind === 'matcher') return entry.verdict === 'pass' ? 'MATCH pass' : 'MATCH FAIL';
    if (entry.kind !== 'invocation') return String(entry.kind).toUpperCase();
    return entry.outcome === 'success' ? 'INVOKE ok' : entry.outcome === 'timeout' ? 'INVOKE TIMEOUT' : 'INVOKE ERROR';
  }

  function entryLabel(entry) {
    if (entry.kind === 'put' || entry.kind === 'captured') return entry.source + ' · ' + entry.detailType;
    if (entry.kind === 'matcher') return (entry.isNot ? '.not.' : '') + entry.matcher + ' ' + entry.expected.slice(0, 200);
    if (entry.kind !== 'invocation') return '';
    // The template's name for the function (a deployed name is generated: ConfirmOrderFunction, not jeb-local-…-ConfirmOrderFunc…).
    var label = (entry.logicalId || entry.functionName) + (entry.attempts > 1 ? ' (attempt ' + entry.attempt + '/' + entry.attempts + ')' : '');
    return entry.error ? label + ': ' + entry.error.name + ': ' + entry.error.message.slice(0, 200) : label;
  }

  function entryClass(entry) {
    var name = 'row entry kind-' + entry.kind;
    if (entry.kind === 'matcher') name += ' verdict-' + entry.verdict;
    if (entry.kind === 'invocation') name += ' outcome-' + entry.outcome;
    return name;
  }

  function position(node, start, width) {
    var scale = state.scale;
    node.style.left = ((start - scale.from) / scale.span) * 100 + '%';
    if (width !== undefined) node.style.width = Math.min(100, (width / scale.span) * 100) + '%';
    return node;
  }

  function trackNode(entry) {
    var track = el('span', 'track');
    track.setAttribute('aria-hidden', 'true');
    if (entry.kind === 'matcher') {
      append(track, [position(el('span', 'window'), entry.offsetMs, entry.windowMs), position(el('span', 'bar'), entry.offsetMs, entry.durationMs)]);
    } else if (entry.kind === 'invocation') {
      append(track, position(el('span', 'bar'), entry.offsetMs, entry.durationMs));
    } else if (typeof entry.offsetMs === 'number') {
      append(track, position(el('span', 'mark'), entry.offsetMs));
    }
    return track;
  }

  function entryMatches(entry, query) {
    return [entry.eventId, entry.detailType, entry.source, entry.matcher, entry.functionName, entry.correlationId].some(function (word) {
      return typeof word === 'string' && word.toLowerCase().indexOf(query) >= 0;
    });
  }

  function entryNode(entry, index) {
    var found = state.query !== '' && entryMatches(entry, state.query);
    var node = button(entryClass(entry) + (found ? ' found' : ''), [el('span', 'offset', offsetText(entry.offsetMs)), el('span', 'kind', entryKind(entry)),
      el('span', 'label', entryLabel(entry)), trackNode(entry)], function () { selectEntry(index, false); });
    node.dataset.index = String(index);
    node.title = entryLabel(entry) + (found ? ' (matches the filter)' : '');
    if (index === state.selected) node.setAttribute('aria-current', 'true');
    return node;
  }

  function scaleOf(test, entries) {
    var from = 0;
    var to = typeof test.durationMs === 'number' ? test.durationMs : 0;
    entries.forEach(function (entry) {
      var end = entry.offsetMs + (typeof entry.durationMs === 'number' ? entry.durationMs : 0);
      if (entry.kind === 'matcher') end = Math.max(end, entry.offsetMs + entry.windowMs);
      if (entry.offsetMs < from) from = entry.offsetMs;
      if (end > to) to = end;
    });
    return { from: from, span: Math.max(1, to - from) };
  }

  function axisNode() {
    var scale = state.scale;
    var ticks = el('span', 'ticks');
    [0, 0.5, 1].forEach(function (fraction) {
      append(ticks, position(el('span', 'tick', ms(scale.from + fraction * scale.span)), scale.from + fraction * scale.span));
    });
    var axis = el('div', 'axis', [el('span', null, 'offset'), el('span', null, 'kind'), el('span', null, 'source · detail-type / call'), ticks]);
    axis.setAttribute('aria-hidden', 'true');
    return axis;
  }

  function openTest(f, t, fromList) {
    var file = report.files[f];
    var test = file.tests[t];
    // Sorted by offset, ties in the report's order (Array.prototype.sort is stable).
    var entries = test.timeline.slice().sort(function (a, b) { return a.offsetMs - b.offsetMs; });
    state.file = f;
    state.test = t;
    state.entries = entries;
    state.entriesShown = 0;
    state.selected = -1;
    state.timelineNode = null;
    state.scale = scaleOf(test, entries);
    markCurrentRow();
    clear(viewNode);
    append(viewNode, [el('h2', null, test.title), el('p', 'crumbs', [file.path].concat(test.ancestors).join(' › ')), fields([
      ['Status', statusNode(test.status)],
      ['Started', test.startedAt === undefined ? undefined : epoch(test.startedAt)],
      ['Duration', test.durationMs === undefined ? undefined : ms(test.durationMs)],
      ['Timeline', entries.length + (entries.length === 1 ? ' entry' : ' entries') + ', offsets from the test\'s start'],
    ])]);
    if (test.failureMessages.length > 0) append(viewNode, [el('h3', null, 'Failure'), el('pre', 'failure', test.failureMessages.join('\n\n'))]);
    if (entries.length === 0) {
      append(viewNode, el('p', 'hint', 'Nothing was put, captured, asserted or invoked while this test ran.'));
    } else {
      state.timelineNode = el('ol', 'timeline');
      state.timelineNode.setAttribute('aria-label', 'Timeline of ' + test.title);
      state.moreEntriesNode = button('more', '', function () { showMoreEntries(state.entriesShown + PAGE); });
      append(viewNode, [el('h3', null, 'Timeline'), axisNode(), state.timelineNode, state.moreEntriesNode]);
      showMoreEntries(PAGE);
    }
    setHash('test=' + f + '.' + t);
    // What the filter names (an event id, a detail-type) first, else the first failure.
    var first = state.query === '' ? -1 : firstFound(entries, state.query);
    if (first < 0) first = firstProblem(entries);
    if (first >= 0) selectEntry(first, true);
    else showHint(fromList && entries.length > 0 ? 'Select an entry of the timeline to see it in full.' : 'No entry selected.');
  }

  function firstFound(entries, query) {
    for (var i = 0; i < entries.length; i += 1) if (entryMatches(entries[i], query)) return i;
    return -1;
  }

  function firstProblem(entries) {
    for (var i = 0; i < entries.length; i += 1) if (entries[i].kind === 'matcher' && entries[i].verdict === 'fail') return i;
    for (var j = 0; j < entries.length; j += 1) if (entries[j].kind === 'invocation' && entries[j].outcome !== 'success') return j;
    return -1;
  }

  function showMoreEntries(upTo) {
    if (!state.timelineNode) return;
    var end = Math.min(state.entries.length, upTo);
    var fragment = document.createDocumentFragment();
    for (var i = state.entriesShown; i < end; i += 1) fragment.appendChild(el('li', null, entryNode(state.entries[i], i)));
    state.timelineNode.appendChild(fragment);
    state.entriesShown = end;
    var left = state.entries.length - end;
    state.moreEntriesNode.hidden = left === 0;
    state.moreEntriesNode.textContent = 'Show ' + Math.min(PAGE, left) + ' more entries (' + left + ' left)';
  }

  // --- the detail pane -----------------------------------------------------------------------

  function showHint(text) {
    clear(detailNode);
    append(detailNode, [el('h2', null, 'Details'), el('p', 'hint', text)]);
  }

  function indexOfEvent(eventId) {
    for (var i = 0; i < state.entries.length; i += 1) if (state.entries[i].kind === 'captured' && state.entries[i].eventId === eventId) return i;
    for (var j = 0; j < state.entries.length; j += 1) if (state.entries[j].kind === 'put' && state.entries[j].eventId === eventId) return j;
    return -1;
  }

  function eventLink(eventId) {
    var index = indexOfEvent(eventId);
    if (index < 0) return eventId + ' (not in this test\'s timeline)';
    return button('link', eventId, function () { selectEntry(index, false); focusEntry(index); });
  }

  function json(title, value) {
    return [el('h3', null, title), el('pre', 'json', pretty(value))];
  }

  function detailOf(entry) {
    var parts = [el('h2', null, entryKind(entry) + ' at ' + offsetText(entry.offsetMs))];
    if (entry.kind === 'put' || entry.kind === 'captured') {
      parts.push(fields([['Event id', entry.eventId], ['Source', entry.source], ['Detail-type', entry.detailType],
        ['Correlation id', entry.correlationId], ['Offset', offsetText(entry.offsetMs)]]));
      if (entry.kind === 'put') parts = parts.concat(json('Entry as sent', entry.entry));
      else parts = parts.concat(json('Event', entry.event));
      if (entry.kind === 'captured' && entry.delivered !== undefined) parts = parts.concat(json('What the mirrored target received', entry.delivered));
    } else if (entry.kind === 'matcher') {
      var verdict = el('span', 'verdict-box verdict-' + entry.verdict, entry.verdict === 'pass' ? 'PASS' : 'FAIL');
      parts.push(fields([['Matcher', (entry.isNot ? '.not.' : '') + entry.matcher], ['Verdict', verdict],
        ['Called at', offsetText(entry.offsetMs)], ['Window', ms(entry.windowMs)], ['Waited', ms(entry.durationMs)]]));
      parts.push(el('h3', null, 'Expected'), el('pre', 'json', entry.expected));
      if (entry.nearest) {
        parts.push(el('h3', null, 'Nearest candidate'), fields([['Event id', eventLink(entry.nearest.eventId)]]));
        // An object expectation's reasons are the runner's diff, line by line: kept as lines, with
        // their indentation; a pattern's are one failing condition each: a list.
        var reasons;
        if (entry.nearest.format === 'diff') reasons = el('pre', 'json', entry.nearest.reasons.join('\n'));
        else {
          reasons = el('ul', 'reasons');
          entry.nearest.reasons.forEach(function (reason) { append(reasons, el('li', null, reason)); });
        }
        parts.push(el('p', null, 'Why it did not match:'), reasons);
      }
      if (entry.message) parts.push(el('h3', null, 'Message'), el('pre', 'failure', entry.message));
    } else if (entry.kind !== 'invocation') {
      // A kind this page does not know (a newer report): shown as it is.
      parts = parts.concat(json('Entry', entry));
    } else {
      parts.push(fields([['Function', entry.functionName], ['Logical id', entry.logicalId], ['Outcome', entry.outcome.toUpperCase()],
        ['Attempt', entry.attempt + ' of ' + entry.attempts], ['Duration', ms(entry.durationMs)], ['Rule', entry.ruleName],
        ['Event', eventLink(entry.eventId)], ['Request id', entry.requestId]]));
      if (entry.error) {
        parts.push(el('h3', null, 'Error'), el('pre', 'failure', entry.error.name + ': ' + entry.error.message));
        if (entry.error.stack) parts.push(el('h3', null, 'Stack'), el('pre', null, entry.error.stack));
      }
    }
    return parts;
  }

  function selectEntry(index, automatic) {
    if (index >= state.entriesShown) showMoreEntries(Math.ceil((index + 1) / PAGE) * PAGE);
    state.selected = index;
    state.timelineNode.querySelectorAll('[aria-current]').forEach(function (node) { node.removeAttribute('aria-current'); });
    var node = state.timelineNode.querySelector('[data-index="' + index + '"]');
    if (node) node.setAttribute('aria-current', 'true');
    clear(detailNode);
    append(detailNode, detailOf(state.entries[index]));
    if (!automatic) setHash('test=' + state.file + '.' + state.test + '&entry=' + index);
  }

  function focusEntry(index) {
    var node = state.timelineNode.querySelector('[data-index="' + index + '"]');
    if (node) { node.focus(); node.scrollIntoView({ block: 'nearest' }); }
  }

  // --- keyboard, address, start ----------------------------------------------------------------

  function arrowKeys(container) {
    container.addEventListener('keydown', function (event) {
      if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
      var buttons = Array.prototype.slice.call(container.querySelectorAll('button.row'));
      var at = buttons.indexOf(document.activeElement);
      if (at < 0) return;
      var next = buttons[at + (event.key === 'ArrowDown' ? 1 : -1)];
      if (next) { event.preventDefault(); next.focus(); }
    });
  }

  function setHash(value) {
    try { history.replaceState(null, '', '#' + value); } catch (error) { /* a page without history: nothing to keep */ }
  }

  function openFromHash() {
    var test = /test=(\d+)\.(\d+)/.exec(location.hash);
    var entry = /entry=(\d+)/.exec(location.hash);
    var file = /file=(\d+)/.exec(location.hash);
    if (test && report.files[+test[1]] && report.files[+test[1]].tests[+test[2]]) {
      openTest(+test[1], +test[2], false);
      if (entry && +entry[1] < state.entries.length) selectEntry(+entry[1], false);
      return;
    }
    if (file && report.files[+file[1]]) return openFile(+file[1]);
    // The list's first row: the first file's first test, or the file itself when it has none
    // (a file that failed before any test ran shows its error).
    if (report.files.length > 0) return report.files[0].tests.length > 0 ? openTest(0, 0, false) : openFile(0);
    clear(viewNode);
    append(viewNode, el('p', 'hint', 'This report has no test files.'));
    showHint('Nothing to show.');
  }

  moreTestsNode.addEventListener('click', showMoreRows);
  arrowKeys(listNode);
  arrowKeys(viewNode);
  renderList();
  openFromHash();
  document.documentElement.setAttribute('data-ready', 'true');
  if (window.performance && performance.mark) performance.mark('report-ready');
})();
`;
