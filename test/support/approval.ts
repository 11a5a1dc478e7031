/**
 * Approval tests for rendered Markdown: the approved text sits beside the test as
 * `<test file>.<case>.approved.md`. A missing file is written only when `APPROVE=1` is set (then
 * review and commit it); otherwise the test fails, and a mismatch fails with the first differing line.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The approved file's path for a test file and a case name (spaces and odd characters become `-`). */
export function approvedPath(testFile: string, caseName: string): string {
  const slug = caseName
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return path.join(path.dirname(testFile), `${path.basename(testFile)}.${slug}.approved.md`);
}

function firstDifference(expected: string, actual: string): string {
  const e = expected.split('\n');
  const a = actual.split('\n');
  for (let i = 0; i < Math.max(e.length, a.length); i++) {
    if (e[i] !== a[i]) {
      return [
        `first difference at line ${i + 1}:`,
        `- approved: ${e[i] === undefined ? '(end of file)' : JSON.stringify(e[i])}`,
        `+ received: ${a[i] === undefined ? '(end of file)' : JSON.stringify(a[i])}`,
      ].join('\n');
    }
  }
  return 'no line differs (line endings?)';
}

/** Throws unless `actual` equals the approved file (written first when missing and `APPROVE=1`). */
export function verifyApproved(testFile: string, caseName: string, actual: string): void {
  const file = approvedPath(testFile, caseName);
  if (!fs.existsSync(file)) {
    if (process.env['APPROVE'] === '1') {
      fs.writeFileSync(file, actual, 'utf8');
      return;
    }
    throw new Error(
      `No approved file ${path.relative(process.cwd(), file)}. Run with APPROVE=1 to write it, then review it.\n` +
        `Received:\n${actual}`,
    );
  }
  const approved = fs.readFileSync(file, 'utf8');
  if (approved !== actual) {
    throw new Error(
      `Rendered text differs from ${path.relative(process.cwd(), file)}; ${firstDifference(approved, actual)}\n` +
        'To accept the new text, delete the approved file and run again with APPROVE=1.',
    );
  }
}
