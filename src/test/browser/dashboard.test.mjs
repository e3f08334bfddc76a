// Browser tests of the dashboard, against the packaged jar (target/fitd.jar) on a pinned hardware profile.
// Playwright's library drives Debian's Chromium (no browser download). Run by .ci/run after the Java tests:
//   cd src/test/browser && npm ci && npm test
// Environment: FITD_JAR (default ../../../target/fitd.jar), CHROMIUM (default /usr/bin/chromium),
// FITD_SCREENSHOTS=1 to rewrite the screenshots in docs/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { chromium } from 'playwright-core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const JAR = process.env.FITD_JAR || path.join(ROOT, 'target/fitd.jar');
const PROFILE = 'config/profile.rtx4090.example.json';   // relative to ROOT, the daemons' working directory
const PORT = 18816;
const TOKEN_PORT = 18916;
const TOKEN = 'browser-test-token-7d2e';
const BASE = `http://127.0.0.1:${PORT}`;
const TOKEN_BASE = `http://127.0.0.1:${TOKEN_PORT}`;
const SHOTS = process.env.FITD_SCREENSHOTS === '1';
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const daemons = [];
let browser;

async function startJar(port, extra = []) {
  const args = [`-Dquarkus.http.port=${port}`, `-Dfitd.hardware.profile=${PROFILE}`, '-Dfitd.service.node-name=gpu-node-1',
    '-Dfitd.runtimes.lmstudio.enabled=false', '-Dfitd.runtimes.ollama.enabled=false',
    '-Dfitd.runtimes.jan.enabled=false', '-Dfitd.runtimes.gguf.enabled=false', ...extra, '-jar', JAR];
  const child = spawn('java', args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (d) => { log += d; });
  child.stderr.on('data', (d) => { log += d; });
  daemons.push(child);
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`fitd on port ${port} exited: ${log}`);
    try {
      const r = await fetch(`http://127.0.0.1:${port}/health`);
      if (r.ok) return child;
    } catch (e) { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`fitd on port ${port} did not answer /health within 60 s: ${log}`);
}

async function apiJson(pathAndQuery, base = BASE, headers = {}) {
  const r = await fetch(`${base}${pathAndQuery}`, { headers });
  return { status: r.status, body: await r.json() };
}

/** A fresh page that records console errors and uncaught exceptions. */
async function newPage(context) {
  const ctx = context || await browser.newContext({ viewport: { width: 1500, height: 1000 } });
  const page = await ctx.newPage();
  page.errors = [];
  page.on('console', (m) => { if (m.type() === 'error') page.errors.push(m.text()); });
  page.on('pageerror', (e) => page.errors.push(`uncaught: ${e.message}`));
  return page;
}

async function settled(page) {
  await page.waitForFunction(() => document.body.dataset.loading === 'false');
}

const rowKeys = (page) => page.$$eval('#models tbody tr', (trs) => trs.map((t) => t.dataset.key));
const tps = (m) => (m.estimated_tps === null ? '–' : m.estimated_tps.toFixed(1));
const rowTps = (page) => page.$$eval('#models tbody tr td.tps', (tds) => tds.map((t) => t.textContent));

before(async () => {
  await Promise.all([startJar(PORT), startJar(TOKEN_PORT, [`-Dfitd.security.token=${TOKEN}`])]);
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_FLAGS });
});

after(async () => {
  if (browser) await browser.close();
  for (const d of daemons) d.kill('SIGTERM');
});

