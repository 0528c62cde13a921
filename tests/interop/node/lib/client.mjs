// The Node.js client under test: @grpc/grpc-js + @grpc/proto-loader, loading proto/ from the
// repository root at run time (no generated code), with insecure (h2c) credentials.
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';
import { protoRoot } from './paths.mjs';

export { grpc };

/** How the suite loads the contract; the same options any Node client would use. */
export const loaderOptions = {
  keepCase: true, // job_id, after_revision, upstream_status, … as written in the .proto
  longs: Number, // uint64 revision and Timestamp.seconds as plain numbers
  enums: String, // JobState as its name, e.g. 'JOB_STATE_QUEUED'
  defaults: true, // unset message fields arrive as null, strings as '', lists as []
  oneofs: true, // google.protobuf.Value gets its `kind` discriminator
  includeDirs: [protoRoot],
};

let cachedService;

/** The JobService constructor from proto/jobgateway/v1/job_service.proto. */
export function jobServiceClass() {
  if (!cachedService) {
    const definition = protoLoader.loadSync('jobgateway/v1/job_service.proto', loaderOptions);
    const pkg = grpc.loadPackageDefinition(definition);
    cachedService = pkg.jobgateway.v1.JobService;
  }
  return cachedService;
}

/** A new client (own channel) for the gateway's gRPC address "127.0.0.1:port". */
export function newClient(address) {
  const JobService = jobServiceClass();
  return new JobService(address, grpc.credentials.createInsecure());
}

/** Call metadata carrying `authorization: Bearer <token>`; no token → empty metadata. */
export function auth(token) {
  const md = new grpc.Metadata();
  if (token !== undefined && token !== null) {
    md.set('authorization', token.includes(' ') ? token : `Bearer ${token}`);
  }
  return md;
}

/** Call options with a deadline `ms` from now (or none). */
export function deadlineIn(ms) {
  return ms === undefined ? {} : { deadline: new Date(Date.now() + ms) };
}

/**
 * Calls a unary RPC and resolves with the response, or rejects with the grpc-js ServiceError
 * ({code, details, metadata}).
 */
export function unary(client, method, request, { token = 'demo-token', metadata, deadlineMs } = {}) {
  const md = metadata ?? auth(token);
  return new Promise((resolve, reject) => {
    client[method](request, md, deadlineIn(deadlineMs), (err, response) => {
      if (err) reject(err);
      else resolve(response);
    });
  });
}

/** Calls a unary RPC and resolves with its error (rejects if it unexpectedly succeeds). */
export async function unaryError(client, method, request, options) {
  try {
    const response = await unary(client, method, request, options);
    throw new Error(`${method} succeeded but an error was expected; got ${JSON.stringify(response)}`);
  } catch (err) {
    if (err && typeof err.code === 'number') return err;
    throw err;
  }
}

/** The name of a numeric gRPC status code, e.g. 5 → 'NOT_FOUND'. */
export function codeName(code) {
  return Object.keys(grpc.status).find((k) => grpc.status[k] === code) ?? String(code);
}

/**
 * A server-streaming WatchJob call with a queue of received messages and its final status.
 * `next(ms)` waits for the next message; `finished(ms)` waits for the final status; `events`
 * records the order of everything that arrived ({type: 'message'|'status', …}).
 */
export function watch(client, request, { token = 'demo-token', metadata, deadlineMs } = {}) {
  const md = metadata ?? auth(token);
  const call = client.WatchJob(request, md, deadlineIn(deadlineMs));
  const queue = [];
  const waiters = [];
  const events = [];
  const messages = [];
  let status = null;
  let statusWaiters = [];

  const settleWaiters = () => {
    while (waiters.length > 0 && (queue.length > 0 || status)) {
      const w = waiters.shift();
      clearTimeout(w.timer);
      if (queue.length > 0) w.resolve(queue.shift());
      else w.reject(Object.assign(new Error(`the stream ended (${codeName(status.code)}: ${status.details}) before the next message`), { status }));
    }
  };

  call.on('data', (msg) => {
    events.push({ type: 'message', at: Date.now(), msg });
    messages.push(msg);
    queue.push(msg);
    settleWaiters();
  });
  call.on('error', () => {
    // The same information arrives with 'status'; a listener is needed so grpc-js does not throw.
  });
  call.on('status', (s) => {
    status = { code: s.code, details: s.details, at: Date.now() };
    events.push({ type: 'status', at: status.at, status });
    for (const w of statusWaiters) {
      clearTimeout(w.timer);
      w.resolve(status);
    }
    statusWaiters = [];
    settleWaiters();
  });

  return {
    call,
    events,
    messages,
    get status() {
      return status;
    },
    /** The next message ({job}); rejects when the stream ends first or after `ms`. */
    next(ms = 10000) {
      if (queue.length > 0) return Promise.resolve(queue.shift());
      if (status) {
        return Promise.reject(Object.assign(new Error(`the stream had ended (${codeName(status.code)}: ${status.details})`), { status }));
      }
      return new Promise((resolve, reject) => {
        const w = { resolve, reject };
        w.timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(w), 1);
          reject(new Error(`no WatchJob message within ${ms} ms (received so far: ${describeRevisions(messages)})`));
        }, ms);
        waiters.push(w);
      });
    },
    /** The final status {code, details, at}; rejects after `ms`. */
    finished(ms = 10000) {
      if (status) return Promise.resolve(status);
      return new Promise((resolve, reject) => {
        const w = { resolve };
        w.timer = setTimeout(() => {
          statusWaiters = statusWaiters.filter((x) => x !== w);
          reject(new Error(`WatchJob did not end within ${ms} ms (received: ${describeRevisions(messages)})`));
        }, ms);
        statusWaiters.push(w);
      });
    },
    /** Messages not yet taken with next(). */
    pending() {
      return queue.slice();
    },
    cancel() {
      call.cancel();
    },
  };
}

/** "3:JOB_STATE_QUEUED, 4:JOB_STATE_PROCESSING" for messages. */
export function describeRevisions(messages) {
  return messages.map((m) => `${m.job?.revision}:${m.job?.state}`).join(', ') || 'nothing';
}

/** google.protobuf.Struct (as proto-loader gives it) → plain JSON value. */
export function structToJson(struct) {
  if (struct === null || struct === undefined) return null;
  const out = {};
  for (const [k, v] of Object.entries(struct.fields ?? {})) out[k] = valueToJson(v);
  return out;
}

/** google.protobuf.Value → plain JSON value. */
export function valueToJson(value) {
  if (value === null || value === undefined) return null;
  switch (value.kind) {
    case 'nullValue':
      return null;
    case 'numberValue':
      return value.numberValue;
    case 'stringValue':
      return value.stringValue;
    case 'boolValue':
      return value.boolValue;
    case 'structValue':
      return structToJson(value.structValue);
    case 'listValue':
      return (value.listValue?.values ?? []).map(valueToJson);
    default:
      return null;
  }
}

/** Timestamp {seconds, nanos} → milliseconds since the epoch (fractional). */
export function timestampMs(ts) {
  return ts.seconds * 1000 + ts.nanos / 1e6;
}

/** ISO-8601 string → {seconds, nanos}, keeping sub-millisecond digits. */
export function isoToTimestamp(iso) {
  const m = /^(.*?)(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$/.exec(iso);
  if (!m) throw new Error(`not an ISO-8601 date-time: ${iso}`);
  const seconds = Math.floor(Date.parse(`${m[1]}${m[3]}`) / 1000);
  const nanos = m[2] ? Number(m[2].padEnd(9, '0').slice(0, 9)) : 0;
  return { seconds, nanos };
}
