import { parseArgs } from 'node:util';
import { EFFORT_LEVELS, type EffortLevel } from '../core/contracts/settings';

export type Command = 'plan' | 'check' | 'list';

export interface CliArgs {
  command: Command;
  vault: string;
  workstream?: string;
  note?: string;
  project?: string;
  provider?: 'offline' | 'anthropic';
  model?: string;
  force: boolean;
  resume: boolean;
  dryRun: boolean;
  yes: boolean;
  maxCost?: number;
  concurrency?: number;
  idleTimeout?: number;
  firstTextTimeout?: number;
  effort?: EffortLevel;
  /** `plan --all`: every workstream that needs a plan, in dependency order. */
  all: boolean;
  /** `--no-batch`: stream each workstream in turn instead of the Message Batches API. */
  noBatch: boolean;
  /** `--replan-stale`: re-plan stale plans too. */
  replanStale: boolean;
  /** `--cancel`: cancel the batches of a `plan --all` run that stopped. */
  cancel: boolean;
  json: boolean;
  debug: boolean;
  configDir: string;
}

export type ArgsResult = { ok: true; args: CliArgs } | { ok: false; message: string } | { ok: 'help'; text: string };

export const USAGE = `Usage:
  workstream-planner plan  --vault DIR --workstream ID [--provider offline|anthropic] [--model ID] [--project PATH]
                           [--force | --resume] [--dry-run] [--yes] [--max-cost USD] [--concurrency N]
                           [--effort LEVEL] [--first-text-timeout S] [--idle-timeout S] [--json]
  workstream-planner plan  --vault DIR --all [--no-batch] [--replan-stale] [--force | --resume | --cancel]
                           [--project PATH] [--dry-run] [--yes] [--model ID] [--effort LEVEL] [--json]
  workstream-planner check --vault DIR --note PATH [--project PATH] [--json]
  workstream-planner list  --vault DIR [--project PATH] [--json]

Options:
  --vault DIR          the Obsidian vault (a folder)
  --workstream ID      the workstream to plan: W2, w2, "Workstream 2", or its label in the WBS
                       ("Epic 2", E2, B)
  --note PATH          a plan note, relative to the vault
  --project PATH       a project note, project folder or planning folder, when the vault
                       holds several planning sets (list shows them)
  --provider NAME      anthropic (default when ANTHROPIC_API_KEY is set) or offline
  --model ID           the Claude model (default claude-sonnet-5-5, or the plugin's setting); with
                       --resume, finishes the plan on this model instead of the one it started with
  --effort LEVEL       how hard Claude thinks before each section: low, medium, high (default), xhigh, max
  --all                plan every workstream without a plan, in dependency order, each with its upstream
                       plans; through the Message Batches API (half price; results in minutes to hours)
  --no-batch           with --all: stream each workstream in turn, as plan --workstream does
  --replan-stale       with --all: also re-plan the plans whose inputs changed (see list)
  --cancel             with --all: cancel the batches of a run that stopped; resume collects what they finished
  --force              replace an existing plan (the old one is copied to <output>/.backup first);
                       with --all, re-plan every workstream
  --resume             finish an interrupted plan: only its missing sections are generated; with --all,
                       take up a stopped run: its batches are waited for and read, never sent again
  --dry-run            print the exact requests and the cost estimate; send and write nothing
  --yes                do not ask before sending (without a terminal the CLI never asks)
  --max-cost USD       refuse when the estimate is above USD; stop cleanly if the running cost passes it
  --concurrency N      sections generated at once (default 4)
  --first-text-timeout S  wait up to S seconds for an answer's first text while Claude thinks (default 600)
  --idle-timeout S     abandon a stream silent for S seconds once its text has started, then retry it (default 60)
  --config-dir NAME    the vault's config folder (default .obsidian); settings are read from
                       <vault>/<config-dir>/plugins/workstream-planner/data.json
  --json               machine-readable output
  --debug              show stack traces for unexpected errors

Exit codes: 0 plan written / note ready, 1 escalation written / note not ready,
2 bad usage or input (nothing written), 3 model or API failure, 130 interrupted.`;