test('the page loads without console errors and shows the machine and the models', async () => {
  const page = await newPage();
  await page.goto(`${BASE}/`);
  await settled(page);
  const api = await apiJson('/api/v1/models');
  assert.deepEqual(await rowKeys(page), api.body.models.map((m) => m.key));
  assert.match(await page.textContent('#system-cards'), /NVIDIA GeForce RTX 4090 · 24\.0 GiB · 1008 GB\/s/);
  assert.match(await page.textContent('#system-cards'), /56\.0 GiB free of 64\.0 GiB/);
  // the warnings listed are the API's, one item each (the pinned profile has none since the CPU table
  // supplies its RAM bandwidth)
  const system = await apiJson('/api/v1/system');
  assert.deepEqual(await page.$$eval('#warnings li', (lis) => lis.map((li) => li.textContent)),
    system.body.system.warnings);
  const provenance = await page.getAttribute('#system-cards .card:first-child', 'title');
  assert.match(provenance, /profile .*profile\.rtx4090\.example\.json/);
  assert.ok((await page.$$('#chart circle')).length > 10, 'the chart plots the rows');
  assert.equal((await page.$$('#models .fit.perfect')).length > 0, true);
  if (SHOTS) await page.screenshot({ path: path.join(ROOT, 'docs/dashboard.png') });
  assert.deepEqual(page.errors, []);
});

test('table rows match /api/v1/models for the same query', async () => {
  for (const q of ['?min_fit=good&sort=tps&limit=20', '?use_case=coding&max_context=32768', '?provider=qwen&sort=params',
    '?perfect=true&kv_cache=q8_0', '?search=llama&runtime=llamacpp&include_too_tight=false']) {
    const page = await newPage();
    await page.goto(`${BASE}/${q}`);
    await settled(page);
    const api = await apiJson(`/api/v1/models${q}`);
    assert.equal(api.status, 200);
    assert.deepEqual(await rowKeys(page), api.body.models.map((m) => m.key), q);
    assert.deepEqual(await rowTps(page), api.body.models.map(tps), q);
    assert.match(await page.textContent('#count'), new RegExp(`^${api.body.returned_models} of ${api.body.total_models} `));
    assert.deepEqual(page.errors, [], q);
    await page.context().close();
  }
});

test('filters change the URL and the rows', async () => {
  const page = await newPage();
  await page.goto(`${BASE}/`);
  await settled(page);
  const all = await rowKeys(page);

  await page.selectOption('#filters select[name=use_case]', 'coding');
  await page.waitForURL(/use_case=coding/);
  await settled(page);
  const coding = await rowKeys(page);
  assert.deepEqual(coding, (await apiJson('/api/v1/models?use_case=coding')).body.models.map((m) => m.key));
  assert.ok(coding.length > 0 && coding.length < all.length);

  await page.fill('#filters input[name=search]', 'qwen');
  await page.waitForURL(/search=qwen/);
  await settled(page);
  assert.deepEqual(await rowKeys(page), (await apiJson('/api/v1/models?use_case=coding&search=qwen')).body.models.map((m) => m.key));

  await page.click('#models th[data-sort=tps]');
  await page.waitForURL(/sort=tps/);
  await settled(page);
  assert.deepEqual(await rowKeys(page), (await apiJson('/api/v1/models?use_case=coding&search=qwen&sort=tps')).body.models.map((m) => m.key));

  await page.selectOption('#filters select[name=min_fit]', 'good');
  await page.waitForURL(/min_fit=good/);
  await settled(page);
  const url = new URL(page.url());
  assert.deepEqual(Object.fromEntries(url.searchParams), { use_case: 'coding', search: 'qwen', sort: 'tps', min_fit: 'good' });
  assert.deepEqual(await rowKeys(page), (await apiJson(`/api/v1/models${url.search}`)).body.models.map((m) => m.key));

  await page.goBack();
  await page.waitForURL((u) => !u.search.includes('min_fit'));
  await settled(page);
  assert.equal(await page.inputValue('#filters select[name=min_fit]'), '');
  assert.deepEqual(page.errors, []);
});

