// The browser tests' reporting, shared by test.mjs and large.mjs: one `ok -`/`not ok -` line per
// check (TAP-like), a summary, and the exit status.

let passed = 0;
let failed = 0;

export function check(what, ok, detail = '') {
  if (ok) {
    passed++;
    console.log(`ok - ${what}`);
  } else {
    failed++;
    console.log(`not ok - ${what}${detail ? `\n  ${String(detail).replace(/\n/g, '\n  ')}` : ''}`);
  }
}

/// Prints the counts and exits: 1 when any check failed.
export function finish() {
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}
