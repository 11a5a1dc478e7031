#!/usr/bin/env node
// Mutation testing of the core with StrykerJS (its Jest runner, jest.mutate.config.js): one Stryker
// run per source file, each incremental against its own stored report under bench/mutation/files/
// (mirroring src/core), so a rerun tests only the mutants whose code or covering tests changed, and an
// interrupted run keeps every file it finished. Scores are summed per folder into bench/results.json
// (key "mutation"); every surviving mutant goes to bench/mutation/survivors.md, with the reason from
// bench/mutation/equivalent/<folder>.json when it is listed there as equivalent.
// Not part of `npm test` (a first run of the whole core takes hours on two cores).
//
//   npm run mutate                              every file of src/core
//   npm run mutate -- src/core/checker          one folder (or several), or single files
//   npm run mutate -- src/core/checker --missing   only the files that have no stored report yet
//   npm run mutate -- --report                  no run: scores and survivors from the stored reports
//   npm run mutate -- --concurrency 2 --force   passed on to Stryker (--force: test every mutant again)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const core = 'src/core';
const store = 'bench/mutation';
/** Folders scored on their own although they sit inside another one. */
const SEPARATE = ['src/core/planner/claude'];
/**
 * The tests that judge each folder's mutants: the unit tests that mirror it (test/core/<folder>) by
 * default; here the folders whose behaviour is also (or only) pinned elsewhere. Kept small on purpose:
 * each mutant runs every listed test that covers it. The most specific folder holding a file wins.
 */
const TESTS = {
  'src/core/checker': ['test/core/checker/**/*.test.ts'],
  'src/core/escalation': ['test/core/escalation/**/*.test.ts'],
  'src/core/generation': ['test/core/generation/**/*.test.ts'],
  'src/core/planner/claude': ['test/core/planner/claude/**/*.test.ts'],
  // Each file of the Claude planner by its own unit tests: the runners' tests plan whole workstreams over
  // HTTP (seconds each), so a surviving mutant of a small module would otherwise run all of them too.
  ...Object.fromEntries(
    ['batch-state', 'note-sink', 'plan-all-select', 'plan-with-claude', 'planner-state', 'preflight', 'resume-point'].map((f) => [`src/core/planner/claude/${f}.ts`, [`test/core/planner/claude/${f}.test.ts`]]),
  ),
  // planAll's tests are in three files: the run as a whole, its batch phases (outline, sections, writing, cancelling), and the run-level edges (plan-all-run).
  'src/core/planner/claude/plan-all.ts': ['test/core/planner/claude/plan-all.test.ts', 'test/core/planner/claude/plan-all-phases.test.ts', 'test/core/planner/claude/plan-all-run.test.ts'],
};

/** The folders the goal is about, and the goal. */
const GOAL = { folders: ['src/core/checker', 'src/core/escalation', 'src/core/planner/claude', 'src/core/generation'], minScore: 80 };

/** Parts of a folder scored on their own as well (they stay in their folder's score too). */
const PARTS = ['src/core/checker/items', 'src/core/escalation/rules'];

/** Named sets of files, scored on their own from the same per-file reports. */
const SUBSETS = {
  'src/core/checker/items:issue-13': ['dependencies', 'error-handling', 'traceability', 'unknown-ids', 'wbs-coverage'].map((f) => `src/core/checker/items/${f}.ts`),
  'src/core/escalation/rules:issue-13': ['no-tasks', 'undefined-dependency', 'conflicting-name', 'dependency-cycle'].map((f) => `src/core/escalation/rules/${f}.ts`),
};

/** Each scored folder: the direct subfolders of src/core (and SEPARATE ones, PARTS and SUBSETS), plus src/core's own files. */
function allFolders() {
  const dirs = readdirSync(path.join(root, core))
    .filter((d) => statSync(path.join(root, core, d)).isDirectory())
    .map((d) => `${core}/${d}`);
  return [core, ...dirs, ...SEPARATE, ...PARTS, ...Object.keys(SUBSETS)].sort();
}