test('a what-if changes the speeds, and its URL is shareable', async () => {
  const page = await newPage();
  const q = '?search=Llama-3.1-8B-Instruct&sort=tps';
  await page.goto(`${BASE}/${q}`);
  await settled(page);
  const here = await rowTps(page);
  assert.ok(here.length > 0);
  const options = await page.$$eval('#devices option', (os) => os.map((o) => o.value));
  assert.ok(options.includes('GeForce RTX 3060 12GB') || options.length > 50, 'the GPU picker lists the device table');

  await page.fill('#whatif-form input[name=gpu]', 'Apple M2 Max');
  await page.fill('#whatif-form input[name=ram_gb]', '96');
  await page.fill('#whatif-form input[name=max_context]', '16384');
  await page.click('#whatif-form button[type=submit]');
  await page.waitForURL(/gpu=Apple/);
  await settled(page);
  const url = new URL(page.url());
  const api = await apiJson(`/api/v1/models${url.search}`);
  const there = await rowTps(page);
  assert.deepEqual(there, api.body.models.map(tps));
  assert.notDeepEqual(there, here, 'the speeds change');
  assert.match(await page.textContent('#system h2'), /What-if/);
  assert.match(await page.textContent('#system-cards'), /Apple M2 Max/);
  if (SHOTS) await page.screenshot({ path: path.join(ROOT, 'docs/dashboard-whatif.png') });

  const shared = await newPage();
  await shared.goto(page.url());
  await settled(shared);
  assert.deepEqual(await rowTps(shared), there, 'the same URL in another tab shows the same what-if');
  assert.equal(await shared.inputValue('#whatif-form input[name=gpu]'), 'Apple M2 Max');
  assert.deepEqual(page.errors, []);
  assert.deepEqual(shared.errors, []);
});

test('a row opens its details: memory breakdown, notes, verify command and every quant of the ladder', async () => {
  const page = await newPage();
  await page.goto(`${BASE}/?search=Qwen3-8B`);
  await settled(page);
  const key = (await rowKeys(page))[0];
  await page.click(`#models tbody tr[data-key="${key}"]`);
  await page.waitForURL(/model=/);
  await page.waitForSelector('#detail table.ladder tbody tr td.num');
  const api = (await apiJson(`/api/v1/models/${encodeURIComponent(key)}?search=Qwen3-8B`)).body.models.find((m) => m.key === key);
  assert.equal(await page.textContent('#detail pre.verify'), api.verify_command);
  assert.match(await page.textContent('#detail'), new RegExp(`weights ${api.memory.weights_gb.toFixed(2)}`));
  const ladder = (await apiJson('/api/v1/devices')).body.quant_ladders[api.runtime];
  const cells = await page.$$eval('#detail table.ladder tbody tr', (trs) => trs.map((t) => [...t.children].map((c) => c.textContent)));
  assert.equal(cells.length, ladder.length);
  const q4 = (await apiJson(`/api/v1/models/${encodeURIComponent(key)}?search=Qwen3-8B&quant=Q4_K_M`)).body.models.find((m) => m.key === key);
  const row = cells.find((c) => c[0] === 'Q4_K_M');
  assert.deepEqual(row, ['Q4_K_M', q4.fit_level, q4.estimated_tps.toFixed(1), q4.memory.required_gb.toFixed(2)]);
  if (SHOTS) await page.screenshot({ path: path.join(ROOT, 'docs/dashboard-detail.png') });
  assert.deepEqual(page.errors, []);
});

