// Runs vitest and closes with one plain "N passed, N failed, N skipped" line that any CI reader understands.
// Tests named *.solo.test.ts (a soak of hostile clients, memory measured under load) load the
// machine for minutes and measure it: without arguments they run after the others, one at a
// time, so that they neither steal the CPU of timing-sensitive tests nor share theirs.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SOLO = '**/*.solo.test.ts';
const dir = mkdtempSync(join(tmpdir(), 'pcapdump-tests-'));
const args = process.argv.slice(2);
// vitest's own file filter is a substring of the path, its --exclude a glob.
const passes = args.length > 0 ? [args] : [['--exclude', SOLO], ['--maxWorkers=1', '.solo.test.ts']];
const totals = { passed: 0, failed: 0, skipped: 0 };
let status = 0;
let reported = true;
passes.forEach((pass, i) => {
  const report = join(dir, `vitest-${i}.json`);
  const r = spawnSync('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...pass], { stdio: 'inherit' });
  if (r.status !== 0) status = r.status ?? 1;
  try {
    const j = JSON.parse(readFileSync(report, 'utf8'));
    totals.passed += j.numPassedTests;
    totals.failed += j.numFailedTests;
    totals.skipped += (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0);
  } catch {
    // vitest died before writing its report; its exit status says so.
    reported = false;
  }
});
rmSync(dir, { recursive: true, force: true });
console.log(reported ? `tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped` : 'tests: no report written');
process.exit(status);