export function parseCliArgs(argv: string[]): ArgsResult {
  if (argv.length === 0) return { ok: false, message: USAGE };
  if (argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') return { ok: 'help', text: USAGE };
  const [command, ...rest] = argv;
  if (command !== 'plan' && command !== 'check' && command !== 'list') {
    return { ok: false, message: `Unknown command "${command}". Use plan, check or list (see --help).` };
  }
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: rest,
      strict: true,
      allowPositionals: false,
      options: {
        vault: { type: 'string' },
        workstream: { type: 'string', short: 'w' },
        note: { type: 'string' },
        project: { type: 'string' },
        provider: { type: 'string' },
        model: { type: 'string' },
        force: { type: 'boolean', default: false },
        resume: { type: 'boolean', default: false },
        'dry-run': { type: 'boolean', default: false },
        yes: { type: 'boolean', short: 'y', default: false },
        'max-cost': { type: 'string' },
        concurrency: { type: 'string' },
        'idle-timeout': { type: 'string' },
        'first-text-timeout': { type: 'string' },
        effort: { type: 'string' },
        all: { type: 'boolean', default: false },
        'no-batch': { type: 'boolean', default: false },
        'replan-stale': { type: 'boolean', default: false },
        cancel: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        debug: { type: 'boolean', default: false },
        'config-dir': { type: 'string', default: '.obsidian' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }).values;
  } catch (e) {
    return { ok: false, message: `${(e as Error).message.replace(/\. To specify.*$/, '').replace(/\.?$/, '.')} See --help.` };
  }
  if (values['help']) return { ok: 'help', text: USAGE };
  const vault = values['vault'];
  if (typeof vault !== 'string' || vault === '') return { ok: false, message: 'Missing --vault DIR: the folder of the Obsidian vault.' };
  const provider = values['provider'];
  if (provider !== undefined && provider !== 'offline' && provider !== 'anthropic') {
    return { ok: false, message: `Unknown provider "${String(provider)}": use offline or anthropic.` };
  }
  const num = (name: string, min: number, integer: boolean): number | undefined | string => {
    const raw = values[name];
    if (raw === undefined) return undefined;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < min || (integer && !Number.isInteger(n))) return `--${name} must be ${integer ? 'a whole number' : 'a number'} of at least ${min}, not "${String(raw)}".`;
    return n;
  };
  const maxCost = num('max-cost', 0, false);
  const concurrency = num('concurrency', 1, true);
  const idleTimeout = num('idle-timeout', 1, false);
  const firstTextTimeout = num('first-text-timeout', 1, false);
  for (const v of [maxCost, concurrency, idleTimeout, firstTextTimeout]) if (typeof v === 'string') return { ok: false, message: v };
  const effortRaw = values['effort'];
  const effort = EFFORT_LEVELS.find((l) => l === effortRaw);
  if (effortRaw !== undefined && !effort) return { ok: false, message: `--effort must be one of ${EFFORT_LEVELS.join(', ')}, not "${String(effortRaw)}".` };
  if (values['force'] && values['resume']) return { ok: false, message: '--force and --resume do not go together: --resume finishes a plan, --force replaces it.' };
  const all = values['all'] === true;
  if (command === 'plan' && all && typeof values['workstream'] === 'string') {
    return { ok: false, message: '--all plans every workstream: leave out --workstream (or plan one with --workstream alone).' };
  }
  for (const flag of ['no-batch', 'replan-stale', 'cancel']) {
    if (values[flag] === true && !(command === 'plan' && all)) return { ok: false, message: `--${flag} goes with plan --all.` };
  }
  if (values['cancel'] && (values['resume'] || values['force'])) return { ok: false, message: '--cancel stops a run; it does not go with --resume or --force.' };
  if (command === 'plan' && !all && typeof values['workstream'] !== 'string') {
    return { ok: false, message: 'Missing --workstream ID, e.g. --workstream W2 (run "list" to see the ids), or --all for every workstream.' };
  }
  if (command === 'check' && typeof values['note'] !== 'string') {
    return { ok: false, message: 'Missing --note PATH: the plan note to check, relative to the vault.' };
  }
  return {
    ok: true,
    args: {
      command,
      vault,
      workstream: values['workstream'] as string | undefined,
      note: values['note'] as string | undefined,
      project: values['project'] as string | undefined,
      provider: provider as 'offline' | 'anthropic' | undefined,
      model: values['model'] as string | undefined,
      force: values['force'] === true,
      resume: values['resume'] === true,
      dryRun: values['dry-run'] === true,
      yes: values['yes'] === true,
      maxCost: maxCost as number | undefined,
      concurrency: concurrency as number | undefined,
      idleTimeout: idleTimeout as number | undefined,
      firstTextTimeout: firstTextTimeout as number | undefined,
      ...(effort ? { effort } : {}),
      all,
      noBatch: values['no-batch'] === true,
      replanStale: values['replan-stale'] === true,
      cancel: values['cancel'] === true,
      json: values['json'] === true,
      debug: values['debug'] === true,
      configDir: (values['config-dir'] as string) || '.obsidian',
    },
  };
}
