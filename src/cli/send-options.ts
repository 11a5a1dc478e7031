/**
 * What `plan` and `plan --all` share when they send to Claude: the question before sending and the
 * run options taken from the command line, so both ask and behave alike.
 */
import type { CliArgs } from './args';
import type { CliIo } from './io';
import { EXIT } from './exit-codes';
import { describeError } from './describe-error';
import type { Settings } from '../core/contracts/settings';
import { createAnthropicClient, type AnthropicClient } from '../core/providers/anthropic';

/**
 * The key from `ANTHROPIC_API_KEY` and a client for it (`ANTHROPIC_BASE_URL` over the settings' base
 * URL). Without a key only a dry run goes on; otherwise the usage exit code, the error printed.
 */
export function clientFromEnv(args: CliArgs, io: CliIo, settings: Settings): { apiKey: string; client: AnthropicClient } | number {
  const apiKey = io.env['ANTHROPIC_API_KEY'] ?? '';
  if (apiKey === '' && !args.dryRun) {
    io.err(describeError({ kind: 'no-api-key' }));
    return EXIT.usage;
  }
  const baseURL = io.env['ANTHROPIC_BASE_URL'] || settings.baseURL;
  return { apiKey, client: createAnthropicClient({ apiKey: apiKey || 'dry-run', baseURL, ...(io.fetch ? { fetch: io.fetch } : {}) }) };
}

/**
 * Prints what will be sent and asks on a terminal; `--yes`, `--json` and a non-interactive stdin
 * send without asking (the preview is still printed, except under `--json`).
 */
export function confirmOnTerminal<P>(args: CliArgs, io: CliIo, lines: (preview: P) => string[]): (preview: P) => Promise<boolean> {
  return async (preview) => {
    if (args.json) return true;
    for (const l of lines(preview)) io.err(l);
    if (args.yes || io.stdinIsTTY !== true || !io.ask) return true;
    const answer = (await io.ask('Send? [y/N] ')).trim().toLowerCase();
    return answer === 'y' || answer === 'yes';
  };
}

/** The run options given on the command line (and the test hooks of `CliIo`), only those set. */
export function runOptions(args: CliArgs, io: CliIo): {
  concurrency?: number;
  maxCostUsd?: number;
  idleTimeoutMs?: number;
  firstTextTimeoutMs?: number;
  retryDelaysMs?: readonly number[];
} {
  return {
    ...(args.concurrency !== undefined ? { concurrency: args.concurrency } : {}),
    ...(args.maxCost !== undefined ? { maxCostUsd: args.maxCost } : {}),
    ...(args.idleTimeout !== undefined ? { idleTimeoutMs: args.idleTimeout * 1000 } : {}),
    ...(args.firstTextTimeout !== undefined ? { firstTextTimeoutMs: args.firstTextTimeout * 1000 } : {}),
    ...(io.retryDelaysMs ? { retryDelaysMs: io.retryDelaysMs } : {}),
  };
}
