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
  assert.ok((await page.$$('#warnings li')).length >= 1, 'the profile warning is listed');
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

test('the plan view posts to /api/v1/plan and says clearly when the endpoint is missing', async () => {
  const probe = await fetch(`${BASE}/api/v1/plan`, { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ model: 'Qwen/Qwen3-8B', context: 8192 }) });
  const page = await newPage();
  await page.goto(`${BASE}/?view=plan&model=Qwen/Qwen3-8B`);
  await settled(page);
  assert.equal(await page.inputValue('#plan-form input[name=model]'), 'Qwen/Qwen3-8B');
  await page.click('#plan-form button[type=submit]');
  await page.waitForFunction(() => document.querySelector('#plan-result').children.length > 0 && !document.querySelector('#plan-pending'));
  const text = await page.textContent('#plan-result');
  if (probe.status === 404 || probe.status === 405) {
    assert.match(text, /does not offer planning yet: POST \/api\/v1\/plan answered HTTP 40[45]/);
  } else {
    assert.equal(probe.status, 200, 'a plan endpoint that exists answers the dashboard\'s request');
    assert.match(text, /Qwen3-8B|Qwen3 8B/);
  }
  if (SHOTS) await page.screenshot({ path: path.join(ROOT, 'docs/dashboard-plan.png') });
});

// The answer shape of llmfit's POST /api/v1/plan (llmfit-core/src/plan.rs, PlanEstimate), which fitd's plan
// endpoint follows; figures invented for the test. Routed in the browser, so the view is tested before and
// independently of the endpoint.
const PLAN = {
  estimate_notice: 'Estimates only', model_name: 'Qwen/Qwen3-8B', provider: 'Alibaba Qwen', context: 8192,
  quantization: 'Q4_K_M', kv_quant: 'f16', target_tps: 30,
  minimum: { vram_gb: 6.4, ram_gb: 8, cpu_cores: 4 }, recommended: { vram_gb: 7.7, ram_gb: 12, cpu_cores: 8 },
  run_paths: [
    { path: 'gpu', feasible: true, minimum: { vram_gb: 6.4, ram_gb: 8, cpu_cores: 4 }, recommended: { vram_gb: 7.7, ram_gb: 12, cpu_cores: 8 },
      estimated_tps: 98.5, fit_level: 'perfect', notes: ['fits one GPU'] },
    { path: 'cpu_only', feasible: true, minimum: { vram_gb: null, ram_gb: 6.4, cpu_cores: 4 }, recommended: { vram_gb: null, ram_gb: 7.7, cpu_cores: 8 },
      estimated_tps: 9.1, fit_level: 'marginal', notes: [] },
  ],
  current: { fit_level: 'perfect', run_mode: 'gpu', estimated_tps: 100.0 },
  upgrade_deltas: [{ resource: 'vram', add_gb: 2, add_cores: null, target_fit: 'perfect', path: 'gpu', description: 'Add 2 GiB VRAM for a perfect fit' }],
  kv_alternatives: [{ kv_quant: 'q8_0', memory_required_gb: 5.9, kv_cache_gb: 0.56, savings_fraction: 0.5, note: null, supported: true }],
};

test('the plan view renders a plan answer, and a 405 as a missing endpoint', async () => {
  const page = await newPage();
  const bodies = [];
  let answer = { status: 200, body: PLAN };
  await page.route('**/api/v1/plan', async (route) => {
    bodies.push(JSON.parse(route.request().postData()));
    await route.fulfill({ status: answer.status, contentType: 'application/json', body: JSON.stringify(answer.body) });
  });
  await page.goto(`${BASE}/?view=plan&model=Qwen/Qwen3-8B&max_context=16384`);
  await settled(page);
  await page.selectOption('#plan-form select[name=quant]', 'Q4_K_M');
  await page.fill('#plan-form input[name=target_tps]', '30');
  await page.click('#plan-form button[type=submit]');
  await page.waitForSelector('#plan-result table');
  assert.deepEqual(bodies[0], { model: 'Qwen/Qwen3-8B', context: 16384, quant: 'Q4_K_M', target_tps: 30 });
  const text = await page.textContent('#plan-result');
  assert.match(text, /On this machine: perfect gpu, 100\.0 tok\/s/);
  assert.match(text, /Minimum: 6\.4 GiB VRAM, 8\.0 GiB RAM, 4 cores\. Recommended: 7\.7 GiB VRAM, 12\.0 GiB RAM, 8 cores\./);
  assert.match(text, /Add 2 GiB VRAM for a perfect fit/);
  const paths = await page.$$eval('#plan-result table:first-of-type tbody tr', (trs) => trs.map((t) => t.children[0].textContent));
  assert.deepEqual(paths, ['gpu', 'cpu_only']);
  assert.deepEqual(page.errors, []);

  answer = { status: 405, body: { error: 'method not allowed: the API answers GET only' } };
  await page.click('#plan-form button[type=submit]');
  await page.waitForSelector('#plan-error');
  assert.match(await page.textContent('#plan-error'), /does not offer planning yet: POST \/api\/v1\/plan answered HTTP 405/);

  answer = { status: 404, body: { error: "no model matches 'x'" } };
  await page.fill('#plan-form input[name=model]', 'x');
  await page.click('#plan-form button[type=submit]');
  await page.waitForFunction(() => /refused/.test(document.querySelector('#plan-result').textContent));
  assert.match(await page.textContent('#plan-error'), /The plan was refused — HTTP 404: no model matches 'x'/);
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
