// fitd dashboard. Plain ES modules, no build step: the page's URL query string is the state (every API
// parameter plus `model` for the open detail and `view`), so any view can be shared by copying the URL.
import { api, token, ApiError } from './api.js';
import { drawChart } from './chart.js';

const FILTERS = ['search', 'provider', 'use_case', 'min_fit', 'perfect', 'include_too_tight', 'runtime',
  'force_runtime', 'quant', 'kv_cache', 'installed', 'loaded', 'sort', 'limit'];
const WHATIF = ['gpu', 'gpu_count', 'vram_gb', 'ram_gb', 'cpu_cores', 'max_context'];
const UI_ONLY = ['model', 'view'];
// The parameters that change a row's figures (not which rows pass): the detail panel asks with only these,
// so its model and every quant of the ladder are shown even when the table's filters would hide them.
const ESTIMATE = [...WHATIF, 'kv_cache', 'force_runtime'];

const $ = (sel) => document.querySelector(sel);
const state = { devices: null, rows: [], answer: null, loading: 0 };

// ---------- small helpers ----------
function h(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v; else if (k === 'text') e.textContent = v; else e.setAttribute(k, v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) e.append(c);
  return e;
}
const fmt = (v, d = 1) => (v === null || v === undefined ? '–' : Number(v).toFixed(d));
const gib = (v) => (v === null || v === undefined ? 'unknown' : `${fmt(v, 1)} GiB`);

function urlParams() { return new URLSearchParams(location.search); }

/** The API parameters of the current URL: every parameter except the page's own (model, view). */
function apiParams(extra = {}) {
  const p = {};
  for (const [k, v] of urlParams()) if (!UI_ONLY.includes(k)) p[k] = v;
  return { ...p, ...extra };
}

/** The URL's parameters that change the figures, plus {@code extra}. */
function estimateParams(extra = {}) {
  const p = {};
  for (const [k, v] of urlParams()) if (ESTIMATE.includes(k)) p[k] = v;
  return { ...p, ...extra };
}

function navigate(changes, { replace = false } = {}) {
  const p = urlParams();
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined || v === null || String(v).trim() === '' || v === false) p.delete(k); else p.set(k, String(v).trim());
  }
  const s = p.toString();
  const url = `${location.pathname}${s ? `?${s}` : ''}`;
  if (url !== `${location.pathname}${location.search}`) {
    if (replace) history.replaceState(null, '', url); else history.pushState(null, '', url);
  }
  render();
}

// ---------- messages ----------
function showError(e, where) {
  const banner = $('#banner');
  banner.className = '';
  if (e instanceof ApiError && e.status === 401) {
    $('#token-form').hidden = false;
    banner.textContent = token.get()
      ? `The token was refused (${e.message}). Enter the right one below.`
      : `This fitd needs a bearer token (${e.message}).`;
  } else {
    const status = e instanceof ApiError && e.status ? `HTTP ${e.status}: ` : '';
    banner.textContent = `${where} failed — ${status}${e.message}`;
  }
  banner.hidden = false;
}
function clearError() { $('#banner').hidden = true; $('#banner').textContent = ''; }

// ---------- forms <-> URL ----------
function fillForm(form, keys) {
  const p = urlParams();
  for (const k of keys) {
    const input = form.elements[k];
    if (!input) continue;
    const v = p.get(k) ?? '';
    if (input.type === 'checkbox') input.checked = v === 'true';
    else if (input.tagName === 'SELECT' && v && ![...input.options].some((o) => o.value === v)) {
      input.append(h('option', { value: v, text: v }));   // a value from a shared URL the menu lacks
      input.value = v;
    } else input.value = v;
  }
}
function readForm(form, keys) {
  const out = {};
  for (const k of keys) {
    const input = form.elements[k];
    if (!input) continue;
    out[k] = input.type === 'checkbox' ? (input.checked ? 'true' : '') : input.value;
  }
  return out;
}

