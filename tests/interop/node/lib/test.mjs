// node:test's `it` with a per-test timeout, so one stuck test fails on its own instead of
// running into the whole file's limit (package.json: --test-timeout, which under `node --test`
// also bounds the test file as a whole).
import { it as nodeIt } from 'node:test';

export const TEST_TIMEOUT_MS = Number(process.env.JOBGW_INTEROP_TEST_TIMEOUT_MS || 60000);

export function it(name, options, fn) {
  if (typeof options === 'function') {
    fn = options;
    options = {};
  }
  return nodeIt(name, { timeout: TEST_TIMEOUT_MS, ...options }, fn);
}
