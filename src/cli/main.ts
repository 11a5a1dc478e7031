import { isAbsolute, relative, resolve, sep } from 'node:path';
import { stat } from 'node:fs/promises';
import { parseCliArgs, USAGE, type CliArgs } from './args';
import { loadSettings } from './settings-file';
import { FsVault } from './fs-vault';
import { describeError } from './describe-error';
import { printCheck, printList, printPlan, printPlanningSets, printWarnings } from './output';
import { planWorkstream, listWorkstreams, checkPlanNote, parseWorkstreamArg, summarisePlanningSets } from '../core/planner';
import type { Settings } from '../core/contracts/settings';

import { EXIT } from './exit-codes';
import { planWithClaudeCli } from './plan-claude';
import { planAllCli, planAllOffline } from './plan-all';
import type { CliIo } from './io';
import { PLANNER_INSTRUCTIONS } from '../prompts';

export { EXIT };

/** The whole CLI as a function, so tests run it in-process with their own streams and clock. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const parsed = parseCliArgs(argv);
  if (parsed.ok === 'help') {
    io.out(parsed.text);
    return EXIT.ok;
  }
  if (!parsed.ok) {
    io.err(parsed.message);
    return EXIT.usage;
  }
  const args = parsed.args;
  try {
    // Refuse a malformed id before touching the vault: ids end up in file names.
    if (args.command === 'plan' && !args.all) {
      const id = parseWorkstreamArg(args.workstream ?? '');
      if (!id.ok) {
        io.err(describeError(id.error));
        return EXIT.usage;
      }
    }
    const opened = await openVault(args, io);
    if (typeof opened === 'number') return opened;
    switch (args.command) {
      case 'list':
        return await runList(args, io, opened);
      case 'check':
        return await runCheck(args, io, opened);
      case 'plan':
        return await runPlan(args, io, opened);
    }
  } catch (e) {
    // A bug, not bad input: say so plainly; the stack only on request.
    io.err(`Unexpected error: ${(e as Error).message ?? String(e)}${args.debug ? `\n${(e as Error).stack ?? ''}` : ' (run with --debug for details)'}`);
    return EXIT.api;
  }
}

/** The vault a command works on: its folder, its settings (with --model and --effort applied) and a VaultPort over it. */
interface OpenVault {
  dir: string;
  vault: FsVault;
  settings: Settings;
}

/** The vault folder and its settings, or the exit code after saying in one sentence why they cannot be used. */
async function openVault(args: CliArgs, io: CliIo): Promise<OpenVault | number> {
  const dir = resolve(args.vault);
  const st = await stat(dir).catch(() => null);
  if (!st) {
    io.err(`${args.vault} does not exist. Pass the vault's folder with --vault.`);
    return EXIT.usage;
  }
  if (!st.isDirectory()) {
    io.err(`${args.vault} is a file, not a folder. Pass the vault's folder with --vault.`);
    return EXIT.usage;
  }
  const loaded = await loadSettings(dir, args.configDir);
  if (!loaded.ok) {
    io.err(describeError({ kind: 'bad-settings', file: loaded.file, detail: loaded.detail }));
    return EXIT.usage;
  }
  const settings: Settings = { ...loaded.settings, ...(args.model ? { model: args.model } : {}), ...(args.effort ? { effort: args.effort } : {}) };
  return { dir, vault: new FsVault(dir), settings };
}

async function runList(args: CliArgs, io: CliIo, { vault, settings }: OpenVault): Promise<number> {
  const r = await listWorkstreams(vault, settings, { project: args.project, builtInInstructions: PLANNER_INSTRUCTIONS });
  // Several planning sets and none chosen: list them, so the user can pick one with --project.
  if (!r.ok && r.error.kind === 'ambiguous-planning-set') {
    printPlanningSets(io, await summarisePlanningSets(vault, settings, r.error.candidates), args.json, describeError, r.error.within);
    return EXIT.ok;
  }
  if (!r.ok) {
    io.err(describeError(r.error));
    return EXIT.usage;
  }
  // Optional notes that are missing matter when planning, not when listing.
  printWarnings(io, r.value.warnings.filter((w) => w.kind !== 'optional-missing'));
  printList(io, r.value.workstreams, args.json);
  return EXIT.ok;
}

async function runCheck(args: CliArgs, io: CliIo, { dir, vault, settings }: OpenVault): Promise<number> {
  const note = await notePathInVault(args.note!, dir, vault);
  if (note === null) {
    io.err(`${args.note} is outside the vault. Give the note's path relative to the vault.`);
    return EXIT.usage;
  }
  const r = await checkPlanNote(vault, settings, note, { project: args.project, builtInInstructions: PLANNER_INSTRUCTIONS });
  if (!r.ok) {
    io.err(describeError(r.error));
    return EXIT.usage;
  }
  printWarnings(io, r.value.warnings.filter((w) => w.kind !== 'optional-missing'));
  printCheck(io, note, r.value.report, args.json, r.value.staleness);
  return r.value.report.ready ? EXIT.ok : EXIT.notReady;
}

/** The note --note names, as a vault path (null when it lies outside the vault). */
async function notePathInVault(given: string, dir: string, vault: FsVault): Promise<string | null> {
  let note = given.replace(/\\/g, '/').replace(/^\.\//, '');
  // An absolute path inside the vault is fine: make it relative.
  const abs = resolve(given);
  if (isAbsolute(given) && (abs + sep).startsWith(dir + sep)) note = relative(dir, abs).split(sep).join('/');
  if (note.startsWith('/') || isAbsolute(note) || note.split('/').includes('..')) return null;
  // Obsidian users often leave out the extension.
  if (!/\.md$/i.test(note) && !(await vault.exists(note)) && (await vault.exists(`${note}.md`))) note = `${note}.md`;
  return note;
}

async function runPlan(args: CliArgs, io: CliIo, { dir, vault, settings }: OpenVault): Promise<number> {
  const provider = args.provider ?? (io.env['ANTHROPIC_API_KEY'] ? 'anthropic' : 'offline');
  if (provider === 'anthropic') {
    if (!args.json) io.err(`Provider: Claude, ${settings.model} (${args.provider ? 'chosen with --provider' : 'ANTHROPIC_API_KEY is set'}).`);
    return args.all ? await planAllCli(args, io, vault, dir, settings) : await planWithClaudeCli(args, io, vault, dir, settings);
  }
  if (args.all && (args.noBatch || args.cancel)) {
    io.err(`--${args.cancel ? 'cancel' : 'no-batch'} applies to plans written with Claude (--provider anthropic).`);
    return EXIT.usage;
  }
  if (args.resume || args.dryRun) {
    io.err(`--${args.resume ? 'resume' : 'dry-run'} applies to plans written with Claude (--provider anthropic).`);
    return EXIT.usage;
  }
  if (!args.json) io.err(`Provider: offline draft (${args.provider ? 'chosen with --provider' : 'no ANTHROPIC_API_KEY set'}).`);
  if (args.all) return await planAllOffline(args, io, vault, dir, settings);
  const r = await planWorkstream({ workstream: args.workstream!, project: args.project, force: args.force }, { vault, settings, clock: { now: io.now } });
  if (!r.ok) {
    io.err(describeError(r.error));
    return EXIT.usage;
  }
  printWarnings(io, r.value.warnings);
  printPlan(io, dir, r.value, args.json, null);
  return r.value.kind === 'plan' ? EXIT.ok : EXIT.notReady;
}

export { USAGE };
