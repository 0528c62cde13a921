// WatchJob: current state first, one message per change with revisions growing by one, OK right
// after the terminal state, and resume with after_revision without duplicates or gaps.
import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { it } from '../../lib/test.mjs';
import { describeRevisions, grpc, structToJson } from '../../lib/client.mjs';
import { assertConsecutive, assertJob, assertOk, sleep, TERMINAL_STATES } from '../../lib/assertions.mjs';

/** Asserts the stream ended OK right after its last message, which is terminal. */
async function assertEndsRightAfterTerminal(w) {
  const end = await w.finished(3000);
  assertOk(end);
  const last = w.events.at(-2);
  assert.equal(w.events.at(-1).type, 'status');
  assert.equal(last?.type, 'message', 'a message must precede the end of the stream');
  assert.ok(TERMINAL_STATES.has(last.msg.job.state), `the last message must be terminal, got ${last.msg.job.state}`);
  assert.ok(end.at - last.at < 1000, `the stream ended ${end.at - last.at} ms after the terminal message`);
  assert.equal(w.events.filter((e) => e.type === 'message' && TERMINAL_STATES.has(e.msg.job.state)).length, 1,
    'exactly one terminal message');
}

export default function watchJobTests(ctx) {
  describe('WatchJob', () => {
    it('sends the current state, one message per change (revision +1 each), and ends OK right after the terminal state', async () => {
      const job = await ctx.sim.createManualJob({ extra: { preview_urls: ['https://cdn.test/p0.png'] } });
      const w = ctx.watch({ job_id: job.job_id, after_revision: 0 });
      const first = (await w.next()).job;
      assertJob(first, { id: job.job_id, state: 'JOB_STATE_QUEUED', upstreamStatus: 'queued' });
      assert.deepEqual(structToJson(first.extra), { preview_urls: ['https://cdn.test/p0.png'] });
      for (const state of ['JOB_STATE_PROCESSING', 'JOB_STATE_SAMPLING', 'JOB_STATE_COMPLETED']) {
        await ctx.sim.advance(job.job_id);
        const m = (await w.next(5000)).job;
        assertJob(m, { id: job.job_id, state });
      }
      assertConsecutive(w.messages, first.revision);
      assert.equal(w.messages.length, 4, describeRevisions(w.messages));
      assert.ok(w.messages.at(-1).job.result.urls.length > 0, 'the completed job carries its result');
      await assertEndsRightAfterTerminal(w);
    });

    it('an undocumented status streams as JOB_STATE_UNSPECIFIED and the watch goes on to the end', async () => {
      const job = await ctx.sim.createJob({ steps: [{ status: 'queued' }, { status: 'warming-up' }, { status: 'processing' }], outcome: 'completed' });
      const w = ctx.watch({ job_id: job.job_id });
      const states = [(await w.next()).job];
      for (let i = 0; i < 3; i++) {
        await ctx.sim.advance(job.job_id);
        states.push((await w.next(5000)).job);
      }
      assert.deepEqual(states.map((j) => [j.state, j.upstream_status]), [
        ['JOB_STATE_QUEUED', 'queued'],
        ['JOB_STATE_UNSPECIFIED', 'warming-up'],
        ['JOB_STATE_PROCESSING', 'processing'],
        ['JOB_STATE_COMPLETED', 'completed'],
      ]);
      assertConsecutive(w.messages);
      await assertEndsRightAfterTerminal(w);
    });

    it('a failed job ends the stream with OK after the FAILED message', async () => {
      const job = await ctx.sim.createJob({ steps: [{ status: 'processing' }], outcome: 'failed', error: 'GPU fell over' });
      const w = ctx.watch({ job_id: job.job_id });
      await w.next();
      await ctx.sim.advance(job.job_id);
      const failed = (await w.next(5000)).job;
      assert.equal(failed.state, 'JOB_STATE_FAILED');
      assert.equal(failed.result.error, 'GPU fell over');
      await assertEndsRightAfterTerminal(w);
    });

    it('resume with the last revision after a disconnect: no duplicate, no gap, the newest state first', async () => {
      const job = await ctx.sim.createManualJob();
      const a = ctx.watch({ job_id: job.job_id });
      const last = (await a.next()).job.revision;
      a.cancel();
      assert.equal((await a.finished()).code, grpc.status.CANCELLED);
      await ctx.sim.advance(job.job_id); // processing, while nobody watches
      await ctx.sim.advance(job.job_id); // sampling
      const b = ctx.watch({ job_id: job.job_id, after_revision: last });
      let m = (await b.next(5000)).job;
      while (m.state !== 'JOB_STATE_SAMPLING') m = (await b.next(5000)).job;
      assertConsecutive(b.messages, last + 1);
      await ctx.sim.advance(job.job_id); // completed
      assert.equal((await b.next(5000)).job.state, 'JOB_STATE_COMPLETED');
      assertConsecutive(b.messages, last + 1);
      await assertEndsRightAfterTerminal(b);
    });

    it('resume with the current revision while nothing changed: nothing is re-sent, the next change is +1', async () => {
      const job = await ctx.sim.createManualJob();
      const a = ctx.watch({ job_id: job.job_id });
      const last = (await a.next()).job.revision;
      a.cancel();
      const b = ctx.watch({ job_id: job.job_id, after_revision: last });
      await sleep(1500); // three poll intervals
      assert.equal(b.messages.length, 0, `re-sent: ${describeRevisions(b.messages)}`);
      assert.equal(b.status, null, 'the stream must stay open');
      await ctx.sim.advance(job.job_id);
      const next = (await b.next(5000)).job;
      assert.equal(next.revision, last + 1);
      assert.equal(next.state, 'JOB_STATE_PROCESSING');
    });

    it('resume with the terminal revision: ends at once with OK and no message', async () => {
      const job = await ctx.sim.createManualJob();
      const a = ctx.watch({ job_id: job.job_id });
      await a.next();
      await ctx.sim.setStatus(job.job_id, 'completed');
      const terminal = (await a.next(5000)).job;
      assert.equal(terminal.state, 'JOB_STATE_COMPLETED');
      assertOk(await a.finished());
      const started = Date.now();
      const b = ctx.watch({ job_id: job.job_id, after_revision: terminal.revision });
      const end = await b.finished(5000);
      assertOk(end);
      assert.equal(b.messages.length, 0, `sent: ${describeRevisions(b.messages)}`);
      assert.ok(end.at - started < 1000, `took ${end.at - started} ms`);
    });

    it('watching a finished job from revision 0: exactly the terminal message, then OK', async () => {
      const job = await ctx.sim.createManualJob();
      await ctx.sim.setStatus(job.job_id, 'cancelled');
      const w = ctx.watch({ job_id: job.job_id, after_revision: 0 });
      const end = await w.finished(5000);
      assertOk(end);
      assert.equal(w.messages.length, 1, describeRevisions(w.messages));
      assertJob(w.messages[0].job, { id: job.job_id, state: 'JOB_STATE_CANCELLED' });
    });

    it('several watchers of one job get identical streams, and the upstream is polled once per change, not once per watcher', async () => {
      const job = await ctx.sim.createManualJob();
      const clients = [ctx.client, ctx.newClient(), ctx.newClient()];
      const watches = clients.map((c) => ctx.watchOn(c, { job_id: job.job_id }));
      for (const w of watches) await w.next();
      const before = await ctx.sim.counters(job.job_id);
      for (let i = 0; i < 3; i++) {
        await ctx.sim.advance(job.job_id);
        for (const w of watches) await w.next(5000);
      }
      for (const w of watches) await assertEndsRightAfterTerminal(w);
      const after = await ctx.sim.counters(job.job_id);
      const streams = watches.map((w) => JSON.stringify(w.messages));
      assert.equal(new Set(streams).size, 1, watches.map((w) => describeRevisions(w.messages)).join(' | '));
      assertConsecutive(watches[0].messages);
      const polls = after.get - before.get;
      assert.ok(polls <= 3 + 2, `${polls} upstream polls for 3 changes watched by 3 clients (expected one per change, a few at most)`);
    });
  });
}
