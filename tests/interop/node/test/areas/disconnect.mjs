// Clients that go away mid-stream: call.cancel() (RST_STREAM) and a killed client process
// (the TCP connection just drops). The gateway must notice, stop polling for them, stay healthy,
// and keep serving everybody else.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe } from 'node:test';
import { it } from '../../lib/test.mjs';
import { grpc } from '../../lib/client.mjs';
import { assertConsecutive, assertOk, assertPollingStops } from '../../lib/assertions.mjs';

const watchClientScript = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'lib', 'watch-client.mjs');

async function assertHealthy(ctx) {
  for (const route of ['/healthz', '/readyz']) {
    const res = await fetch(`${ctx.stack.httpUrl}${route}`, { signal: AbortSignal.timeout(3000) });
    await res.arrayBuffer();
    assert.equal(res.status, 200, `${route} answered ${res.status}`);
  }
}

export default function disconnectTests(ctx) {
  describe('clients that disconnect mid-stream', () => {
    it('call.cancel(): the client sees CANCELLED; another watcher of the job is unaffected; a new watch works', async () => {
      const job = await ctx.sim.createManualJob();
      const quitter = ctx.newClient();
      const q = ctx.watchOn(quitter, { job_id: job.job_id });
      const stayer = ctx.watch({ job_id: job.job_id });
      const first = (await q.next()).job;
      await stayer.next();
      await ctx.sim.advance(job.job_id);
      await q.next(5000);
      await stayer.next(5000);
      q.cancel();
      const end = await q.finished(3000);
      assert.equal(end.code, grpc.status.CANCELLED, `expected CANCELLED, got ${end.code}: ${end.details}`);
      assert.equal(q.messages.length, 2);

      await ctx.sim.advance(job.job_id); // sampling
      assert.equal((await stayer.next(5000)).job.state, 'JOB_STATE_SAMPLING');

      const again = ctx.watchOn(quitter, { job_id: job.job_id, after_revision: first.revision + 1 });
      assert.equal((await again.next(5000)).job.state, 'JOB_STATE_SAMPLING', 'a new watch on the same channel resumes');
      await ctx.sim.advance(job.job_id); // completed
      for (const w of [stayer, again]) {
        assert.equal((await w.next(5000)).job.state, 'JOB_STATE_COMPLETED');
        assertOk(await w.finished(3000));
      }
      assertConsecutive(stayer.messages, first.revision);
      assert.deepEqual(again.messages, stayer.messages.slice(2));
      await assertHealthy(ctx);
    });

    it('after the last watcher cancels, the gateway stops polling the job; a later watch starts it again', async () => {
      const job = await ctx.sim.createManualJob();
      const watches = [ctx.watch({ job_id: job.job_id }), ctx.watch({ job_id: job.job_id })];
      for (const w of watches) await w.next();
      await ctx.sim.advance(job.job_id); // a change resets the poll interval to 0.5 s
      for (const w of watches) await w.next(5000);
      for (const w of watches) w.cancel();
      for (const w of watches) assert.equal((await w.finished()).code, grpc.status.CANCELLED);
      await assertPollingStops(ctx.sim, job.job_id);

      const later = ctx.watch({ job_id: job.job_id });
      assert.equal((await later.next()).job.state, 'JOB_STATE_PROCESSING');
      await ctx.sim.advance(job.job_id);
      assert.equal((await later.next(5000)).job.state, 'JOB_STATE_SAMPLING');
    });

    it('a client process killed mid-stream: the gateway stops polling, stays healthy, and serves a new watch', async () => {
      const job = await ctx.sim.createManualJob();
      const child = spawn(process.execPath, [watchClientScript, ctx.stack.grpcAddress, job.job_id, 'demo-token'],
        { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d) => { stderr += d; });
      const exited = new Promise((resolve) => child.once('exit', resolve));
      try {
        const line = await new Promise((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`the client process printed nothing: ${stderr}`)), 20000);
          child.stdout.once('data', (d) => { clearTimeout(timer); resolve(d.toString()); });
          child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`the client process exited (${code}): ${stderr}`)); });
        });
        const first = JSON.parse(line);
        assert.equal(first.state, 'JOB_STATE_QUEUED', line);
        await ctx.sim.advance(job.job_id); // processing: polled at 0.5 s again
        await new Promise((resolve) => setTimeout(resolve, 1200));
      } finally {
        child.kill('SIGKILL');
        await exited;
      }
      await assertPollingStops(ctx.sim, job.job_id);
      await assertHealthy(ctx);
      const w = ctx.watch({ job_id: job.job_id });
      assert.equal((await w.next()).job.state, 'JOB_STATE_PROCESSING');
      await ctx.sim.advance(job.job_id);
      assert.equal((await w.next(5000)).job.state, 'JOB_STATE_SAMPLING');
    });

    it('many watches cancelled at once leave the gateway healthy and serving', async () => {
      const jobs = await Promise.all(Array.from({ length: 10 }, () => ctx.sim.createManualJob()));
      const clients = [ctx.client, ctx.newClient()];
      const watches = [];
      for (const [i, job] of jobs.entries()) {
        for (let k = 0; k < 4; k++) watches.push(ctx.watchOn(clients[(i + k) % 2], { job_id: job.job_id }));
      }
      await Promise.all(watches.map((w) => w.next(10000)));
      for (const w of watches) w.cancel();
      const ends = await Promise.all(watches.map((w) => w.finished(5000)));
      assert.ok(ends.every((e) => e.code === grpc.status.CANCELLED));
      await assertHealthy(ctx);
      for (const job of jobs.slice(0, 3)) {
        const w = ctx.watch({ job_id: job.job_id });
        assert.equal((await w.next()).job.state, 'JOB_STATE_QUEUED');
        await ctx.cancelJob(job.job_id);
        assert.equal((await w.next(5000)).job.state, 'JOB_STATE_CANCELLED');
        assertOk(await w.finished(3000));
      }
    });
  });
}
