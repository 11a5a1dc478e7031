/**
 * "Re-check" on an escalation note: runs the planner's checks again (the same `preparePlan` that
 * `preparePlan` gives, which also gives the meso plan's path). While something blocks, the
 * note's callouts for the workstream are replaced by the current ones (frontmatter and the rest of
 * the note stay); when nothing blocks, the note's `status` becomes `resolved` and one line records
 * when. Every failure comes back as a `failed` outcome with one sentence, never as a throw.
 */
import type { App } from 'obsidian';
import type { Escalation } from '../../core/contracts/escalation';
import type { Settings } from '../../core/contracts/settings';
import { withMesoCalloutsMasked } from '../../core/escalation/meso-callouts';
import { parseEscalationCallouts } from '../../core/escalation/parse-escalation';
import { renderEscalationCallout } from '../../core/escalation/render-escalation';
import { preparePlan } from '../../core/planner/prepare-plan';
import type { WriteError } from '../../core/vault/vault-port';
import type { ObsidianVault } from '../ObsidianVault';
import { describeError } from '../describe-error';
import { saveOpenEditors } from '../open-views';
import { syncMesoCallouts } from './meso-sync';
import type { RecheckOutcome } from './recheck-outcome';

export interface RecheckDeps {
  app: App;
  vault: ObsidianVault;
  settings: Settings;
  now: () => Date;
}

function writeFailed(e: WriteError): RecheckOutcome {
  const detail = e.kind === 'io' || e.kind === 'bad-frontmatter' ? `: ${e.detail}` : ` (${e.kind})`;
  return { kind: 'failed', message: `The escalation note ${e.file} could not be updated${detail}` };
}

function blockerCount(n: number): string {
  return n === 1 ? 'one blocker' : `${n} blockers`;
}

/**
 * The note with the workstream's callouts replaced by `escalations`: the span from its first
 * callout to its last becomes the new callouts (blank line between); with no callout left in the
 * note, they go before the "What next" line, or at the end. The blocker count in the sentence
 * written by `renderEscalationNote` follows.
 */
export function replaceEscalationCallouts(text: string, workstreamId: string, escalations: readonly Escalation[]): string {
  const lines = text.split('\n');
  const mine = parseEscalationCallouts(text).filter((c) => c.workstreamId === null || c.workstreamId === workstreamId);
  const fresh = escalations.map(renderEscalationCallout).join('\n\n').split('\n');
  if (mine.length > 0) {
    const from = mine[0]!.startLine - 1;
    const to = mine[mine.length - 1]!.endLine - 1;
    lines.splice(from, to - from + 1, ...fresh);
  } else {
    const next = lines.findIndex((l) => l.startsWith('**What next:**'));
    if (next !== -1) lines.splice(next, 0, ...fresh, '');
    else lines.push(...(lines[lines.length - 1] === '' ? [] : ['']), ...fresh, '');
  }
  return lines
    .join('\n')
    .replace(/found (?:one blocker|\d+ blockers) in its planning inputs/, `found ${blockerCount(escalations.length)} in its planning inputs`);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Local date and time, `2025-03-12 14:05`. */
export function formatStamp(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export async function recheckEscalationNote(deps: RecheckDeps, notePath: string, workstreamId: string): Promise<RecheckOutcome> {
  try {
    return await recheck(deps, notePath, workstreamId);
  } catch (e) {
    // A bug or an unexpected app failure: still one sentence for the widget.
    const detail = e instanceof Error ? e.message : String(e);
    return { kind: 'failed', message: `The re-check of ${workstreamId} stopped: ${detail}` };
  }
}

async function recheck(deps: RecheckDeps, notePath: string, workstreamId: string): Promise<RecheckOutcome> {
  const { vault } = deps;
  // Our own callouts in the meso plan must not count as its content (see `maskMesoCallouts`).
  // The escalation note sits in its planning set's folder: that folder names the set in a vault of several.
  const folder = notePath.includes('/') ? notePath.slice(0, notePath.lastIndexOf('/')) : '';
  const prepared = await preparePlan(withMesoCalloutsMasked(vault), deps.settings, { workstream: workstreamId, ...(folder ? { near: folder } : {}) });
  if (!prepared.ok) return { kind: 'failed', message: describeError(prepared.error) };
  const escalations = prepared.value.kind === 'blocked' ? prepared.value.escalations : [];
  const mesoPath = prepared.value.ctx.set.notes.meso?.path;
  if (!(await vault.exists(notePath))) return { kind: 'failed', message: `The escalation note ${notePath} could not be read (missing).` };

  if (escalations.length > 0) {
    // The user may be typing in this very note: what they typed reaches the file first, and the
    // callouts are replaced in the text `process` hands in, so nothing typed meanwhile is lost.
    await saveOpenEditors(deps.app, notePath);
    const id = prepared.value.id;
    const replaced = await vault.process(notePath, (text) => replaceEscalationCallouts(text, id, escalations));
    if (!replaced.ok) return writeFailed(replaced.error);
    // Obsidian rewrites the whole YAML block on processFrontMatter: only touch it when status must change.
    if ((await vault.meta(notePath)).frontmatter?.['status'] === 'resolved') {
      const fm = await vault.processFrontmatter(notePath, (data) => {
        data['status'] = 'escalated';
      });
      if (!fm.ok) return writeFailed(fm.error);
    }
    if (mesoPath) await syncMesoCallouts(deps, mesoPath, prepared.value.id, escalations);
    return { kind: 'blocked', count: escalations.length };
  }

  await saveOpenEditors(deps.app, notePath);
  const fm = await vault.processFrontmatter(notePath, (data) => {
    data['status'] = 'resolved';
  });
  if (!fm.ok) return writeFailed(fm.error);
  const line = `\nRe-checked ${formatStamp(deps.now())}: nothing blocks ${prepared.value.id} any more.\n`;
  const appended = await vault.process(notePath, (text) => `${text}${text.endsWith('\n') ? '' : '\n'}${line}`);
  if (!appended.ok) return writeFailed(appended.error);
  if (mesoPath) await syncMesoCallouts(deps, mesoPath, prepared.value.id, []);
  return { kind: 'resolved' };
}