/** Every .ts file under a folder (posix paths from the repository root). */
function filesUnder(folder, deep) {
  const out = [];
  for (const e of readdirSync(path.join(root, folder), { withFileTypes: true })) {
    const rel = `${folder}/${e.name}`;
    if (e.isDirectory()) {
      if (deep) out.push(...filesUnder(rel, true));
    } else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) out.push(rel);
  }
  return out.sort();
}

/** The files a folder's score is made of: all of its files, minus the folders scored on their own. */
function filesOf(folder) {
  if (SUBSETS[folder]) return SUBSETS[folder];
  if (folder === core) return filesUnder(core, false);
  const inner = SEPARATE.filter((s) => s !== folder && s.startsWith(`${folder}/`));
  return filesUnder(folder, true).filter((f) => !inner.some((s) => f.startsWith(`${s}/`)));
}

/** The tests that judge one file: those of the file or the most specific folder in TESTS, else its mirror folder. */
function testsFor(file) {
  const owner = Object.keys(TESTS)
    .filter((f) => file === f || file.startsWith(`${f}/`))
    .sort((a, b) => b.length - a.length)[0];
  if (owner) return TESTS[owner];
  const dir = path.posix.dirname(file);
  return [dir === core ? 'test/core/*.test.ts' : `test/core/${dir.slice(core.length + 1)}/**/*.test.ts`];
}

const reportOf = (file) => `${store}/files/${file.slice(core.length + 1).replace(/\.ts$/, '')}.json`;

function parseArgs(argv) {
  const targets = [];
  const passOn = [];
  let reportOnly = false;
  let missingOnly = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--report') reportOnly = true;
    else if (a === '--missing') missingOnly = true;
    else if (a === '--concurrency' || a === '-c') passOn.push('--concurrency', argv[++i]);
    else if (a.startsWith('--')) passOn.push(a);
    else targets.push(a.replace(/\/+$/, ''));
  }
  const known = allFolders();
  const files = [];
  for (const t of targets.length ? targets : [core]) {
    if (t === core && targets.length === 0) files.push(...filesUnder(core, true));
    else if (known.includes(t)) files.push(...filesOf(t));
    else if (t.startsWith(`${core}/`) && t.endsWith('.ts') && existsSync(path.join(root, t))) files.push(t);
    else {
      console.error(`${t} is not a folder the mutation run scores, nor a file of ${core}. Use a file or one of: ${known.join(', ')}.`);
      process.exit(2);
    }
  }
  return { files: [...new Set(files)], passOn, reportOnly, missingOnly };
}

function runStryker(file, passOn) {
  const report = reportOf(file);
  mkdirSync(path.join(root, path.dirname(report)), { recursive: true });
  const args = ['stryker', 'run', 'stryker.config.json', '--mutate', file, '--incrementalFile', report, ...passOn];
  // Where the initial run notes which test file holds which test (test/support/mutate/): fresh per run.
  const names = path.join(root, '.stryker-tmp', `names-${process.pid}.jsonl`);
  mkdirSync(path.dirname(names), { recursive: true });
  rmSync(names, { force: true });
  const env = { ...process.env, MUTATE_TESTS: testsFor(file).join(','), MUTATE_NAME_MAP: names };
  console.error(`\n== ${file} (tests: ${env.MUTATE_TESTS})`);
  const started = Date.now();
  const r = spawnSync('npx', args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], env, encoding: 'utf8' });
  rmSync(names, { force: true });
  const summary = (r.stdout ?? '').split('\n').filter((l) => /^\s*(All files|\S+\.ts)\s*\|/.test(l));
  console.error(summary.join('\n') + `\n   ${Math.round((Date.now() - started) / 1000)} s`);
  // A file without mutants (types only, re-exports) has no related test, and Stryker stops before it
  // writes a report ("No tests were executed"): store an empty one, so the file counts as measured.
  if (/Instrumented 1 source file\(s\) with 0 mutant\(s\)/.test(r.stdout ?? '') && (r.status !== 0 || !existsSync(path.join(root, report)))) {
    const source = readFileSync(path.join(root, file), 'utf8');
    const empty = { schemaVersion: '1.0', thresholds: { high: 80, low: 60, break: null }, files: { [file]: { language: 'typescript', source, mutants: [] } }, testFiles: {} };
    writeFileSync(path.join(root, report), JSON.stringify(empty, null, 2) + '\n');
    console.error('   no mutants: stored an empty report');
    return;
  }
  if (r.status !== 0) {
    process.stderr.write(r.stdout ?? '');
    console.error(`Stryker failed on ${file} (exit ${r.status}).`);
    process.exit(r.status ?? 1);
  }
}

