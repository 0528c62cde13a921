// The simulated upstream's REST API (Krea routes and the unauthenticated /_control API).
export class Simulator {
  constructor(baseUrl) {
    this.baseUrl = baseUrl;
  }

  async request(method, route, body, token) {
    const headers = { 'content-type': 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    const res = await fetch(`${this.baseUrl}${route}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(10000),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`simulator ${method} ${route} → ${res.status}: ${text}`);
    return text ? JSON.parse(text) : null;
  }

  /** Creates a job in the token's workspace; `simulation` is the simulator's spec. */
  createJob(simulation = { preset: 'manual' }, token = 'demo-token') {
    return this.request('POST', '/generate/image/sim/model', { prompt: 'interop', simulation }, token);
  }

  /** A manual job (queued until moved on) with optional extra spec fields. */
  createManualJob(extraSpec = {}, token = 'demo-token') {
    return this.createJob({ preset: 'manual', ...extraSpec }, token);
  }

  job(id) {
    return this.request('GET', `/_control/jobs/${id}`);
  }

  setStatus(id, status, result) {
    return this.request('PUT', `/_control/jobs/${id}/status`, result === undefined ? { status } : { status, result });
  }

  advance(id) {
    return this.request('POST', `/_control/jobs/${id}/advance`);
  }

  setFault(id, fault) {
    return this.request('PUT', `/_control/jobs/${id}/faults`, fault);
  }

  clearFault(id) {
    return this.request('DELETE', `/_control/jobs/${id}/faults`);
  }

  counters(id) {
    return this.request('GET', `/_control/jobs/${id}/counters`);
  }

  allCounters() {
    return this.request('GET', '/_control/counters');
  }
}