// ---------- system panel ----------
function card(label, value, title) {
  return h('div', { class: 'card', title }, h('div', { class: 'label', text: label }), h('div', { class: 'value', text: value }));
}
function renderSystem(answer, whatIf) {
  const s = answer.system;
  const prov = s.provenance || {};
  $('#node').textContent = `${answer.node.name} · ${answer.node.os}`;
  $('#system h2').textContent = whatIf ? 'What-if machine (not this one)' : 'This machine';
  const cards = [
    card('RAM', `${gib(s.available_ram_gb)} free of ${gib(s.total_ram_gb)}`,
      `total: ${prov['memory.total'] || 'probed'}; available: ${prov['memory.available'] || 'probed'}`),
    card('container limit', s.container_limit_gb === null ? 'none' : gib(s.container_limit_gb),
      prov['memory.container_limit'] || 'cgroup memory limit of this process (none found)'),
    card('CPU', `${s.cpu_name || 'unknown'} · ${s.cpu_cores ?? '?'} cores`, prov['cpu.name'] || 'probed'),
    card('RAM bandwidth', s.ram_bandwidth_gbps === null ? 'unknown' : `${fmt(s.ram_bandwidth_gbps, 1)} GB/s`,
      prov['memory.bandwidth'] || 'probed'),
  ];
  (s.gpus || []).forEach((g, i) => {
    cards.push(card(`GPU ${i}${g.count > 1 ? ` (×${g.count})` : ''}`,
      `${g.name} · ${gib(g.vram_gb)} · ${g.memory_bandwidth_gbps === null ? '? GB/s' : `${fmt(g.memory_bandwidth_gbps, 0)} GB/s`}`,
      `VRAM: ${prov[`gpus[${i}].vram_total`] || prov.gpus || 'probed'}; bandwidth: ${prov[`gpus[${i}].memory_bandwidth`] || 'device table'}; backend ${g.backend}${g.unified_memory ? ', unified memory' : ''}`));
  });
  if (!s.gpus || s.gpus.length === 0) cards.push(card('GPU', 'none', prov.gpus || 'probed'));
  $('#system-cards').replaceChildren(...cards);
  $('#warnings').replaceChildren(...(s.warnings || []).map((w) => h('li', { text: w })));
}

// ---------- models table ----------
function memoryBar(m) {
  const pct = Math.min(100, m.utilization_pct ?? 0);
  const colour = pct > 100 ? 'var(--too_tight)' : pct > 90 ? 'var(--marginal)' : pct > 80 ? 'var(--good)' : 'var(--perfect)';
  return h('span', {},
    h('span', { class: 'bar', title: `${m.required_gb} GiB of ${m.available_gb} GiB (${m.utilization_pct} %)` },
      h('span', { style: `width:${pct}%;background:${colour}` })),
    h('span', { class: 'bar-label', text: `${fmt(m.required_gb, 1)}/${fmt(m.available_gb, 0)} GiB` }));
}
function badges(r) {
  const out = [];
  if (r.loaded_instances && r.loaded_instances.length) out.push(h('span', { class: 'badge loaded', text: 'loaded' }));
  if (r.installed) out.push(h('span', { class: 'badge installed', title: (r.installed_in || []).map((i) => `${i.runtime} ${i.id}`).join(', '), text: 'installed' }));
  return out;
}
function renderTable(answer) {
  const selected = urlParams().get('model');
  const rows = answer.models.map((r) => {
    const tr = h('tr', { 'data-key': r.key, class: r.key === selected ? 'selected' : null },
      h('td', {}, h('div', { text: r.display_name || r.key }), h('div', { class: 'key', text: r.key })),
      h('td', { class: 'num', text: r.params_string || '–' }),
      h('td', { text: r.best_quant || '–' }),
      h('td', {}, h('span', { class: `fit ${r.fit_level}`, text: r.fit_level })),
      h('td', { text: r.run_mode }),
      h('td', { class: 'num tps', text: fmt(r.estimated_tps, 1) }),
      h('td', {}, memoryBar(r.memory)),
      h('td', { class: 'num', text: r.effective_context_length ?? '–' }),
      h('td', { class: 'num', text: fmt(r.score, 1) }),
      h('td', { text: r.use_case || '–' }),
      h('td', { text: r.release_date || '–' }),
      h('td', {}, badges(r)));
    tr.addEventListener('click', () => navigate({ model: r.key }));
    return tr;
  });
  $('#models tbody').replaceChildren(...rows);
  const sort = answer.filters.sort;
  for (const th of document.querySelectorAll('#models th[data-sort]')) th.classList.toggle('sorted', th.dataset.sort === sort);
  $('#count').textContent = `${answer.returned_models} of ${answer.total_models} matching models`
    + (answer.returned_models < answer.total_models ? ' (limit)' : '');
  drawChart($('#chart'), answer.models, (key) => navigate({ model: key }));
}