/** A mutant as the lists name it: no line numbers, so an entry survives edits elsewhere in the file. */
const mutantKey = (file, m, source) => `${file}|${m.mutatorName}|${snippet(source, m.location)}|${m.replacement ?? ''}`;

function snippet(source, loc) {
  const lines = source.split('\n');
  const { start, end } = loc;
  if (start.line === end.line) return lines[start.line - 1].slice(start.column - 1, end.column - 1);
  return [lines[start.line - 1].slice(start.column - 1), ...lines.slice(start.line, end.line - 1), lines[end.line - 1].slice(0, end.column - 1)].join('\n');
}

/**
 * The mutants no test can tell from the original, each with a one-line reason: one file per folder in
 * bench/mutation/equivalent/ (entries: file, mutator, original, replacement, reason; as survivors.md
 * shows them, without the backquotes). An entry with `line` (the whole source line the mutant starts on,
 * trimmed) matches only there: a short original such as `[]` occurs in many places of a file, and only
 * one of them may be equivalent.
 */
function loadEquivalents() {
  const dir = path.join(root, store, 'equivalent');
  if (!existsSync(dir)) return new Map();
  const map = new Map();
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
    for (const e of JSON.parse(readFileSync(path.join(dir, name), 'utf8'))) {
      if (!e.reason || !e.reason.trim()) {
        console.error(`${store}/equivalent/${name}: the entry for ${e.file} (${e.mutator}: ${e.original}) has no reason.`);
        process.exit(2);
      }
      const key = `${e.file}|${e.mutator}|${e.original}|${e.replacement}`;
      map.set(key, [...(map.get(key) ?? []), { line: e.line ?? null, reason: e.reason }]);
    }
  }
  return map;
}

const UNDETECTED = new Set(['Survived', 'NoCoverage']);

function score(folder, equivalents) {
  const files = filesOf(folder);
  const counts = { mutants: 0, killed: 0, timeout: 0, survived: 0, noCoverage: 0, equivalent: 0, other: 0 };
  const survivors = [];
  const measured = [];
  let testedOn = null;
  for (const file of files) {
    const stored = path.join(root, reportOf(file));
    if (!existsSync(stored)) continue;
    const report = JSON.parse(readFileSync(stored, 'utf8'));
    const f = report.files[file];
    // A report of an older version of the file still counts its mutants; a rerun brings it up to date.
    if (!f) continue;
    measured.push(file);
    const day = statSync(stored).mtime.toISOString().slice(0, 10);
    if (testedOn === null || day < testedOn) testedOn = day;
    for (const m of f.mutants) {
      counts.mutants++;
      if (m.status === 'Killed') counts.killed++;
      else if (m.status === 'Timeout') counts.timeout++;
      else if (UNDETECTED.has(m.status)) {
        const original = snippet(f.source, m.location);
        const sourceLine = f.source.split('\n')[m.location.start.line - 1].trim();
        const reason = (equivalents.get(mutantKey(file, m, f.source)) ?? []).find((e) => e.line === null || e.line === sourceLine)?.reason ?? null;
        if (reason) counts.equivalent++;
        if (m.status === 'Survived') counts.survived++;
        else counts.noCoverage++;
        survivors.push({ file, line: m.location.start.line, mutator: m.mutatorName, original, replacement: m.replacement ?? '', status: m.status, reason });
      } else counts.other++;
    }
  }
  if (measured.length === 0) return null;
  const valid = counts.killed + counts.timeout + counts.survived + counts.noCoverage;
  const detected = counts.killed + counts.timeout;
  return {
    folder,
    files: files.length,
    filesMeasured: measured.length,
    unmeasured: files.filter((f) => !measured.includes(f)),
    ...counts,
    /** Stryker's mutation score: detected ÷ valid mutants (compile errors and ignored ones left out). */
    score: valid === 0 ? null : Math.round((1000 * detected) / valid) / 10,
    /** The same with the mutants listed as equivalent left out. */
    scoreWithoutEquivalent: valid - counts.equivalent === 0 ? null : Math.round((1000 * detected) / (valid - counts.equivalent)) / 10,
    testedOn,
    survivors,
  };
}

