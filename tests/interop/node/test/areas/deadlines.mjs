// Client deadlines: DEADLINE_EXCEEDED at the deadline, and the gateway gives up its upstream call.
import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { it } from '../../lib/test.mjs';
import { grpc } from '../../lib/client.mjs';
import { assertPollingStops, assertRpcError, assertStreamError, waitUntil } from '../../lib/assertions.mjs';

const { status } = grpc;

export default function deadlineTests(ctx) {
  describe('deadlines', () => {
    it('GetJob: DEADLINE_EXCEEDED at the deadline while the upstream is slow; the upstream request is cancelled', async () => {
      const job = await ctx.sim.createManualJob();
      await ctx.sim.setFault(job.job_id, { latency_ms: 5000, count: 1 });
      const started = Date.now();
      const err = await ctx.getJobError(job.job_id, { deadlineMs: 1000 });
      const elapsed = Date.now() - started;
      assertRpcError(err, status.DEADLINE_EXCEEDED);
      assert.ok(elapsed >= 900 && elapsed < 2500, `failed after ${elapsed} ms for a 1000 ms deadline`);
      await waitUntil(async () => (await ctx.sim.counters(job.job_id)).aborted === 1,
        { timeoutMs: 3000, what: 'the simulator to count the gateway\'s upstream request as aborted (the gateway must cancel it)' });
      // The slow answer is gone; a call with a generous deadline succeeds at once.
      const t = Date.now();
      const res = await ctx.getJob(job.job_id, { deadlineMs: 5000 });
      assert.equal(res.job.state, 'JOB_STATE_QUEUED');
      assert.ok(Date.now() - t < 2000, `the next GetJob took ${Date.now() - t} ms`);
    });

    it('CancelJob: DEADLINE_EXCEEDED while the upstream is slow; the upstream request is cancelled; a later cancel works', async () => {
      const job = await ctx.sim.createManualJob();
      await ctx.sim.setFault(job.job_id, { latency_ms: 5000, count: 1 });
      const started = Date.now();
      const err = await ctx.cancelJobError(job.job_id, { deadlineMs: 1000 });
      const elapsed = Date.now() - started;
      assertRpcError(err, status.DEADLINE_EXCEEDED);
      assert.ok(elapsed < 2500, `failed after ${elapsed} ms for a 1000 ms deadline`);
      await waitUntil(async () => (await ctx.sim.counters(job.job_id)).aborted === 1,
        { timeoutMs: 3000, what: 'the simulator to count the DELETE as aborted' });
      const { job: cancelled } = await ctx.cancelJob(job.job_id, { deadlineMs: 5000 });
      assert.equal(cancelled.state, 'JOB_STATE_CANCELLED');
    });

    it('WatchJob: the current state, then DEADLINE_EXCEEDED at the deadline; the gateway stops polling', async () => {
      const job = await ctx.sim.createManualJob();
      const started = Date.now();
      const w = ctx.watch({ job_id: job.job_id }, { deadlineMs: 2000 });
      assert.equal((await w.next()).job.state, 'JOB_STATE_QUEUED');
      await ctx.sim.advance(job.job_id); // a change shortly before the deadline resets the poll interval
      assert.equal((await w.next(1900)).job.state, 'JOB_STATE_PROCESSING');
      const end = await w.finished(5000);
      assertStreamError(end, status.DEADLINE_EXCEEDED);
      assert.ok(end.at - started < 3500, `the watch ended ${end.at - started} ms after it started, deadline 2000 ms`);
      await assertPollingStops(ctx.sim, job.job_id);
    });
  });
}