// ---------- detail panel ----------
async function renderDetail(key) {
  const aside = $('#detail');
  if (!key) { aside.hidden = true; aside.replaceChildren(); return; }
  aside.hidden = false;
  let row = state.rows.find((r) => r.key === key);
  try {
    if (!row) {
      const a = await api.model(key, estimateParams({ quant: urlParams().get('quant') }));
      row = a.models.find((r) => r.key === key) || a.models[0];
    }
  } catch (e) {
    aside.replaceChildren(h('p', { class: 'error', text: `Could not load ${key}: ${e.message}` }));
    return;
  }
  if (!row) { aside.replaceChildren(h('p', { text: `No row for ${key} under these filters.` })); return; }
  const m = row.memory;
  const total = m.required_gb || 1;
  const part = (v, c, label) => h('span', { style: `width:${(100 * (v || 0)) / total}%;background:var(${c})`, title: `${label} ${v} GiB` });
  const ladder = h('tbody', {}, h('tr', {}, h('td', { colspan: 4, class: 'muted', text: 'computing every quantization…' })));
  const close = h('button', { class: 'close', type: 'button', text: '×', 'aria-label': 'close' });
  close.addEventListener('click', () => navigate({ model: '' }));
  const planBtn = h('button', { type: 'button', text: 'Plan hardware for this model' });
  planBtn.addEventListener('click', () => navigate({ view: 'plan' }));
  aside.replaceChildren(
    close,
    h('h2', { text: row.display_name || row.key }),
    h('div', { class: 'key', text: `${row.key} · ${row.provider || row.publisher || ''} · ${row.params_string || ''} · ${row.architecture || ''}` }),
    h('p', {}, h('span', { class: `fit ${row.fit_level}`, text: row.fit_level }), ` ${row.run_mode}, ${fmt(row.estimated_tps, 1)} tok/s decode, ${fmt(row.estimated_prefill_tps, 0)} tok/s prefill, score ${fmt(row.score, 1)}`),
    h('h3', { text: `Memory: ${fmt(m.required_gb, 2)} GiB of ${fmt(m.available_gb, 2)} GiB (${fmt(m.utilization_pct, 1)} %)` }),
    h('div', { class: 'stack' }, part(m.weights_gb, '--weights', 'weights'), part(m.kv_cache_gb, '--kv', 'KV cache'), part(m.overhead_gb, '--overhead', 'overhead')),
    h('div', { class: 'legend small' },
      h('span', { style: 'background:var(--weights)' }), `weights ${fmt(m.weights_gb, 2)}`,
      h('span', { style: 'background:var(--kv)' }), `KV cache ${fmt(m.kv_cache_gb, 2)}`,
      h('span', { style: 'background:var(--overhead)' }), `overhead ${fmt(m.overhead_gb, 2)} GiB`),
    h('p', { class: 'small' }, `${row.gpu_layers ?? 0} layers on GPU, ${row.cpu_layers ?? 0} on CPU; context ${row.effective_context_length} (usable ${row.usable_context ?? '–'}, max ${row.max_context_length ?? '–'})`),
    h('h3', { text: 'Notes' }),
    h('ul', { class: 'small' }, (row.notes || []).map((n) => h('li', { text: n }))),
    h('h3', { text: 'Measure it' }),
    h('pre', { class: 'verify', text: row.verify_command || '–' }),
    h('h3', { text: `Every quantization (${row.runtime})` }),
    h('table', { class: 'ladder small' }, h('thead', {}, h('tr', {}, h('th', { text: 'quant' }), h('th', { text: 'fit' }), h('th', { text: 'tok/s' }), h('th', { text: 'GiB' }))), ladder),
    h('p', {}, planBtn));
  // One request per quantization of the row's runtime ladder (the API's quant= parameter), same what-if.
  const quants = state.devices?.quant_ladders?.[row.runtime] || [];
  const base = estimateParams();
  const results = await Promise.all(quants.map((q) => api.model(key, { ...base, quant: q })
    .then((a) => ({ q, r: a.models.find((x) => x.key === key) }), (e) => ({ q, e }))));
  if (urlParams().get('model') !== key) return;
  ladder.replaceChildren(...results.map(({ q, r, e }) => h('tr', { class: r && r.best_quant === row.best_quant ? 'selected' : null },
    h('td', { text: q }),
    r ? h('td', {}, h('span', { class: `fit ${r.fit_level}`, text: r.fit_level })) : h('td', { text: e ? e.message : 'no row' }),
    h('td', { class: 'num', text: r ? fmt(r.estimated_tps, 1) : '–' }),
    h('td', { class: 'num', text: r ? fmt(r.memory.required_gb, 2) : '–' }))));
}

