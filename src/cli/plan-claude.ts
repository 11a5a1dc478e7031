import { createInterface } from 'node:readline/promises';
import type { CliArgs } from './args';
import type { CliIo } from './io';
import { clientFromEnv, confirmOnTerminal, runOptions } from './send-options';
import { EXIT } from './exit-codes';
import { describeError } from './describe-error';
import { printPlan, printWarnings } from './output';
import { ProgressPrinter, formatUsd } from './progress';
import { compactCount } from '../core/generation/progress-line';
import { FsVault } from './fs-vault';
import type { Settings } from '../core/contracts/settings';
import { type CallUsage, type CostEstimate } from '../core/providers/anthropic';
import { planWithClaude, type SendPreview } from '../core/planner/claude/plan-with-claude';
import { totalUsage } from '../core/providers/anthropic';
import { PLANNER_INSTRUCTIONS } from '../prompts';
import { assertNever } from '../core/result';

export function describeEstimate(e: CostEstimate): string {
  const cost =
    e.costUsdTypical === null
      ? `cost unknown (no price for ${e.missingPrice ?? 'this model'})`
      : `about ${formatUsd(e.costUsdTypical)}, at most ${formatUsd(e.costUsdMax)} (every call using all its room, up to ${e.callsMax} calls)`;
  const counted = e.tokenSource === 'count_tokens' ? 'counted with the API' : 'estimated as characters ÷ 4';
  return `${e.calls} calls, ~${compactCount(e.inputTokens)} input tokens (${compactCount(e.cacheReadTokens)} read from the cache; ${counted}), ~${compactCount(e.outputTokensTypical)} output tokens of which ~${compactCount(e.thinkingTokensTypical)} thinking; ${cost}`;
}

function previewLines(p: SendPreview): string[] {
  return [
    `Claude (${p.model}, ${p.thinking}) will be sent these notes for ${p.workstreamId}, and nothing else:`,
    ...p.sent.map((n) => `  ${n.path}  (~${compactCount(n.tokens)} tokens)`),
    `Estimate: ${describeEstimate(p.estimate)}.`,
    ...p.estimate.warnings.map((w) => `  ${w}`),
  ];
}

/** `plan --provider anthropic`: estimate, ask, stream, report. */
export async function planWithClaudeCli(args: CliArgs, io: CliIo, vault: FsVault, vaultDir: string, settings: Settings): Promise<number> {
  const made = clientFromEnv(args, io, settings);
  if (typeof made === 'number') return made;
  const { apiKey, client } = made;
  const controller = new AbortController();
  const stopListening = io.onInterrupt?.(() => controller.abort());
  const progress = new ProgressPrinter(args.workstream ?? '', (s) => io.errRaw(s), io.stderrIsTTY === true);
  const usage: CallUsage[] = [];
  try {
    const r = await planWithClaude(
      { workstream: args.workstream!, project: args.project, force: args.force, resume: args.resume, dryRun: args.dryRun, ...(args.model ? { model: args.model } : {}) },
      {
        vault,
        settings,
        clock: { now: io.now },
        client,
        apiKey,
        timers: io.timers,
        builtInTemplate: PLANNER_INSTRUCTIONS,
        signal: controller.signal,
        onEvent: (e) => progress.onEvent(e),
        onUsage: (u) => usage.push(u),
        confirm: confirmOnTerminal(args, io, previewLines),
        ...runOptions(args, io),
      },
    );
    if (!r.ok) {
      io.err(describeError(r.error));
      if (r.error.kind === 'api-failure') return r.error.failure.kind === 'cancelled' ? EXIT.interrupted : EXIT.api;
      return EXIT.usage;
    }
    const outcome = r.value;
    switch (outcome.kind) {
      case 'dry-run':
        if (args.json) io.out(JSON.stringify({ requests: JSON.parse(outcome.requestsJson) as unknown, estimate: outcome.preview.estimate, sent: outcome.preview.sent }, null, 2));
        else {
          io.out(outcome.requestsJson);
          for (const l of previewLines(outcome.preview)) io.err(l);
          io.err('Dry run: nothing was sent and nothing was written.');
        }
        return EXIT.ok;
      case 'declined':
        io.err('Nothing was sent and nothing was written.');
        return EXIT.ok;
      case 'escalation':
        printWarnings(io, outcome.warnings);
        printPlan(io, vaultDir, outcome, args.json, null);
        return EXIT.notReady;
      case 'plan': {
        printWarnings(io, outcome.warnings);
        const totals = outcome.usage ?? totalUsage(usage);
        if (!args.json && outcome.alreadyFinished) io.err(`${outcome.note} was already finished, so nothing was sent; the meso plan links to it.`);
        else if (!args.json) {
          io.err(
            `Usage: ${totals.calls} calls, ${compactCount(totals.inputTokens)} input, ${compactCount(totals.cacheWriteTokens)} cache write, ${compactCount(totals.cacheReadTokens)} cache read, ${compactCount(totals.outputTokens)} output tokens (${compactCount(totals.thinkingTokens)} of them thinking); ${totals.costUsd === null ? 'cost unknown: the model has no price (add one under "prices" in the settings)' : formatUsd(totals.costUsd)}.`,
          );
          for (const label of outcome.incomplete ?? []) io.err(`warning: Claude stopped early in ${label}; the plan stays a draft.`);
        }
        if (outcome.interrupted) {
          if (!args.json) io.err(`Interrupted at ${outcome.interrupted.stoppedAt}: ${outcome.interrupted.reason.message} Run again with --resume to finish it.`);
          printPlan(io, vaultDir, outcome, args.json, totals);
          return outcome.interrupted.reason.kind === 'cancelled' ? EXIT.interrupted : EXIT.api;
        }
        printPlan(io, vaultDir, outcome, args.json, totals);
        return EXIT.ok;
      }
      default:
        return assertNever(outcome);
    }
  } finally {
    stopListening?.();
  }
}

/** Asks one question on the terminal. */
export async function askOnTerminal(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await rl.question(question);
  } finally {
    rl.close();
  }
}