const complete = (s) => s.filesMeasured === s.files;

function writeSurvivors(scores) {
  const out = ['# Surviving mutants', '', 'Written by `npm run mutate` from the stored reports in bench/mutation/files/. A survivor with a reason is listed in', '`bench/mutation/equivalent/` as equivalent (no test can tell it from the original); one without is a gap to close.', ''];
  for (const s of scores) {
    if (PARTS.includes(s.folder) || SUBSETS[s.folder]) continue; // their survivors are listed under their folder
    const part = complete(s) ? '' : `; only ${s.filesMeasured} of ${s.files} files measured`;
    out.push(`## ${s.folder} — ${s.score ?? '–'}% (${s.killed + s.timeout} of ${s.killed + s.timeout + s.survived + s.noCoverage} detected; ${s.equivalent} listed as equivalent${part})`, '');
    if (s.survivors.length === 0) out.push('None.', '');
    for (const v of s.survivors) {
      const code = (t) => '`' + t.replace(/\n/g, '⏎').replace(/`/g, 'ˋ').slice(0, 120) + '`';
      out.push(`- ${v.file}:${v.line} ${v.mutator}${v.status === 'NoCoverage' ? ' (no test reaches it)' : ''}: ${code(v.original)} → ${code(v.replacement)}${v.reason ? ` — equivalent: ${v.reason}` : ' — **not explained**'}`);
    }
    out.push('');
  }
  writeFileSync(path.join(root, store, 'survivors.md'), out.join('\n'));
}

function writeResults(scores) {
  const file = path.join(root, 'bench/results.json');
  const results = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  results.mutation = {
    command: 'npm run mutate',
    tool: 'StrykerJS (jest runner, perTest coverage, one run per file, jest.mutate.config.js)',
    goal: `≥ ${GOAL.minScore}% of mutants killed in ${GOAL.folders.join(', ')}`,
    survivors: `${store}/survivors.md`,
    folders: scores.map(({ survivors, ...s }) => ({
      ...s,
      goal: GOAL.folders.includes(s.folder) ? GOAL.minScore : null,
      pass: GOAL.folders.includes(s.folder) ? complete(s) && (s.score ?? 0) >= GOAL.minScore : null,
    })),
  };
  writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
}

const { files, passOn, reportOnly, missingOnly } = parseArgs(process.argv.slice(2));
if (!reportOnly) {
  for (const f of files) {
    if (missingOnly && existsSync(path.join(root, reportOf(f)))) continue;
    runStryker(f, passOn);
  }
}
const equivalents = loadEquivalents();
const scores = allFolders()
  .map((f) => score(f, equivalents))
  .filter((s) => s !== null);
writeSurvivors(scores);
writeResults(scores);
console.log('\nfolder                                score  detected/valid  survived  no coverage  equivalent  files');
for (const s of scores) {
  const goal = GOAL.folders.includes(s.folder) ? (complete(s) && (s.score ?? 0) >= GOAL.minScore ? ' ✓' : ' ✗') : '';
  console.log(`${s.folder.padEnd(36)}${String(s.score ?? '–').padStart(5)}%${goal.padEnd(3)} ${String(s.killed + s.timeout).padStart(6)}/${String(s.killed + s.timeout + s.survived + s.noCoverage).padEnd(8)}${String(s.survived).padStart(8)}  ${String(s.noCoverage).padStart(11)}  ${String(s.equivalent).padStart(10)}  ${s.filesMeasured}/${s.files}`);
}
console.log(`\nSurvivors: ${store}/survivors.md; scores: bench/results.json (mutation).`);
