import { parseArgs } from 'node:util';

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
  json: boolean;
  debug: boolean;
  configDir: string;
}

export type ArgsResult = { ok: true; args: CliArgs } | { ok: false; message: string } | { ok: 'help'; text: string };

export const USAGE = `Usage:
  workstream-planner plan  --vault DIR --workstream ID [--provider offline|anthropic] [--model ID] [--project NOTE] [--force] [--json]
  workstream-planner check --vault DIR --note PATH [--json]
  workstream-planner list  --vault DIR [--json]

Options:
  --vault DIR          the Obsidian vault (a folder)
  --workstream ID      the workstream to plan: W2, w2 or "Workstream 2"
  --note PATH          a plan note, relative to the vault
  --project NOTE       the project note, when the vault holds several
  --provider NAME      anthropic (default when ANTHROPIC_API_KEY is set) or offline
  --force              replace an existing plan (the old one is copied to <output>/.backup first)
  --config-dir NAME    the vault's config folder (default .obsidian); settings are read from
                       <vault>/<config-dir>/plugins/workstream-planner/data.json
  --json               machine-readable output
  --debug              show stack traces for unexpected errors

Exit codes: 0 plan written / note ready, 1 escalation written / note not ready,
2 bad usage or input (nothing written), 3 model or API failure, 130 interrupted.`;

export function parseCliArgs(argv: string[]): ArgsResult {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') return { ok: 'help', text: USAGE };
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
        json: { type: 'boolean', default: false },
        debug: { type: 'boolean', default: false },
        'config-dir': { type: 'string', default: '.obsidian' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }).values;
  } catch (e) {
    return { ok: false, message: `${(e as Error).message.replace(/\. To specify.*$/, '.')} See --help.` };
  }
  if (values['help']) return { ok: 'help', text: USAGE };
  const vault = values['vault'];
  if (typeof vault !== 'string' || vault === '') return { ok: false, message: 'Missing --vault DIR: the folder of the Obsidian vault.' };
  const provider = values['provider'];
  if (provider !== undefined && provider !== 'offline' && provider !== 'anthropic') {
    return { ok: false, message: `Unknown provider "${String(provider)}": use offline or anthropic.` };
  }
  if (command === 'plan' && typeof values['workstream'] !== 'string') {
    return { ok: false, message: 'Missing --workstream ID, e.g. --workstream W2 (run "list" to see the ids).' };
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
      json: values['json'] === true,
      debug: values['debug'] === true,
      configDir: (values['config-dir'] as string) || '.obsidian',
    },
  };
}