// ---------- plan view ----------
// POST /api/v1/plan (README, "POST /api/v1/plan"): what hardware a model needs at a context, quantization and
// target speed. The answer is llmfit's PlanEstimate plus fitd's hardware_options, key, display_name and notes.

/** "49.6 GiB VRAM, 0.6 GiB RAM" for a {vram_gb, ram_gb, cpu_cores} need; cpu_cores is null in fitd's answers. */
function hw(e) {
  if (!e) return '–';
  const parts = [];
  if (e.vram_gb !== null && e.vram_gb !== undefined) parts.push(`${fmt(e.vram_gb, 1)} GiB VRAM`);
  if (e.ram_gb !== null && e.ram_gb !== undefined) parts.push(`${fmt(e.ram_gb, 1)} GiB RAM`);
  if (e.cpu_cores !== null && e.cpu_cores !== undefined) parts.push(`${e.cpu_cores} cores`);
  return parts.join(', ') || '–';
}
const fitBadge = (level) => (level ? h('span', { class: `fit ${level}`, text: level }) : '–');
const tableOf = (attrs, heads, rows) => h('div', { class: 'table-wrap' }, h('table', { class: `small plan-table ${attrs.class || ''}`, id: attrs.id },
  h('thead', {}, h('tr', {}, heads.map((t) => h('th', { text: t })))), h('tbody', {}, rows)));
const PATH_NAMES = { gpu: 'GPU (all layers in VRAM)', cpu_offload: 'GPU + CPU offload', cpu_only: 'CPU only' };

/** One hardware option: a count of a discrete GPU, or a unified-memory chip at a memory size. */
function optionRow(o) {
  const memory = o.kind === 'gpu'
    ? `${o.count > 1 ? `${o.count} × ` : ''}${fmt(o.vram_gb, 0)} GiB${o.count > 1 ? ` = ${fmt(o.total_vram_gb, 0)} GiB` : ''}`
    : `${fmt(o.memory_gb, 0)} GiB unified (${fmt(o.vram_gb, 1)} GiB for the GPU)`;
  return h('tr', {},
    h('td', { text: o.name }),
    h('td', { text: o.kind }),
    h('td', { class: 'num', text: String(o.count) }),
    h('td', { text: memory }),
    h('td', { class: 'num', text: o.memory_bandwidth_gbps === null ? '–' : `${fmt(o.memory_bandwidth_gbps, 0)} GB/s` }),
    h('td', { text: o.quant }),
    h('td', { text: o.run_mode }),
    h('td', {}, fitBadge(o.fit_level)),
    h('td', { class: 'num tps', text: fmt(o.estimated_tps, 1) }));
}

