/**
 * What the unit tests of the Claude planner share: the example vault copied to a temp folder (real
 * files through FsVault), the local Anthropic server over real HTTP with the unmodified SDK, a fixed
 * clock and timers that fire only when a test steps them (none of these tests waits on a timer).
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import matter from 'gray-matter';
import { copyExampleVault } from '../../../support/example-vault';
import type { AnthropicServer } from '../../../support/anthropic-server';
import { plannerResponder, projectResponder } from '../../../support/anthropic-server/planner-responder';
import { FsVault } from '../../../../src/cli/fs-vault';
import { DEFAULT_SETTINGS, type Settings } from '../../../../src/core/contracts/settings';
import { preparePlan } from '../../../../src/core/planner/prepare-plan';
import { deriveOutline } from '../../../../src/core/plan/derive-outline';
import type { Outline } from '../../../../src/core/contracts/outline';
import { createAnthropicClient } from '../../../../src/core/providers/anthropic';
import type { ClaudeDeps } from '../../../../src/core/planner/claude/plan-with-claude';
import type { Timers } from '../../../../src/core/generation/timers';
import { PLANNER_INSTRUCTIONS } from '../../../../src/prompts';

export const KEY = 'sk-ant-unit-claude-planner';
export const NOW = new Date(Date.UTC(2026, 10, 25, 9, 30, 0));
export const plan = (id: string): string => `Planning/${id}-micro-level-plan.md`;

/** Timers that never fire by themselves: every call of these tests ends without a timeout. */
export const stillTimers = (): Timers => ({ now: () => 0, setTimer: () => 0, clearTimer: () => undefined });

export interface Vault {
  dir: string;
  vault: FsVault;
  read(rel: string): string;
  fm(rel: string): Record<string, unknown>;
  cleanup(): void;
}

export function exampleVault(): Vault {
  const v = copyExampleVault();
  const vault = new FsVault(v.dir);
  const read = (rel: string): string => readFileSync(path.join(v.dir, rel), 'utf8');
  return { dir: v.dir, vault, read, fm: (rel) => matter(read(rel), {}).data as Record<string, unknown>, cleanup: v.cleanup };
}

export async function outlineOf(vault: FsVault, id: string): Promise<Outline> {
  const p = await preparePlan(vault, DEFAULT_SETTINGS, { workstream: id });
  if (!p.ok || p.value.kind !== 'ready') throw new Error(`the example vault does not plan ${id}`);
  return deriveOutline(p.value.scope, p.value.ctx.wbs);
}

/** The server answering as a diligent model would, for one workstream or for all three. */
export async function answerAsPlanner(server: AnthropicServer, vault: FsVault, ids: string[] = ['W2']): Promise<Record<string, Outline>> {
  const outlines: Record<string, Outline> = {};
  for (const id of ids) outlines[id] = await outlineOf(vault, id);
  if (ids.length === 1) server.setScript(plannerResponder({ outline: outlines[ids[0]!]!, mesoTarget: 'meso-level-plan', script: { chunkChars: 4000 } }));
  else server.setScript(projectResponder({ outlines, mesoTarget: 'meso-level-plan', script: { chunkChars: 4000 } }));
  return outlines;
}

export function claudeDeps(server: AnthropicServer, v: Vault, more: Partial<ClaudeDeps> = {}, settings: Partial<Settings> = {}): ClaudeDeps {
  return {
    vault: v.vault,
    settings: { ...DEFAULT_SETTINGS, ...settings },
    clock: { now: () => NOW },
    client: createAnthropicClient({ apiKey: KEY, baseURL: server.url }),
    apiKey: KEY,
    timers: stillTimers(),
    builtInTemplate: PLANNER_INSTRUCTIONS,
    retryDelaysMs: [0, 0, 0],
    minIntervalMs: 0,
    ...more,
  };
}
