// The one place that talks to fitd. Every call sends the bearer token kept for this tab (sessionStorage),
// and every failure becomes an ApiError carrying the API's own {"error": ...} message and the HTTP status.
const TOKEN_KEY = 'fitd.token';

export class ApiError extends Error {
  constructor(status, message, path) {
    super(message);
    this.status = status;
    this.path = path;
  }
}

export const token = {
  get: () => sessionStorage.getItem(TOKEN_KEY),
  set: (t) => sessionStorage.setItem(TOKEN_KEY, t),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

export async function call(path, { method = 'GET', body } = {}) {
  const headers = { Accept: 'application/json' };
  const t = token.get();
  if (t) headers.Authorization = `Bearer ${t}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    throw new ApiError(0, `fitd did not answer (${e.message}): is the daemon still running?`, path);
  }
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch (e) {
    // not JSON: reported below with the status
  }
  if (!response.ok) {
    const message = json && typeof json.error === 'string' ? json.error : `HTTP ${response.status} ${response.statusText}`;
    throw new ApiError(response.status, message, path);
  }
  if (json === null) throw new ApiError(response.status, `${path} answered something that is not JSON`, path);
  return json;
}

/** A query string from a {name: value} map, leaving out empty values (the API refuses empty parameters). */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && String(v).trim() !== '') q.set(k, String(v).trim());
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

export const api = {
  system: () => call('/api/v1/system'),
  devices: () => call('/api/v1/devices'),
  models: (params) => call(`/api/v1/models${query(params)}`),
  model: (key, params) => call(`/api/v1/models/${encodeURIComponent(key)}${query(params)}`),
  plan: (body) => call('/api/v1/plan', { method: 'POST', body }),
};
