// Assertions shared by the test areas.
import assert from 'node:assert/strict';
import { codeName, grpc } from './client.mjs';

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export const JOB_STATES = [
  'JOB_STATE_UNSPECIFIED',
  'JOB_STATE_BACKLOGGED',
  'JOB_STATE_QUEUED',
  'JOB_STATE_SCHEDULED',
  'JOB_STATE_PROCESSING',
  'JOB_STATE_SAMPLING',
  'JOB_STATE_INTERMEDIATE_COMPLETE',
  'JOB_STATE_COMPLETED',
  'JOB_STATE_FAILED',
  'JOB_STATE_CANCELLED',
];

export const TERMINAL_STATES = new Set(['JOB_STATE_COMPLETED', 'JOB_STATE_FAILED', 'JOB_STATE_CANCELLED']);

/**
 * A message a person can act on: non-empty, several words, printable, no exception type names,
 * stack frames or serialized status objects.
 */
export function assertHumanMessage(details, context = '') {
  const where = context ? ` (${context})` : '';
  assert.equal(typeof details, 'string', `status details must be a string${where}`);
  const text = details.trim();
  assert.ok(text.length >= 15, `status message too short to act on${where}: ${JSON.stringify(details)}`);
  assert.ok(text.split(/\s+/).length >= 3, `status message is not a sentence${where}: ${JSON.stringify(details)}`);
  assert.ok(/[a-z]/i.test(text), `status message has no words${where}: ${JSON.stringify(details)}`);
  assert.ok(!/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(text), `status message has control characters${where}: ${JSON.stringify(details)}`);
  assert.ok(!/\b\w+Exception\b|\n\s+at\s|StatusCode=|Grpc\.Core|System\./.test(text),
    `status message leaks internals${where}: ${JSON.stringify(details)}`);
}

/** A gRPC error with `code`, an actionable message, and (optionally) substrings it must name. */
export function assertRpcError(err, code, { mentions = [], context = '' } = {}) {
  assert.ok(err && typeof err.code === 'number', `expected a gRPC error, got ${err}`);
  assert.equal(codeName(err.code), codeName(code),
    `expected ${codeName(code)} but got ${codeName(err.code)}: ${err.details}${context ? ` (${context})` : ''}`);
  assertHumanMessage(err.details, context);
  for (const m of mentions) {
    assert.ok(err.details.toLowerCase().includes(String(m).toLowerCase()),
      `message should mention ${JSON.stringify(m)}${context ? ` (${context})` : ''}: ${err.details}`);
  }
}

/** The same for the final status of a stream ({code, details}). */
export function assertStreamError(status, code, options) {
  assert.ok(status, 'the stream has no final status');
  assertRpcError({ code: status.code, details: status.details }, code, options);
}

export function assertOk(status, context = '') {
  assert.ok(status, 'the stream has no final status');
  assert.equal(status.code, grpc.status.OK,
    `expected the stream to end with OK${context ? ` (${context})` : ''}, got ${codeName(status.code)}: ${status.details}`);
}

/** A google.protobuf.Timestamp as proto-loader gives it: {seconds, nanos}. */
export function assertTimestamp(ts, what) {
  assert.ok(ts && typeof ts === 'object', `${what} must be a Timestamp object, got ${JSON.stringify(ts)}`);
  assert.deepEqual(Object.keys(ts).sort(), ['nanos', 'seconds'], `${what} must have exactly {seconds, nanos}`);
  assert.ok(Number.isSafeInteger(ts.seconds) && ts.seconds > 0, `${what}.seconds: ${ts.seconds}`);
  assert.ok(Number.isInteger(ts.nanos) && ts.nanos >= 0 && ts.nanos < 1e9, `${what}.nanos: ${ts.nanos}`);
}

/** The invariant shape of every Job message. */
export function assertJob(job, { id, state, upstreamStatus } = {}) {
  assert.ok(job, 'the response carries no job');
  if (id !== undefined) assert.equal(job.job_id, id, 'job_id');
  assert.ok(JOB_STATES.includes(job.state), `unknown state ${job.state}`);
  if (state !== undefined) assert.equal(job.state, state, `state (upstream_status ${job.upstream_status})`);
  if (upstreamStatus !== undefined) assert.equal(job.upstream_status, upstreamStatus, 'upstream_status');
  assert.ok(Number.isSafeInteger(job.revision) && job.revision > 0, `revision must be a positive integer, got ${job.revision}`);
  assertTimestamp(job.created_at, 'created_at');
  if (TERMINAL_STATES.has(job.state)) assertTimestamp(job.completed_at, 'completed_at');
  else assert.equal(job.completed_at, null, `completed_at must be unset while ${job.state}`);
}

/** Revisions of consecutive messages grow by exactly one. */
export function assertConsecutive(messages, firstRevision) {
  const revisions = messages.map((m) => m.job.revision);
  if (firstRevision !== undefined) assert.equal(revisions[0], firstRevision, `first revision (all: ${revisions.join(', ')})`);
  for (let i = 1; i < revisions.length; i++) {
    assert.equal(revisions[i], revisions[i - 1] + 1, `revisions must grow by one per message: ${revisions.join(', ')}`);
  }
}

/** Calls `probe` until it returns a truthy value, or fails after `timeoutMs`. */
export async function waitUntil(probe, { timeoutMs = 10000, intervalMs = 100, what = 'condition' } = {}) {
  const started = Date.now();
  let last;
  while (Date.now() - started < timeoutMs) {
    try {
      last = await probe();
      if (last) return last;
    } catch (err) {
      last = err;
    }
    await sleep(intervalMs);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last: ${last instanceof Error ? last.message : JSON.stringify(last)}`);
}

/**
 * Asserts the upstream sees no more polls for `jobId` once nobody watches it: lets in-flight
 * work settle, then counts GET /jobs/{id} over a window several poll intervals long.
 */
export async function assertPollingStops(sim, jobId, { settleMs = 1000, windowMs = 4000 } = {}) {
  await sleep(settleMs);
  const before = await sim.counters(jobId);
  await sleep(windowMs);
  const after = await sim.counters(jobId);
  assert.ok(after.get - before.get <= 1,
    `the gateway kept polling job ${jobId} after its last watcher left: ${after.get - before.get} polls in ${windowMs} ms`);
}
