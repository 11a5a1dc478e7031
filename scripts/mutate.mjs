#!/usr/bin/env node
// Mutation testing of the core with StrykerJS (its Jest runner, jest.mutate.config.js): one Stryker
// run per folder of src/core, each incremental against its own stored report in bench/mutation/, so
// a rerun tests only the mutants whose code or covering tests changed. Writes the scores into
// bench/results.json (key "mutation") and every surviving mutant into bench/mutation/survivors.md,
// with the reason from bench/mutation/equivalent.json when it is listed there as equivalent.
// Not part of `npm test` (a first full run takes hours on two cores).
//
//   npm run mutate                              every folder of src/core
//   npm run mutate -- src/core/checker          one folder (or several)
//   npm run mutate -- --report                  no run: scores and survivors from the stored reports
//   npm run mutate -- --concurrency 2 --force   passed on to Stryker (--force: test every mutant again)
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
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
 * each mutant runs every listed test that covers it.
 */
const TESTS = {
  'src/core/checker': ['test/core/checker/**/*.test.ts'],
  'src/core/checker/items': ['test/core/checker/**/*.test.ts'],
  'src/core/escalation/rules': ['test/core/escalation/**/*.test.ts'],
  'src/core/escalation': ['test/core/escalation/**/*.test.ts'],
  'src/core/generation': ['test/core/generation/**/*.test.ts'],
  'src/core/planner/claude': ['test/core/planner/claude/**/*.test.ts'],
};
const testsFor = (folder) => TESTS[folder] ?? TESTS[folder.split(':')[0]] ?? [folder === core ? 'test/core/*.test.ts' : `test/core/${folder.slice(core.length + 1)}/**/*.test.ts`];

/** The folders the goal is about, and the goal. */
const GOAL = { folders: ['src/core/checker', 'src/core/escalation', 'src/core/planner/claude', 'src/core/generation'], minScore: 80 };

/**
 * Parts of a folder that can be run and scored on their own as well (a quicker run over the files most
 * tests pin); unlike SEPARATE ones they stay in their folder's run too.
 */
const PARTS = ['src/core/checker/items', 'src/core/escalation/rules'];

/**
 * Named sets of files, run and scored on their own (`npm run mutate -- 'src/core/checker/items:issue-13'`):
 * a run over the whole of a folder takes hours on two shared cores, a set a quarter of an hour.
 */
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

/** Stryker's `mutate` globs for a folder: its files (all depths), minus the folders scored on their own. */
function globsFor(folder) {
  if (SUBSETS[folder]) return SUBSETS[folder];
  if (folder === core) return [`${core}/*.ts`];
  const inner = SEPARATE.filter((s) => s !== folder && s.startsWith(`${folder}/`));
  return [`${folder}/**/*.ts`, ...inner.map((s) => `!${s}/**/*.ts`)];
}

const slug = (folder) => (folder === core ? 'core' : folder.slice(core.length + 1).replace(/[/:]/g, '-'));
const reportOf = (folder) => `${store}/${slug(folder)}.json`;

function parseArgs(argv) {
  const folders = [];
  const passOn = [];
  let reportOnly = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--report') reportOnly = true;
    else if (a === '--concurrency' || a === '-c') passOn.push('--concurrency', argv[++i]);
    else if (a.startsWith('--')) passOn.push(a);
    else folders.push(a.replace(/\/+$/, ''));
  }
  const known = allFolders();
  for (const f of folders) {
    if (!known.includes(f)) {
      console.error(`${f} is not a folder the mutation run scores. Use one of: ${known.join(', ')}.`);
      process.exit(2);
    }
  }
  return { folders: folders.length ? folders : known, passOn, reportOnly };
}

