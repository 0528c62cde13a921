// Every error code of DESIGN §2, through all three RPCs where it applies, with messages a
// person can act on.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe } from 'node:test';
import { it } from '../../lib/test.mjs';
import { auth, grpc, unaryError } from '../../lib/client.mjs';
import { assertRpcError, assertStreamError, waitUntil } from '../../lib/assertions.mjs';

const { status } = grpc;

/** Runs GetJob, CancelJob and WatchJob for `jobId` and asserts each fails with `code`. */
async function assertAllRpcsFail(ctx, jobId, code, { token = 'demo-token', metadata, mentions = [] } = {}) {
  const options = metadata ? { metadata } : { token };
  for (const method of ['GetJob', 'CancelJob']) {
    const err = await unaryError(ctx.client, method, { job_id: jobId }, options);
    assertRpcError(err, code, { mentions, context: `${method} ${JSON.stringify(jobId)}` });
  }
  const w = ctx.watch({ job_id: jobId, after_revision: 0 }, options);
  const end = await w.finished(10000);
  assert.equal(w.messages.length, 0, 'a failed watch must not send a message first');
  assertStreamError(end, code, { mentions, context: `WatchJob ${JSON.stringify(jobId)}` });
}

export default function errorTests(ctx) {
  describe('errors (DESIGN §2)', () => {
    describe('INVALID_ARGUMENT for a malformed job id', () => {
      for (const id of ['', 'not-a-uuid', '../x']) {
        it(`job_id ${JSON.stringify(id)}: GetJob, CancelJob and WatchJob`, async () => {
          await assertAllRpcsFail(ctx, id, status.INVALID_ARGUMENT, { mentions: ['job_id'] });
        });
      }

      it('a malformed id never reaches the upstream', async () => {
        const routes = async () => (await ctx.sim.allCounters()).routes;
        const before = await routes();
        for (const id of ['', 'not-a-uuid', '../x', '0b6f3c1e-8f9a-4a57-9d3c-2f1e4b5a6c7', 'zb6f3c1e-8f9a-4a57-9d3c-2f1e4b5a6c7d']) {
          await assertAllRpcsFail(ctx, id, status.INVALID_ARGUMENT);
        }
        const after = await routes();
        assert.equal(after['GET /jobs/{id}'], before['GET /jobs/{id}'], 'GET /jobs/{id} was called for a malformed id');
        assert.equal(after['DELETE /jobs/{id}'], before['DELETE /jobs/{id}'], 'DELETE /jobs/{id} was called for a malformed id');
      });
    });

    describe('NOT_FOUND', () => {
      it('an unknown job id: GetJob, CancelJob and WatchJob', async () => {
        const id = randomUUID();
        await assertAllRpcsFail(ctx, id, status.NOT_FOUND, { mentions: [id] });
      });

      it("another workspace's job, even right after its owner read it", async () => {
        const job = await ctx.sim.createManualJob();
        const own = await ctx.getJob(job.job_id); // the gateway now holds a fresh snapshot for demo-token
        assert.equal(own.job.job_id, job.job_id);
        const w = ctx.watch({ job_id: job.job_id }); // and an active poll group
        await w.next();
        await assertAllRpcsFail(ctx, job.job_id, status.NOT_FOUND, { token: 'other-token', mentions: [job.job_id] });
        // The refused cancel did not touch the owner's job.
        assert.equal((await ctx.sim.job(job.job_id)).status, 'queued');
        assert.equal((await ctx.getJob(job.job_id)).job.state, 'JOB_STATE_QUEUED');
      });
    });

    describe('UNAUTHENTICATED', () => {
      it('no authorization metadata: refused by the gateway without an upstream call', async () => {
        const job = await ctx.sim.createManualJob();
        await assertAllRpcsFail(ctx, job.job_id, status.UNAUTHENTICATED, { metadata: auth(null), mentions: ['authorization'] });
        assert.deepEqual(await ctx.sim.counters(job.job_id), { get: 0, delete: 0, aborted: 0 });
      });

      it("a token the upstream does not know ('nope', upstream 401)", async () => {
        const job = await ctx.sim.createManualJob();
        await assertAllRpcsFail(ctx, job.job_id, status.UNAUTHENTICATED, { token: 'nope' });
        assert.equal((await ctx.sim.job(job.job_id)).status, 'queued');
      });

      it("authorization metadata that is not 'Bearer <token>'", async () => {
        const job = await ctx.sim.createManualJob();
        const md = new grpc.Metadata();
        md.set('authorization', 'Basic ZGVtbzpkZW1v');
        await assertAllRpcsFail(ctx, job.job_id, status.UNAUTHENTICATED, { metadata: md, mentions: ['Bearer'] });
      });
    });

    describe('PERMISSION_DENIED', () => {
      it('GetJob and CancelJob when the upstream answers 403; answers again once it stops', async () => {
        const job = await ctx.sim.createManualJob();
        await ctx.sim.setFault(job.job_id, { status: 403, count: 2 });
        assertRpcError(await ctx.getJobError(job.job_id), status.PERMISSION_DENIED, { mentions: [job.job_id] });
        assertRpcError(await ctx.cancelJobError(job.job_id), status.PERMISSION_DENIED, { mentions: [job.job_id] });
        const res = await waitUntil(() => ctx.getJob(job.job_id), { timeoutMs: 10000, what: 'GetJob to succeed after the 403s' });
        assert.equal(res.job.state, 'JOB_STATE_QUEUED');
      });

      it('WatchJob whose first poll is refused with 403 ends with PERMISSION_DENIED', async () => {
        const job = await ctx.sim.createManualJob();
        await ctx.sim.setFault(job.job_id, { status: 403, count: 1 });
        const w = ctx.watch({ job_id: job.job_id });
        assertStreamError(await w.finished(10000), status.PERMISSION_DENIED, { mentions: [job.job_id] });
        assert.equal(w.messages.length, 0);
      });
    });

    describe('FAILED_PRECONDITION for a refused cancel, naming the current state', () => {
      for (const upstreamStatus of ['completed', 'failed', 'sampling', 'scheduled']) {
        it(`cancel a ${upstreamStatus} job`, async () => {
          const job = await ctx.sim.createManualJob();
          await ctx.sim.setStatus(job.job_id, upstreamStatus);
          const err = await ctx.cancelJobError(job.job_id);
          assertRpcError(err, status.FAILED_PRECONDITION, { mentions: [upstreamStatus, job.job_id] });
          assert.equal((await ctx.sim.job(job.job_id)).status, upstreamStatus, 'the refused cancel changed the job');
        });
      }

      it('cancel a job twice: the second names "cancelled"', async () => {
        const job = await ctx.sim.createManualJob();
        const first = await ctx.cancelJob(job.job_id);
        assert.equal(first.job.state, 'JOB_STATE_CANCELLED');
        assertRpcError(await ctx.cancelJobError(job.job_id), status.FAILED_PRECONDITION, { mentions: ['cancelled'] });
      });
    });

    describe('RESOURCE_EXHAUSTED when the upstream keeps answering 429', () => {
      it('GetJob, after retrying', async () => {
        const job = await ctx.sim.createManualJob();
        await ctx.sim.setFault(job.job_id, { status: 429, rate: 1.0 });
        assertRpcError(await ctx.getJobError(job.job_id), status.RESOURCE_EXHAUSTED);
        const counters = await ctx.sim.counters(job.job_id);
        assert.equal(counters.get, 2, `Upstream:MaxRetries=1 means two GETs, saw ${counters.get}`);
      });

      it('CancelJob', async () => {
        const job = await ctx.sim.createManualJob();
        await ctx.sim.setFault(job.job_id, { status: 429, rate: 1.0 });
        assertRpcError(await ctx.cancelJobError(job.job_id), status.RESOURCE_EXHAUSTED);
        assert.equal((await ctx.sim.job(job.job_id)).status, 'queued');
      });

      it('WatchJob', async () => {
        const job = await ctx.sim.createManualJob();
        await ctx.sim.setFault(job.job_id, { status: 429, rate: 1.0 });
        const w = ctx.watch({ job_id: job.job_id });
        assertStreamError(await w.finished(10000), status.RESOURCE_EXHAUSTED);
        assert.equal(w.messages.length, 0);
      });
    });

    describe('UNAVAILABLE when the upstream keeps failing (500)', () => {
      it('GetJob, after retrying; answers again once the upstream recovers', async () => {
        const job = await ctx.sim.createManualJob();
        await ctx.sim.setFault(job.job_id, { status: 500, rate: 1.0 });
        assertRpcError(await ctx.getJobError(job.job_id), status.UNAVAILABLE);
        assert.equal((await ctx.sim.counters(job.job_id)).get, 2);
        await ctx.sim.clearFault(job.job_id);
        const res = await waitUntil(() => ctx.getJob(job.job_id), { timeoutMs: 10000, what: 'GetJob to recover' });
        assert.equal(res.job.state, 'JOB_STATE_QUEUED');
      });

      it('CancelJob', async () => {
        const job = await ctx.sim.createManualJob();
        await ctx.sim.setFault(job.job_id, { status: 500, rate: 1.0 });
        assertRpcError(await ctx.cancelJobError(job.job_id), status.UNAVAILABLE);
      });

      it('WatchJob', async () => {
        const job = await ctx.sim.createManualJob();
        await ctx.sim.setFault(job.job_id, { status: 500, rate: 1.0 });
        const w = ctx.watch({ job_id: job.job_id });
        assertStreamError(await w.finished(10000), status.UNAVAILABLE);
        assert.equal(w.messages.length, 0);
      });
    });
  });
}
