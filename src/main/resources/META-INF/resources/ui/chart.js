// Inline SVG scatter of decode tok/s (log scale, y) against memory required (GiB, x): one dot per row,
// coloured by fit level; hovering a dot names the model. No library: a few dozen lines of arithmetic.
const NS = 'http://www.w3.org/2000/svg';
const FIT_COLOURS = { perfect: '#1b8a3a', good: '#1769aa', marginal: '#b7791f', too_tight: '#c0392b' };

function el(name, attrs = {}, text) {
  const e = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

export function drawChart(container, rows, onPick) {
  container.replaceChildren();
  const W = 900, H = 240, L = 48, R = 12, T = 10, B = 28;
  const svg = el('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img',
    'aria-label': 'tokens per second against memory required' });
  const pts = rows.filter((r) => r.estimated_tps > 0 && r.memory && r.memory.required_gb > 0);
  if (pts.length === 0) {
    svg.append(el('text', { x: W / 2, y: H / 2, 'text-anchor': 'middle' }, 'no rows with a speed to plot'));
    container.append(svg);
    return;
  }
  const maxMem = Math.max(...pts.map((r) => r.memory.required_gb)) * 1.05;
  const tps = pts.map((r) => r.estimated_tps);
  let lo = Math.log10(Math.max(0.1, Math.min(...tps) / 1.3));
  let hi = Math.log10(Math.max(...tps) * 1.3);
  if (hi - lo < 1) { const mid = (hi + lo) / 2; lo = mid - 0.5; hi = mid + 0.5; }   // at least one decade shown
  const x = (gb) => L + (gb / maxMem) * (W - L - R);
  const y = (t) => T + (1 - (Math.log10(t) - lo) / (hi - lo || 1)) * (H - T - B);
  svg.append(el('line', { class: 'axis', x1: L, y1: H - B, x2: W - R, y2: H - B }));
  svg.append(el('line', { class: 'axis', x1: L, y1: T, x2: L, y2: H - B }));
  for (let e = Math.floor(lo); e <= Math.ceil(hi); e++) {
    for (const m of [1, 2, 5]) {
      const v = m * 10 ** e;
      if (Math.log10(v) < lo || Math.log10(v) > hi) continue;
      svg.append(el('text', { x: L - 4, y: y(v) + 3, 'text-anchor': 'end' }, String(v)));
      svg.append(el('line', { x1: L, x2: W - R, y1: y(v), y2: y(v), stroke: '#eee' }));
    }
  }
  const step = maxMem > 200 ? 50 : maxMem > 80 ? 20 : maxMem > 30 ? 10 : maxMem > 10 ? 5 : 1;
  for (let g = 0; g <= maxMem; g += step) {
    svg.append(el('text', { x: x(g), y: H - B + 14, 'text-anchor': 'middle' }, `${g}`));
  }
  svg.append(el('text', { x: W - R, y: H - 2, 'text-anchor': 'end' }, 'GiB required'));
  svg.append(el('text', { x: L + 4, y: T + 8 }, 'tok/s'));
  for (const r of pts) {
    const c = el('circle', { cx: x(r.memory.required_gb), cy: y(r.estimated_tps), r: 4,
      fill: FIT_COLOURS[r.fit_level] || '#777', 'data-key': r.key });
    c.append(el('title', {}, `${r.display_name || r.key}: ${r.estimated_tps} tok/s, ${r.memory.required_gb} GiB, ${r.fit_level}`));
    c.addEventListener('click', () => onPick(r.key));
    svg.append(c);
  }
  container.append(svg);
}