function renderPlan(plan) {
  const out = [];
  const title = plan.display_name || plan.model_name || plan.key;
  out.push(h('h3', { text: `${title}${plan.provider ? ` (${plan.provider})` : ''}` }));
  const asked = plan.requested_model && plan.requested_model !== plan.key ? ` · asked as “${plan.requested_model}”` : '';
  out.push(h('p', { class: 'small key', text: `${plan.key ?? plan.model_name}${asked} · context ${plan.context} · quantization ${plan.quantization ?? '–'}`
    + ` · KV cache ${plan.kv_quant ?? '–'}${plan.target_tps ? ` · target ${plan.target_tps} tok/s` : ' · no speed target'}` }));

  const needCard = (label, need) => h('div', { class: 'card' }, h('div', { class: 'label', text: label }),
    h('div', { class: 'value', text: need && need.vram_gb !== null && need.vram_gb !== undefined ? `${fmt(need.vram_gb, 1)} GiB VRAM` : 'no GPU placement' }),
    h('div', { class: 'small muted', text: need ? `${fmt(need.ram_gb, 1)} GiB RAM${need.cpu_cores !== null && need.cpu_cores !== undefined ? `, ${need.cpu_cores} cores` : ''}` : '' }));
  const cards = [needCard(`minimum (${plan.quantization ?? '–'})`, plan.minimum), needCard('recommended', plan.recommended)];
  if (plan.current) {
    cards.push(h('div', { class: 'card', id: 'plan-current' }, h('div', { class: 'label', text: 'on this machine' }),
      h('div', { class: 'value' }, fitBadge(plan.current.fit_level), ` ${plan.current.run_mode}`),
      h('div', { class: 'small muted', text: plan.current.estimated_tps === null ? 'does not run' : `${fmt(plan.current.estimated_tps, 1)} tok/s` })));
  }
  out.push(h('div', { class: 'cards', id: 'plan-needs' }, cards));

  const options = plan.hardware_options || [];
  out.push(h('h3', { text: plan.target_tps
    ? `Hardware that runs it at ${plan.target_tps} tok/s or faster (${options.length})`
    : `Hardware that runs it (${options.length})` }));
  if (options.length) {
    out.push(tableOf({ id: 'plan-hardware' }, ['device', 'kind', 'count', 'memory', 'bandwidth', 'quant', 'run mode', 'fit', 'tok/s'],
      options.map(optionRow)));
    out.push(h('p', { class: 'muted small', text: 'The smallest GPU count (1, 2, 4, 8) or unified-memory size of each device in fitd\'s device table that holds the model on the GPU, at least marginal fit, at the target speed; quant is the best that does.' }));
  } else {
    out.push(h('p', { class: 'error', id: 'plan-no-hardware', text: plan.target_tps
      ? `No device in fitd's table reaches ${plan.target_tps} tok/s for this model at this context: lower the target, the context or the quantization.`
      : 'No device in fitd\'s table holds this model at this context.' }));
  }

  if (Array.isArray(plan.run_paths)) {
    out.push(h('h3', { text: 'Run paths' }));
    out.push(tableOf({ id: 'plan-paths' }, ['path', 'feasible', 'fit', 'tok/s', 'minimum', 'recommended', 'notes'],
      plan.run_paths.map((p) => h('tr', { 'data-path': p.path, class: p.feasible ? null : 'infeasible' },
        h('td', { text: PATH_NAMES[p.path] || p.path }), h('td', { text: p.feasible ? 'yes' : 'no' }),
        h('td', {}, fitBadge(p.fit_level)),
        h('td', { class: 'num', text: fmt(p.estimated_tps, 1) }), h('td', { text: hw(p.minimum) }), h('td', { text: hw(p.recommended) }),
        h('td', { class: 'wrap', text: (p.notes || []).join(' ') })))));
  }
  if (Array.isArray(plan.upgrade_deltas) && plan.upgrade_deltas.length) {
    out.push(h('h3', { text: 'Upgrades for this machine' }), h('ul', { id: 'plan-upgrades' }, plan.upgrade_deltas.map((u) => h('li', { text: u.description || JSON.stringify(u) }))));
  }
  if (Array.isArray(plan.kv_alternatives) && plan.kv_alternatives.length) {
    out.push(h('h3', { text: 'KV cache options' }), tableOf({ id: 'plan-kv' }, ['KV', 'memory GiB', 'KV GiB', 'saves', 'supported', 'note'],
      plan.kv_alternatives.map((k) => h('tr', {}, h('td', { text: k.kv_quant }), h('td', { class: 'num', text: fmt(k.memory_required_gb, 2) }),
        h('td', { class: 'num', text: fmt(k.kv_cache_gb, 2) }), h('td', { class: 'num', text: `${fmt(100 * (k.savings_fraction || 0), 0)} %` }),
        h('td', { text: k.supported ? 'yes' : 'no' }), h('td', { class: 'wrap', text: k.note || '' })))));
  }
  if (Array.isArray(plan.notes) && plan.notes.length) {
    out.push(h('h3', { text: 'Notes' }), h('ul', { id: 'plan-notes', class: 'small' }, plan.notes.map((n) => h('li', { text: n }))));
  }
  if (plan.estimate_notice) out.push(h('p', { class: 'muted small', text: plan.estimate_notice }));
  out.push(h('details', {}, h('summary', { text: 'the answer as JSON' }), h('pre', { text: JSON.stringify(plan, null, 2) })));
  $('#plan-result').replaceChildren(...out);
}

