/**
 * The review page's only script, inlined and allowed by its hash in the page's CSP. It reads the
 * records from the `application/json` data block and builds the table with DOM APIs; every value
 * goes through `textContent`, `title` or `new Option` — never innerHTML — because resource ids,
 * actors and reasons come from whoever can tag a resource.
 *
 * Plain ES2020 in a string: it runs in the browser, not in Node, and the page must not load files.
 */
export const PAGE_SCRIPT = String.raw`(function () {
  'use strict';
  var byId = function (id) { return document.getElementById(id); };
  var source = byId('data');
  var data = source ? JSON.parse(source.textContent || '{}') : {};
  var records = Array.isArray(data.records) ? data.records : [];
  var OUTCOMES = ['compliant', 'fixed', 'would-fix', 'noncompliant', 'exempt', 'failed', 'skipped', 'undone'];
  var MAX_VISIBLE = 1000;
  var state = { outcomes: [], control: '', mode: '', resource: '', actor: '', from: '', to: '', key: 'time', dir: -1 };

  var body = byId('records-body');
  var shown = byId('records-shown');
  var empty = byId('records-empty');
  var controlSelect = byId('filter-control');
  var modeSelect = byId('filter-mode');
  var resourceInput = byId('filter-resource');
  var actorInput = byId('filter-actor');
  var fromInput = byId('filter-from');
  var toInput = byId('filter-to');
  var outcomeButtons = Array.prototype.slice.call(document.querySelectorAll('.outcome-filter button[data-outcome]'));
  var sortHeaders = Array.prototype.slice.call(document.querySelectorAll('#records th[data-key]'));

  function str(value) { return value === null || value === undefined ? '' : String(value); }

  function cell(tag, value, className) {
    var el = document.createElement(tag);
    el.textContent = str(value);
    if (className) el.className = className;
    return el;
  }

  function distinct(field) {
    var seen = new Set();
    records.forEach(function (r) { if (r[field]) seen.add(str(r[field])); });
    return Array.from(seen).sort();
  }

  distinct('control').forEach(function (v) { controlSelect.appendChild(new Option(v, v)); });
  distinct('mode').forEach(function (v) { modeSelect.appendChild(new Option(v, v)); });

  // "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Web/sites/app" -> name "app", context "rg · Microsoft.Web/sites".
  function describeResource(id) {
    var parts = str(id).split('/');
    var lower = parts.map(function (p) { return p.toLowerCase(); });
    var rg = lower.indexOf('resourcegroups');
    var providers = lower.lastIndexOf('providers');
    var type = '';
    if (providers >= 0) {
      var segments = parts.slice(providers + 1);
      type = segments[0] || '';
      for (var i = 1; i < segments.length; i += 2) type += '/' + segments[i];
    }
    var context = [rg >= 0 ? parts[rg + 1] : '', type].filter(Boolean).join(' \u00b7 ');
    return { name: parts[parts.length - 1] || str(id), context: context };
  }

  function matches(r) {
    if (state.outcomes.length > 0 && state.outcomes.indexOf(r.outcome) < 0) return false;
    if (state.control && r.control !== state.control) return false;
    if (state.mode && r.mode !== state.mode) return false;
    if (state.resource && str(r.resourceId).toLowerCase().indexOf(state.resource) < 0) return false;
    if (state.actor && str(r.actor).toLowerCase().indexOf(state.actor) < 0) return false;
    var day = str(r.time).slice(0, 10);
    if (state.from && day < state.from) return false;
    if (state.to && day > state.to) return false;
    return true;
  }

  function sortValue(r) {
    if (state.key === 'time') return Date.parse(r.time) || 0;
    return str(r[state.key]).toLowerCase();
  }

  function compare(a, b) {
    var x = sortValue(a), y = sortValue(b);
    if (x < y) return -state.dir;
    if (x > y) return state.dir;
    return 0;
  }

  function row(r) {
    var tr = document.createElement('tr');
    tr.setAttribute('data-outcome', str(r.outcome));
    tr.appendChild(cell('td', str(r.time).replace('T', ' ').slice(0, 19), 'mono nowrap'));
    var resource = document.createElement('td');
    resource.className = 'resource';
    var described = describeResource(r.resourceId);
    resource.appendChild(cell('div', described.name, 'res-name'));
    resource.appendChild(cell('div', described.context, 'res-context'));
    resource.title = str(r.resourceId);
    tr.appendChild(resource);
    tr.appendChild(cell('td', r.control, 'mono nowrap'));
    var outcome = document.createElement('td');
    var known = OUTCOMES.indexOf(r.outcome) >= 0;
    outcome.appendChild(cell('span', r.outcome, 'chip' + (known ? ' o-' + r.outcome : '')));
    tr.appendChild(outcome);
    tr.appendChild(cell('td', r.mode, 'nowrap'));
    tr.appendChild(cell('td', r.actor || '\u2014', r.actor ? 'actor' : 'actor muted'));
    tr.appendChild(cell('td', r.trigger));
    var reason = cell('td', r.reason, 'reason');
    reason.title = str(r.reason);
    tr.appendChild(reason);
    return tr;
  }

  function render() {
    var list = records.filter(matches).sort(compare);
    var fragment = document.createDocumentFragment();
    list.slice(0, MAX_VISIBLE).forEach(function (r) { fragment.appendChild(row(r)); });
    body.textContent = '';
    body.appendChild(fragment);
    empty.hidden = list.length > 0;
    shown.textContent = list.length > MAX_VISIBLE
      ? 'Showing the first ' + MAX_VISIBLE + ' of ' + list.length + ' matching records (' + records.length + ' in total); narrow the filters'
      : list.length + ' of ' + records.length + ' records';
    outcomeButtons.forEach(function (b) {
      b.setAttribute('aria-pressed', String(state.outcomes.indexOf(b.getAttribute('data-outcome')) >= 0));
    });
    sortHeaders.forEach(function (th) {
      th.setAttribute('aria-sort', th.getAttribute('data-key') === state.key ? (state.dir > 0 ? 'ascending' : 'descending') : 'none');
    });
  }

  outcomeButtons.forEach(function (button) {
    button.addEventListener('click', function () {
      var outcome = button.getAttribute('data-outcome');
      var at = state.outcomes.indexOf(outcome);
      if (at >= 0) state.outcomes.splice(at, 1); else state.outcomes.push(outcome);
      render();
    });
  });

  sortHeaders.forEach(function (th) {
    th.querySelector('button').addEventListener('click', function () {
      var key = th.getAttribute('data-key');
      state.dir = state.key === key ? -state.dir : (key === 'time' ? -1 : 1);
      state.key = key;
      render();
    });
  });

  function bind(input, field, normalise) {
    var update = function () { state[field] = normalise ? input.value.trim().toLowerCase() : input.value; render(); };
    input.addEventListener('input', update);
    input.addEventListener('change', update);
  }
  bind(controlSelect, 'control', false);
  bind(modeSelect, 'mode', false);
  bind(resourceInput, 'resource', true);
  bind(actorInput, 'actor', true);
  bind(fromInput, 'from', false);
  bind(toInput, 'to', false);

  function reset() {
    state.outcomes = []; state.control = ''; state.mode = ''; state.resource = ''; state.actor = ''; state.from = ''; state.to = '';
    [controlSelect, modeSelect, resourceInput, actorInput, fromInput, toInput].forEach(function (el) { el.value = ''; });
  }
  byId('filter-reset').addEventListener('click', function () { reset(); render(); });

  // A count in the control x outcome matrix narrows the table to exactly those records.
  Array.prototype.slice.call(document.querySelectorAll('.matrix button[data-control]')).forEach(function (button) {
    button.addEventListener('click', function () {
      reset();
      state.control = button.getAttribute('data-control');
      controlSelect.value = state.control;
      var outcome = button.getAttribute('data-outcome');
      if (outcome) state.outcomes = [outcome];
      render();
      byId('records').scrollIntoView();
    });
  });

  render();
})();
`;
