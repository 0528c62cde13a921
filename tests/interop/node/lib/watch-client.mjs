// A separate client process for the "client dies mid-stream" test: opens WatchJob, prints the
// first message as one JSON line, then idles until it is killed (the connection drops without
// a RST_STREAM or GOAWAY). Usage: node watch-client.mjs <host:port> <job-id> <token>
import { newClient, watch } from './client.mjs';

const [address, jobId, token = 'demo-token'] = process.argv.slice(2);
const client = newClient(address);
const w = watch(client, { job_id: jobId, after_revision: 0 }, { token });
try {
  const m = await w.next(20000);
  process.stdout.write(`${JSON.stringify({ revision: m.job.revision, state: m.job.state })}\n`);
} catch (err) {
  process.stdout.write(`${JSON.stringify({ error: err.message })}\n`);
  process.exit(1);
}
// Stay connected; never exit on our own for long (the parent kills us; this is a safety net).
setTimeout(() => process.exit(2), 60000);