/** The request body from the form: model and context always (the API requires both), the rest only when given. */
function planBody(f) {
  const body = { model: f.model.value.trim(), context: Number(f.context.value) };
  if (f.quant.value) body.quant = f.quant.value;
  if (f.target_tps.value) body.target_tps = Number(f.target_tps.value);
  if (f.kv_quant.value) body.kv_quant = f.kv_quant.value;
  return body;
}

async function submitPlan(ev) {
  ev.preventDefault();
  const body = planBody(ev.target.elements);
  $('#plan-result').replaceChildren(h('p', { class: 'muted', id: 'plan-pending', text: `planning ${body.model}…` }));
  try {
    renderPlan(await api.plan(body));
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) { showError(e, 'Plan'); $('#plan-result').replaceChildren(); return; }
    // The API's own message, with what kind of refusal it was: 400 = a field of the form, 404 = no such model.
    const what = !(e instanceof ApiError) || !e.status ? 'The plan could not be asked for'
      : e.status === 404 ? `No model matches “${body.model}”`
        : e.status === 400 ? 'The plan request was refused' : 'The plan failed';
    $('#plan-result').replaceChildren(h('p', { class: 'error', id: 'plan-error', text: `${what} — HTTP ${e.status || '?'}: ${e.message}` }));
  }
}

/** Every model the API knows, for the model field's suggestions (keys; the API also takes aliases and names). */
async function fillPlanModels() {
  if (state.planModels) return;
  state.planModels = true;
  try {
    const a = await api.models({ include_too_tight: 'true', limit: 100000 });
    $('#plan-models').replaceChildren(...a.models.map((r) => h('option', { value: r.key, label: r.display_name || r.key })));
  } catch (e) {
    state.planModels = false;   // the main view's banner reports API failures; suggestions are retried next render
  }
}