async function apiPlan(body, base = BASE) {
  const r = await fetch(`${base}/api/v1/plan`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return { status: r.status, body: await r.json() };
}

/** Fills the plan form (empty strings clear a field), submits it and waits for an answer or an error. */
async function plan(page, { model, context, target_tps = '', quant = '', kv_quant = '' }) {
  await page.fill('#plan-form input[name=model]', model);
  await page.fill('#plan-form input[name=context]', String(context));
  await page.fill('#plan-form input[name=target_tps]', String(target_tps));
  await page.selectOption('#plan-form select[name=quant]', quant);
  await page.selectOption('#plan-form select[name=kv_quant]', kv_quant);
  await page.click('#plan-form button[type=submit]');
  await page.waitForFunction(() => document.querySelector('#plan-result').children.length > 0 && !document.querySelector('#plan-pending'));
}
const planCells = (page, id) => page.$$eval(`#${id} tbody tr`, (trs) => trs.map((t) => [...t.children].map((c) => c.textContent)));
// Chromium logs every non-2xx fetch as a console error; the tests of refusals allow exactly those.
const unexpected = (errors) => errors.filter((e) => !/Failed to load resource: the server responded with a status of 40[04]/.test(e));

test('the plan view asks POST /api/v1/plan: Llama-3.1-70B at 32k and 20 tok/s lists the hardware that reaches it', async () => {
  const page = await newPage();
  const bodies = [];
  page.on('request', (r) => { if (r.url().endsWith('/api/v1/plan')) bodies.push(JSON.parse(r.postData())); });
  await page.goto(`${BASE}/?view=plan`);
  await settled(page);
  // the model field suggests every model the API knows, by key
  await page.waitForFunction(() => document.querySelectorAll('#plan-models option').length > 0);
  const all = await apiJson('/api/v1/models?include_too_tight=true&limit=100000');
  assert.deepEqual(await page.$$eval('#plan-models option', (os) => os.map((o) => o.value)), all.body.models.map((m) => m.key));

  const request = { model: 'Llama-3.1-70B', context: 32768, target_tps: 20 };
  await plan(page, request);
  assert.deepEqual(bodies, [request], 'the form sends exactly the fields given');
  const api = await apiPlan(request);
  assert.equal(api.status, 200);
  const a = api.body;
  assert.ok(a.hardware_options.length > 0, 'some hardware reaches 20 tok/s');
  const text = await page.textContent('#plan-result');
  assert.ok(text.includes(`${a.display_name} (${a.provider})`), 'the model\'s name and provider head the answer');
  assert.match(text, /asked as “Llama-3\.1-70B” · context 32768 · quantization Q4_K_M · KV cache fp16 · target 20 tok\/s/);
  // minimum and recommended
  const needs = await page.textContent('#plan-needs');
  assert.match(needs, new RegExp(`minimum \\(${a.quantization}\\)${a.minimum.vram_gb.toFixed(1)} GiB VRAM${a.minimum.ram_gb.toFixed(1)} GiB RAM`));
  assert.match(needs, new RegExp(`recommended${a.recommended.vram_gb.toFixed(1)} GiB VRAM${a.recommended.ram_gb.toFixed(1)} GiB RAM`));
  assert.match(needs, new RegExp(`on this machine${a.current.fit_level} ${a.current.run_mode}`));
  // the hardware options: every one, in the API's order, with its quant, run mode, fit and speed
  const rows = await planCells(page, 'plan-hardware');
  assert.deepEqual(rows.map((r) => r[0]), a.hardware_options.map((o) => o.name));
  assert.deepEqual(rows.map((r) => [r[1], r[2], r[5], r[6], r[7], r[8]]),
    a.hardware_options.map((o) => [o.kind, String(o.count), o.quant, o.run_mode, o.fit_level, o.estimated_tps.toFixed(1)]));
  for (const o of a.hardware_options) assert.ok(o.estimated_tps >= 20, `${o.name} reaches the target`);
  assert.ok(a.hardware_options.some((o) => o.kind === 'gpu') && a.hardware_options.some((o) => o.kind !== 'gpu'),
    'discrete GPUs and unified-memory chips are both offered');
  // run paths, notes
  const paths = await page.$$eval('#plan-paths tbody tr', (trs) => trs.map((t) => [t.dataset.path, t.children[1].textContent]));
  assert.deepEqual(paths, a.run_paths.map((p) => [p.path, p.feasible ? 'yes' : 'no']));
  assert.deepEqual(await page.$$eval('#plan-notes li', (lis) => lis.map((l) => l.textContent)), a.notes);
  assert.ok(a.notes.length > 0);
  if (SHOTS) await page.screenshot({ path: path.join(ROOT, 'docs/dashboard-plan.png'), fullPage: true });

  // a quant and a KV type go into the body, and the answer follows them
  const q8 = { model: 'meta-llama/Llama-3.1-70B-Instruct', context: 8192, quant: 'Q8_0', kv_quant: 'q8_0' };
  await plan(page, q8);
  assert.deepEqual(bodies[1], q8);
  const b = (await apiPlan(q8)).body;
  assert.match(await page.textContent('#plan-result'), /quantization Q8_0 · KV cache q8_0 · no speed target/);
  assert.deepEqual((await planCells(page, 'plan-hardware')).map((r) => r[0]), b.hardware_options.map((o) => o.name));
  assert.deepEqual(page.errors, []);
});

test('the plan view shows the API\'s 400 and 404 messages, and an unreachable target as no hardware', async () => {
  const page = await newPage();
  await page.goto(`${BASE}/?view=plan&model=Llama-3.1-70B&max_context=32768`);
  await settled(page);
  assert.equal(await page.inputValue('#plan-form input[name=model]'), 'Llama-3.1-70B');
  assert.equal(await page.inputValue('#plan-form input[name=context]'), '32768');

  // a context beyond the model's maximum: the API's 400
  const tooLong = { model: 'Llama-3.1-70B', context: 1000000 };
  const bad = await apiPlan(tooLong);
  assert.equal(bad.status, 400);
  assert.match(bad.body.error, /context 1000000 exceeds the maximum context/);
  await plan(page, tooLong);
  assert.equal(await page.textContent('#plan-error'), `The plan request was refused — HTTP 400: ${bad.body.error}`);

  // a target of 0 tok/s: another field's 400, named by the API
  const zero = await apiPlan({ model: 'Llama-3.1-70B', context: 8192, target_tps: 0 });
  assert.equal(zero.status, 400);
  await plan(page, { model: 'Llama-3.1-70B', context: 8192, target_tps: 0 });
  assert.equal(await page.textContent('#plan-error'), `The plan request was refused — HTTP 400: ${zero.body.error}`);

  // an unknown model: the API's 404
  const unknown = await apiPlan({ model: 'no-such-model-xyz', context: 8192 });
  assert.equal(unknown.status, 404);
  await plan(page, { model: 'no-such-model-xyz', context: 8192 });
  assert.equal(await page.textContent('#plan-error'), `No model matches “no-such-model-xyz” — HTTP 404: ${unknown.body.error}`);

  // a target nothing reaches answers 200 with no hardware options: said so, not an empty table
  const fast = { model: 'Llama-3.1-70B', context: 8192, target_tps: 5000 };
  const none = await apiPlan(fast);
  assert.equal(none.status, 200);
  assert.deepEqual(none.body.hardware_options, []);
  await plan(page, fast);
  assert.equal(await page.$('#plan-hardware'), null);
  assert.match(await page.textContent('#plan-no-hardware'), /No device in fitd's table reaches 5000 tok\/s/);
  assert.equal(await page.$('#plan-error'), null, 'a good answer replaces the error');
  assert.deepEqual(unexpected(page.errors), []);
});

test('the plan view says so when fitd does not answer at all', async () => {
  // Routed: a daemon that went away mid-session cannot be had from the running jar without stopping it.
  const page = await newPage();
  await page.route('**/api/v1/plan', (route) => route.abort('connectionrefused'));
  await page.goto(`${BASE}/?view=plan`);
  await settled(page);
  await plan(page, { model: 'Qwen/Qwen3-8B', context: 8192 });
  assert.match(await page.textContent('#plan-error'), /^The plan could not be asked for — HTTP \?: fitd did not answer \(.*\): is the daemon still running\?$/);
});

test('a shared URL opens a model the filters would hide, with the ladder computed for its what-if', async () => {
  const page = await newPage();
  const key = 'meta-llama/Llama-3.1-70B-Instruct';
  await page.goto(`${BASE}/?min_fit=perfect&gpu=NVIDIA%20GeForce%20RTX%204090&gpu_count=2&model=${encodeURIComponent(key)}`);
  await page.waitForSelector('#detail table.ladder tbody tr td.num');
  assert.match(await page.textContent('#detail h2'), /Llama 3\.1 70B Instruct/);
  const q4 = (await apiJson(`/api/v1/models/${encodeURIComponent(key)}?gpu=NVIDIA%20GeForce%20RTX%204090&gpu_count=2&quant=Q4_K_M`))
    .body.models.find((m) => m.key === key);
  const cells = await page.$$eval('#detail table.ladder tbody tr', (trs) => trs.map((t) => [...t.children].map((c) => c.textContent)));
  assert.deepEqual(cells.find((c) => c[0] === 'Q4_K_M'), ['Q4_K_M', q4.fit_level, tps(q4), q4.memory.required_gb.toFixed(2)]);
  assert.deepEqual(page.errors, []);
});

test('an API error is shown as a clear message', async () => {
  const page = await newPage();
  await page.goto(`${BASE}/?sort=size`);
  await settled(page);
  const api = await apiJson('/api/v1/models?sort=size');
  assert.equal(api.status, 400);
  assert.equal(await page.isVisible('#banner'), true);
  assert.equal(await page.textContent('#banner'), `Loading the models failed — HTTP 400: ${api.body.error}`);
  assert.equal((await rowKeys(page)).length, 0);
  // fixing the filter clears the message
  await page.selectOption('#filters select[name=sort]', 'tps');
  await page.waitForURL(/sort=tps/);
  await settled(page);
  assert.equal(await page.isVisible('#banner'), false);
  assert.ok((await rowKeys(page)).length > 0);
});

test('with a bearer token: asked once, kept for the tab, wrong tokens refused', async () => {
  const context = await browser.newContext({ viewport: { width: 1500, height: 1000 } });
  const page = await newPage(context);
  await page.goto(`${TOKEN_BASE}/`);
  await settled(page);
  assert.equal(await page.isVisible('#token-form'), true);
  assert.match(await page.textContent('#banner'), /needs a bearer token \(missing bearer token/);
  assert.equal((await rowKeys(page)).length, 0);

  await page.fill('#token', 'wrong-token');
  await page.click('#token-form button[type=submit]');
  await page.waitForFunction(() => /refused/.test(document.querySelector('#banner').textContent));
  assert.match(await page.textContent('#banner'), /invalid bearer token/);

  await page.fill('#token', TOKEN);
  await page.click('#token-form button[type=submit]');
  await page.waitForSelector('#models tbody tr');
  await settled(page);
  const api = await apiJson('/api/v1/models', TOKEN_BASE, { Authorization: `Bearer ${TOKEN}` });
  assert.deepEqual(await rowKeys(page), api.body.models.map((m) => m.key));
  assert.equal(await page.isVisible('#token-form'), false);
  assert.equal(await page.isVisible('#banner'), false);

  // kept in the session: a reload and a filter change need no new entry
  await page.reload();
  await settled(page);
  assert.ok((await rowKeys(page)).length > 0);
  await page.selectOption('#filters select[name=use_case]', 'chat');
  await page.waitForURL(/use_case=chat/);
  await settled(page);
  assert.equal(await page.isVisible('#token-form'), false);
  assert.equal(await page.evaluate(() => sessionStorage.getItem('fitd.token')), TOKEN);

  // another browser session does not have it
  const other = await newPage();
  await other.goto(`${TOKEN_BASE}/`);
  await settled(other);
  assert.equal(await other.isVisible('#token-form'), true);

  // forgetting it asks again
  await page.click('#forget-token');
  await page.waitForSelector('#token-form:not([hidden])');
  await context.close();
});
