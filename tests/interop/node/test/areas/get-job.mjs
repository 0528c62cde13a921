// GetJob and the Job message as a Node client sees it: Timestamps as {seconds, nanos},
// extra fields as a Struct, undocumented statuses, results, revisions.
import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { it } from '../../lib/test.mjs';
import { isoToTimestamp, structToJson } from '../../lib/client.mjs';
import { assertConsecutive, assertJob, assertOk, sleep, waitUntil } from '../../lib/assertions.mjs';

export default function getJobTests(ctx) {
  describe('GetJob', () => {
    it('returns the job: id, state, upstream_status, created_at as {seconds, nanos}, no completed_at or result while pending', async () => {
      const job = await ctx.sim.createManualJob();
      const { job: got } = await ctx.getJob(job.job_id);
      assertJob(got, { id: job.job_id, state: 'JOB_STATE_QUEUED', upstreamStatus: 'queued' });
      assert.deepEqual(got.created_at, isoToTimestamp(job.created_at), `created_at vs upstream ${job.created_at}`);
      assert.equal(got.completed_at, null);
      assert.equal(got.result, null);
      assert.equal(got.extra, null, 'the simulator sends no extra fields for this job');
    });

    it('accepts an upper-case UUID', async () => {
      const job = await ctx.sim.createManualJob();
      const { job: got } = await ctx.getJob(job.job_id.toUpperCase());
      assert.equal(got.job_id.toLowerCase(), job.job_id);
      assert.equal(got.state, 'JOB_STATE_QUEUED');
    });

    it('unknown upstream fields arrive in extra (Struct), result fields in result, completed_at as {seconds, nanos}', async () => {
      const extra = {
        preview_urls: ['https://cdn.test/p.png'],
        seed: 42,
        ratio: 1.5,
        nsfw: false,
        nested: { a: [1, true, null, 'x'], b: { c: 'd' } },
        nothing: null,
      };
      const job = await ctx.sim.createManualJob({
        extra,
        result_extra: { seed: 7, model: { name: 'flux' } },
        urls: ['https://cdn.test/a.png', 'https://cdn.test/b.png'],
        style_id: 'style-123',
      });
      const pending = (await ctx.getJob(job.job_id)).job;
      assert.deepEqual(structToJson(pending.extra), extra);
      assert.equal(pending.result, null);

      await ctx.sim.setStatus(job.job_id, 'completed');
      const upstream = await ctx.sim.job(job.job_id);
      const done = (await waitUntil(async () => {
        const r = await ctx.getJob(job.job_id);
        return r.job.state === 'JOB_STATE_COMPLETED' && r;
      }, { what: 'GetJob to show the completed job' })).job;
      assertJob(done, { id: job.job_id, state: 'JOB_STATE_COMPLETED', upstreamStatus: 'completed' });
      assert.deepEqual(done.completed_at, isoToTimestamp(upstream.completed_at), `completed_at vs upstream ${upstream.completed_at}`);
      assert.deepEqual(done.result.urls, ['https://cdn.test/a.png', 'https://cdn.test/b.png']);
      assert.equal(done.result.style_id, 'style-123');
      assert.equal(done.result.error, '');
      assert.deepEqual(structToJson(done.result.extra), { seed: 7, model: { name: 'flux' } });
      assert.deepEqual(structToJson(done.extra), extra, 'extra fields are kept in every status');
      assert.equal(done.revision, pending.revision + 1);
    });

    it('an undocumented upstream status ("warming-up") arrives as JOB_STATE_UNSPECIFIED with upstream_status', async () => {
      const job = await ctx.sim.createJob({ steps: [{ status: 'warming-up' }], outcome: 'completed' });
      const { job: got } = await ctx.getJob(job.job_id);
      assertJob(got, { id: job.job_id, state: 'JOB_STATE_UNSPECIFIED', upstreamStatus: 'warming-up' });
      assert.equal(got.completed_at, null, 'an unknown status is not terminal');
    });

    it('a failed job: result.error carries the upstream error (a JSON object rendered as compact JSON)', async () => {
      const job = await ctx.sim.createJob({ steps: [{ status: 'processing' }], outcome: 'failed', error: { code: 'NSFW', detail: 'blocked' } });
      await ctx.sim.advance(job.job_id);
      const { job: got } = await ctx.getJob(job.job_id);
      assertJob(got, { id: job.job_id, state: 'JOB_STATE_FAILED', upstreamStatus: 'failed' });
      assert.deepEqual(got.result.urls, []);
      assert.deepEqual(JSON.parse(got.result.error), { code: 'NSFW', detail: 'blocked' });
      assert.ok(!/\s/.test(got.result.error), `compact JSON expected: ${got.result.error}`);
    });

    it('a failed job with a string error', async () => {
      const job = await ctx.sim.createJob({ steps: [{ status: 'queued' }], outcome: 'failed', error: 'Out of memory' });
      await ctx.sim.advance(job.job_id);
      const { job: got } = await ctx.getJob(job.job_id);
      assert.equal(got.state, 'JOB_STATE_FAILED');
      assert.equal(got.result.error, 'Out of memory');
    });

    it('intermediate-complete carries its result while pending', async () => {
      const job = await ctx.sim.createJob({
        steps: [{ status: 'intermediate-complete' }],
        outcome: 'completed',
        intermediate_urls: ['https://cdn.test/i0.png'],
      });
      const { job: got } = await ctx.getJob(job.job_id);
      assertJob(got, { state: 'JOB_STATE_INTERMEDIATE_COMPLETE', upstreamStatus: 'intermediate-complete' });
      assert.deepEqual(got.result.urls, ['https://cdn.test/i0.png']);
    });

    it('every documented status maps to its JobState', async () => {
      // The job starts queued; each status below is a change the watch must report.
      const expected = {
        backlogged: 'JOB_STATE_BACKLOGGED',
        queued: 'JOB_STATE_QUEUED',
        scheduled: 'JOB_STATE_SCHEDULED',
        processing: 'JOB_STATE_PROCESSING',
        sampling: 'JOB_STATE_SAMPLING',
        'intermediate-complete': 'JOB_STATE_INTERMEDIATE_COMPLETE',
        completed: 'JOB_STATE_COMPLETED',
      };
      const job = await ctx.sim.createManualJob();
      const w = ctx.watch({ job_id: job.job_id });
      const first = (await w.next()).job;
      assert.equal(first.state, 'JOB_STATE_QUEUED');
      for (const [upstreamStatus, state] of Object.entries(expected)) {
        await ctx.sim.setStatus(job.job_id, upstreamStatus);
        const last = (await w.next(5000)).job;
        assert.equal(last.upstream_status, upstreamStatus);
        assert.equal(last.state, state, `upstream "${upstreamStatus}"`);
        assert.equal((await waitUntil(async () => {
          const r = await ctx.getJob(job.job_id);
          return r.job.revision === last.revision && r;
        }, { what: `GetJob at revision ${last.revision}` })).job.state, state);
      }
      assertOk(await w.finished());
      assertConsecutive(w.messages, first.revision);
      for (const [upstreamStatus, state] of [['failed', 'JOB_STATE_FAILED'], ['cancelled', 'JOB_STATE_CANCELLED']]) {
        const other = await ctx.sim.createManualJob();
        await ctx.sim.setStatus(other.job_id, upstreamStatus);
        const { job: got } = await ctx.getJob(other.job_id);
        assertJob(got, { state, upstreamStatus });
      }
    });

    it('revision: unchanged while nothing changes, +1 per change, the same as WatchJob reports', async () => {
      const job = await ctx.sim.createManualJob();
      const first = (await ctx.getJob(job.job_id)).job;
      await sleep(ctx.stack.pollIntervalMs * 2 + 200); // past the snapshot's freshness: a new upstream read
      const again = (await ctx.getJob(job.job_id)).job;
      assert.equal(again.revision, first.revision, 'no change, no new revision');
      assert.ok((await ctx.sim.counters(job.job_id)).get >= 2, 'the second GetJob should have read the upstream again');
      await ctx.sim.setStatus(job.job_id, 'processing');
      const changed = (await waitUntil(async () => {
        const r = await ctx.getJob(job.job_id);
        return r.job.state === 'JOB_STATE_PROCESSING' && r;
      }, { what: 'GetJob to show processing' })).job;
      assert.equal(changed.revision, first.revision + 1);
      const w = ctx.watch({ job_id: job.job_id });
      const seen = (await w.next()).job;
      assert.equal(seen.revision, changed.revision);
      assert.deepEqual(seen, changed, 'equal revisions mean equal content');
    });

    it('concurrent GetJob calls for one job share one upstream read', async () => {
      const job = await ctx.sim.createManualJob();
      const results = await Promise.all(Array.from({ length: 10 }, () => ctx.getJob(job.job_id)));
      const revisions = new Set(results.map((r) => r.job.revision));
      assert.equal(revisions.size, 1, `one snapshot for all: ${[...revisions].join(', ')}`);
      assert.equal((await ctx.sim.counters(job.job_id)).get, 1, 'ten concurrent GetJob calls → one GET /jobs/{id}');
    });
  });
}
