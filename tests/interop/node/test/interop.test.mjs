// Entry point of the Node.js interop suite: starts one stack (redis-server, simulator, gateway)
// for every area, runs the areas in order, and stops the stack whatever happens.
import { after, afterEach, before, describe } from 'node:test';
import { newClient, unary, unaryError, watch } from '../lib/client.mjs';
import { Simulator } from '../lib/simulator.mjs';
import { startStack } from '../lib/stack.mjs';
import cancelJobTests from './areas/cancel-job.mjs';
import deadlineTests from './areas/deadlines.mjs';
import disconnectTests from './areas/disconnect.mjs';
import errorTests from './areas/errors.mjs';
import getJobTests from './areas/get-job.mjs';
import hygieneTests from './areas/hygiene.mjs';
import watchJobTests from './areas/watch-job.mjs';

/** What every area uses; filled in by `before`. */
const ctx = {
  stack: null,
  client: null,
  sim: null,
  openWatches: new Set(),
  extraClients: new Set(),
  /** WatchJob on the shared client; cancelled after the test if still open. */
  watch(request, options) {
    const w = watch(this.client, request, options);
    this.openWatches.add(w);
    return w;
  },
  /** A client with its own channel (closed after the test). */
  newClient() {
    const c = newClient(this.stack.grpcAddress);
    this.extraClients.add(c);
    return c;
  },
  watchOn(client, request, options) {
    const w = watch(client, request, options);
    this.openWatches.add(w);
    return w;
  },
  getJob(jobId, options) {
    return unary(this.client, 'GetJob', { job_id: jobId }, options);
  },
  cancelJob(jobId, options) {
    return unary(this.client, 'CancelJob', { job_id: jobId }, options);
  },
  getJobError(jobId, options) {
    return unaryError(this.client, 'GetJob', { job_id: jobId }, options);
  },
  cancelJobError(jobId, options) {
    return unaryError(this.client, 'CancelJob', { job_id: jobId }, options);
  },
};

describe('JobGateway interop: Node.js @grpc/grpc-js client', () => {
  before(async () => {
    ctx.stack = await startStack();
    ctx.client = newClient(ctx.stack.grpcAddress);
    ctx.sim = new Simulator(ctx.stack.simulatorUrl);
  }, { timeout: 120000 });

  afterEach(() => {
    for (const w of ctx.openWatches) if (!w.status) w.cancel();
    ctx.openWatches.clear();
    for (const c of ctx.extraClients) c.close();
    ctx.extraClients.clear();
  });

  after(async () => {
    // Safety net: nothing may keep the test process alive once the suite is over.
    setTimeout(() => process.exit(), 15000).unref();
    for (const w of ctx.openWatches) if (!w.status) w.cancel();
    ctx.client?.close();
    await ctx.stack?.stop();
  }, { timeout: 30000 });

  errorTests(ctx);
  getJobTests(ctx);
  cancelJobTests(ctx);
  watchJobTests(ctx);
  deadlineTests(ctx);
  disconnectTests(ctx);
  hygieneTests(ctx);
});