// ---------- render the URL ----------
async function render() {
  const p = urlParams();
  const view = p.get('view') === 'plan' ? 'plan' : 'models';
  for (const a of document.querySelectorAll('header .tab')) a.classList.toggle('active', a.dataset.view === view);
  $('#models-view').hidden = view !== 'models';
  $('#plan-view').hidden = view !== 'plan';
  $('#forget-token').hidden = !token.get();
  fillForm($('#filters'), FILTERS);
  fillForm($('#whatif-form'), WHATIF);
  showDeviceInfo();
  const ticket = ++state.loading;
  document.body.dataset.loading = 'true';
  try {
    if (!state.devices) {
      state.devices = await api.devices();
      fillDevices(state.devices);
    }
    const answer = await api.models(apiParams());
    if (ticket !== state.loading) return;
    clearError();
    $('#token-form').hidden = true;
    state.answer = answer;
    state.rows = answer.models;
    renderSystem(answer, WHATIF.some((k) => p.get(k)));
    renderTable(answer);
    if (view === 'plan') {
      const form = $('#plan-form');
      if (p.get('model')) form.elements.model.value = p.get('model');
      if (p.get('max_context')) form.elements.context.value = p.get('max_context');
      await fillPlanModels();
      $('#detail').hidden = true;
    } else {
      await renderDetail(p.get('model'));
    }
  } catch (e) {
    if (ticket !== state.loading) return;
    state.rows = [];
    $('#models tbody').replaceChildren();
    $('#count').textContent = '';
    $('#chart').replaceChildren();
    showError(e, e.path && e.path.startsWith('/api/v1/devices') ? 'Loading the device table' : 'Loading the models');
  } finally {
    if (ticket === state.loading) document.body.dataset.loading = 'false';
  }
}

function fillDevices(d) {
  $('#devices').replaceChildren(h('option', { value: 'none' }), ...d.devices.map((x) => h('option', { value: x.name })));
  const quants = new Set();
  Object.values(d.quant_ladders).forEach((l) => l.forEach((q) => quants.add(q)));
  for (const sel of [$('#filters').elements.quant, $('#plan-form').elements.quant]) {
    const current = sel.value;
    sel.append(...[...quants].filter((q) => ![...sel.options].some((o) => o.value === q)).map((q) => h('option', { value: q, text: q })));
    sel.value = current;
  }
  fillForm($('#filters'), FILTERS);
  showDeviceInfo();
}
function showDeviceInfo() {
  const name = $('#whatif-form').elements.gpu.value.trim().toLowerCase();
  const d = state.devices?.devices.find((x) => x.name.toLowerCase() === name);
  $('#device-info').textContent = d
    ? `${d.name}: ${d.vram_gb ? `${d.vram_gb} GiB, ` : ''}${d.memory_bandwidth_gbps} GB/s${d.unified_memory ? ', unified memory (give RAM)' : ''}`
    : '';
}

// ---------- wiring ----------
let typing;
$('#filters').addEventListener('input', (ev) => {
  const text = ev.target.type === 'search' || ev.target.type === 'number' || ev.target.tagName === 'INPUT' && ev.target.type === 'text';
  clearTimeout(typing);
  const go = () => navigate(readForm($('#filters'), FILTERS), { replace: text });
  if (text) typing = setTimeout(go, 350); else go();
});
$('#filters').addEventListener('submit', (ev) => ev.preventDefault());
$('#filters-reset').addEventListener('click', () => navigate(Object.fromEntries(FILTERS.map((k) => [k, '']))));
$('#whatif-form').addEventListener('submit', (ev) => { ev.preventDefault(); navigate(readForm(ev.target, WHATIF)); });
$('#whatif-form').elements.gpu.addEventListener('input', showDeviceInfo);
$('#whatif-reset').addEventListener('click', () => navigate(Object.fromEntries(WHATIF.map((k) => [k, '']))));
for (const th of document.querySelectorAll('#models th[data-sort]')) {
  th.addEventListener('click', () => navigate({ sort: th.dataset.sort === 'score' ? '' : th.dataset.sort }));
}
for (const a of document.querySelectorAll('header .tab')) {
  a.addEventListener('click', (ev) => { ev.preventDefault(); navigate({ view: a.dataset.view === 'plan' ? 'plan' : '' }); });
}
$('#plan-form').addEventListener('submit', submitPlan);
$('#token-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const t = $('#token').value.trim();
  if (!t) return;
  token.set(t);
  $('#token').value = '';
  state.devices = null;
  render();
});
$('#forget-token').addEventListener('click', () => { token.clear(); state.devices = null; render(); });
window.addEventListener('popstate', render);
render();
