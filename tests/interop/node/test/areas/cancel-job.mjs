// CancelJob: the job as it stands after the cancel; watchers see CANCELLED at once.
import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { it } from '../../lib/test.mjs';
import { isoToTimestamp } from '../../lib/client.mjs';
import { assertJob, assertOk, sleep } from '../../lib/assertions.mjs';

export default function cancelJobTests(ctx) {
  describe('CancelJob', () => {
    it('cancels a queued job and returns it as it stands after the cancel', async () => {
      const job = await ctx.sim.createManualJob();
      const before = (await ctx.getJob(job.job_id)).job;
      const { job: cancelled } = await ctx.cancelJob(job.job_id);
      assertJob(cancelled, { id: job.job_id, state: 'JOB_STATE_CANCELLED', upstreamStatus: 'cancelled' });
      const upstream = await ctx.sim.job(job.job_id);
      assert.equal(upstream.status, 'cancelled');
      assert.deepEqual(cancelled.completed_at, isoToTimestamp(upstream.completed_at));
      assert.equal(cancelled.revision, before.revision + 1, 'one change since the last read');
      assert.equal((await ctx.sim.counters(job.job_id)).delete, 1);
      const after = (await ctx.getJob(job.job_id)).job;
      assert.deepEqual(after, cancelled, 'GetJob after the cancel gives the same job and revision');
    });

    it('cancels a processing job', async () => {
      const job = await ctx.sim.createManualJob();
      await ctx.sim.advance(job.job_id); // queued → processing
      const { job: cancelled } = await ctx.cancelJob(job.job_id);
      assertJob(cancelled, { id: job.job_id, state: 'JOB_STATE_CANCELLED', upstreamStatus: 'cancelled' });
    });

    it('a watcher sees CANCELLED at once (not after the backed-off poll interval) and its stream ends OK', async () => {
      const job = await ctx.sim.createManualJob();
      const w = ctx.watch({ job_id: job.job_id });
      const first = (await w.next()).job;
      await sleep(3500); // nothing changes: the poll interval backs off (0.5 s × 1.5ⁿ) to ~1.7–2.5 s
      const started = Date.now();
      const { job: cancelled } = await ctx.cancelJob(job.job_id);
      const seen = (await w.next(5000)).job;
      const latency = Date.now() - started;
      assert.equal(seen.state, 'JOB_STATE_CANCELLED');
      assert.equal(seen.revision, first.revision + 1);
      assert.deepEqual(seen, cancelled, 'the watcher and the CancelJob caller see the same revision and content');
      assert.ok(latency < 1000, `the watcher saw CANCELLED ${latency} ms after CancelJob was called`);
      assertOk(await w.finished(2000));
      assert.equal(w.messages.length, 2);
    });
  });
}
