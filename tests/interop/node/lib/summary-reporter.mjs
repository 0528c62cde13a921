// A node:test reporter that prints one closing line for CI: "N passed, N failed, N skipped".
//
// It counts tests (it/test), not suites (describe). Unlike node's own summary, where a test
// that never ran because a hook failed shows up as "cancelled" (not "fail"), every test that
// did not pass counts as failed here, so a broken run can never read as "0 failed":
// - a failing or timed-out test, and a test cancelled because its suite's before hook failed;
// - if no test failed but a suite or file failed on its own (an after hook, a crash outside
//   any test, a file that could not be loaded), that counts as one failed test.
export default async function* summaryReporter(source) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  let otherFailures = 0;
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const data = event.data;
    const isSuite = data.details?.type === 'suite';
    if (event.type === 'test:pass') {
      if (isSuite) continue;
      if (data.skip || data.todo) skipped++;
      else passed++;
    } else if (isSuite) {
      const kind = data.details?.error?.failureType;
      if (kind !== 'subtestsFailed' && kind !== 'cancelledByParent') otherFailures++;
    } else if (data.todo) {
      skipped++;
    } else {
      failed++;
    }
  }
  if (failed === 0 && otherFailures > 0) failed = 1;
  yield `\n${passed} passed, ${failed} failed, ${skipped} skipped\n`;
}