function runStryker(folder, passOn) {
  const args = ['stryker', 'run', 'stryker.config.json', '--mutate', globsFor(folder).join(','), '--incrementalFile', reportOf(folder), ...passOn];
  console.error(`\n== ${folder}: npx ${args.join(' ')}`);
  const env = { ...process.env, MUTATE_TESTS: testsFor(folder).join(',') };
  console.error(`   tests: ${env.MUTATE_TESTS}`);
  const r = spawnSync('npx', args, { cwd: root, stdio: 'inherit', env });
  if (r.status !== 0) {
    console.error(`Stryker failed on ${folder} (exit ${r.status}).`);
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

function loadEquivalents() {
  const file = path.join(root, store, 'equivalent.json');
  if (!existsSync(file)) return new Map();
  const list = JSON.parse(readFileSync(file, 'utf8'));
  return new Map(list.map((e) => [`${e.file}|${e.mutator}|${e.original}|${e.replacement}`, e.reason]));
}

const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);

function score(folder, equivalents) {
  const file = path.join(root, reportOf(folder));
  if (!existsSync(file)) return null;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const counts = { mutants: 0, killed: 0, timeout: 0, survived: 0, noCoverage: 0, equivalent: 0, other: 0 };
  const survivors = [];
  for (const [name, f] of Object.entries(report.files)) {
    for (const m of f.mutants) {
      counts.mutants++;
      if (m.status === 'Killed') counts.killed++;
      else if (m.status === 'Timeout') counts.timeout++;
      else if (UNDETECTED.has(m.status)) {
        const original = snippet(f.source, m.location);
        const reason = equivalents.get(mutantKey(name, m, f.source)) ?? null;
        if (reason) counts.equivalent++;
        if (m.status === 'Survived') counts.survived++;
        else counts.noCoverage++;
        survivors.push({ file: name, line: m.location.start.line, mutator: m.mutatorName, original, replacement: m.replacement ?? '', status: m.status, reason });
      } else counts.other++;
    }
  }
  const valid = counts.killed + counts.timeout + counts.survived + counts.noCoverage;
  const detected = counts.killed + counts.timeout;
  return {
    folder,
    ...counts,
    /** Stryker's mutation score: detected ÷ valid mutants (compile errors and ignored ones left out). */
    score: valid === 0 ? null : Math.round((1000 * detected) / valid) / 10,
    /** The same with the mutants listed as equivalent left out. */
    scoreWithoutEquivalent: valid - counts.equivalent === 0 ? null : Math.round((1000 * detected) / (valid - counts.equivalent)) / 10,
    testedOn: report.schemaVersion ? statSync(file).mtime.toISOString().slice(0, 10) : null,
    survivors,
  };
}

function writeSurvivors(scores) {
  const out = ['# Surviving mutants', '', 'Written by `npm run mutate` from the stored reports in bench/mutation/. A survivor with a reason is listed in', '`bench/mutation/equivalent.json` as equivalent (no test can tell it from the original); one without is a gap to close.', ''];
  for (const s of scores) {
    out.push(`## ${s.folder} — ${s.score ?? '–'}% (${s.killed + s.timeout} of ${s.killed + s.timeout + s.survived + s.noCoverage} detected; ${s.equivalent} listed as equivalent)`, '');
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
    tool: 'StrykerJS (jest runner, perTest coverage, jest.mutate.config.js)',
    goal: `≥ ${GOAL.minScore}% of mutants killed in ${GOAL.folders.join(', ')}`,
    survivors: `${store}/survivors.md`,
    folders: scores.map(({ survivors, ...s }) => ({ ...s, goal: GOAL.folders.includes(s.folder) ? GOAL.minScore : null, pass: GOAL.folders.includes(s.folder) ? (s.score ?? 0) >= GOAL.minScore : null })),
  };
  writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
}

const { folders, passOn, reportOnly } = parseArgs(process.argv.slice(2));
if (!reportOnly) for (const f of folders) runStryker(f, passOn);
const equivalents = loadEquivalents();
const scores = allFolders()
  .map((f) => score(f, equivalents))
  .filter((s) => s !== null);
writeSurvivors(scores);
writeResults(scores);
console.log('\nfolder                        score  killed+timeout/valid  survived  no coverage  equivalent');
for (const s of scores) {
  const goal = GOAL.folders.includes(s.folder) ? ((s.score ?? 0) >= GOAL.minScore ? ' ✓' : ' ✗') : '';
  console.log(`${s.folder.padEnd(30)}${String(s.score ?? '–').padStart(5)}%${goal.padEnd(3)} ${String(s.killed + s.timeout).padStart(6)}/${String(s.killed + s.timeout + s.survived + s.noCoverage).padEnd(14)}${String(s.survived).padStart(6)}  ${String(s.noCoverage).padStart(11)}  ${String(s.equivalent).padStart(10)}`);
}
console.log(`\nSurvivors: ${store}/survivors.md; scores: bench/results.json (mutation).`);
