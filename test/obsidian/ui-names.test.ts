/**
 * The notices and the README name settings, commands and buttons exactly as the UI shows them: the
 * settings rows come from the rendered tab, the commands from the loaded plugin, the buttons from the
 * labels in the plugin's source.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Setting } from '../__mocks__/obsidian';
import { loadPlugin } from './main/harness';
import { ROLES } from '../../src/core/contracts/settings';
import { describeError, CORS_BLOCKED_NOTICE } from '../../src/obsidian/describe-error';
import { roleSettingName, SETTING } from '../../src/obsidian/settings/setting-names';
import type { WorkstreamPlannerSettingTab } from '../../src/obsidian/settings/WorkstreamPlannerSettingTab';

const repo = resolve(__dirname, '..', '..');
const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [readFileSync(p, 'utf8')] : [];
  });
}

/** The labels the plugin puts on buttons and choices. */
function buttonLabels(): Set<string> {
  const text = [...sources(join(repo, 'src/obsidian')), readFileSync(join(repo, 'src/main.ts'), 'utf8')].join('\n');
  const labels = new Set<string>();
  for (const m of text.matchAll(/(?:label|text): '([^']+)'|setButtonText\('([^']+)'\)|return '([A-Z][a-z-]+(?: [a-z]+)?)';/g)) labels.add(m[1] ?? m[2] ?? m[3]!);
  return labels;
}

async function ui(): Promise<{ rows: Set<string>; headings: Set<string>; commands: Set<string>; buttons: Set<string> }> {
  const l = await loadPlugin();
  Setting.created = [];
  (l.plugin.added.settingTabs[0] as WorkstreamPlannerSettingTab).display();
  const rows = new Set(Setting.created.filter((s) => !s.heading).map((s) => s.name));
  const headings = new Set(Setting.created.filter((s) => s.heading).map((s) => s.name));
  const commands = new Set([...l.plugin.added.commands.values()].map((c) => c.name.replace(/^Workstream Planner: /, '')));
  l.plugin.unload();
  return { rows, headings, commands, buttons: buttonLabels() };
}

/** The README's section about the plugin. */
function pluginSection(): string {
  const readme = readFileSync(join(repo, 'README.md'), 'utf8');
  return readme.slice(readme.indexOf('## The Obsidian plugin'), readme.indexOf('## What it reads'));
}

describe('names', () => {
  it('the settings tab shows exactly the rows setting-names.ts names', async () => {
    const { rows } = await ui();
    expect([...rows].sort()).toEqual([...Object.values(SETTING), ...ROLES.map(roleSettingName)].sort());
  });

  it('the README names every settings row, and every bold name in its plugin section is a row, a command or a button', async () => {
    const { rows, headings, commands, buttons } = await ui();
    const section = pluginSection();
    const bold = [...section.matchAll(/\*\*([^*]+)\*\*/g)].map((m) => squash(m[1]!)).filter((b) => b !== 'What `main.js` holds');
    const known = new Set([...rows, ...headings, ...commands, ...buttons, 'Workstream Planner']);
    expect(bold.filter((b) => !known.has(b))).toEqual([]);
    const settings = section.slice(section.indexOf('### Settings'), section.indexOf('### Network use'));
    const named = new Set([...settings.matchAll(/\*\*([^*]+)\*\*/g)].map((m) => squash(m[1]!)));
    expect([...rows].filter((r) => !named.has(r))).toEqual([]);
    // Every name in quotes is a row or a command, apart from the API's own error text and the README's own headings.
    const readmeHeadings = new Set([...readFileSync(join(repo, 'README.md'), 'utf8').matchAll(/^#+ (.+)$/gm)].map((m) => m[1]!));
    const quoted = [...section.matchAll(/"([^"]+)"/g)].map((m) => squash(m[1]!)).filter((q) => !q.startsWith('CORS requests are not allowed') && !readmeHeadings.has(q));
    expect(quoted.filter((q) => !rows.has(q) && !commands.has(q))).toEqual([]);
  });

  it('notices that send the user to a setting or command quote its name as the UI shows it', async () => {
    const { rows, commands } = await ui();
    const messages = [
      CORS_BLOCKED_NOTICE,
      describeError({ kind: 'no-api-key' }),
      describeError({ kind: 'missing-note', role: 'meso', path: 'x.md' }),
      describeError({ kind: 'missing-note', role: 'prd', path: null }),
      describeError({ kind: 'ambiguous-role', role: 'micro', candidates: ['a.md', 'b.md'], setting: 'paths.micro' }),
      describeError({ kind: 'ambiguous-project', candidates: ['a.md', 'b.md'] }),
      describeError({ kind: 'project-not-found', path: 'p.md' }),
      describeError({ kind: 'cost-cap', estimateUsd: 2, capUsd: 1 }),
    ];
    for (const m of messages) {
      const quoted = [...m.matchAll(/"([^"]+)"/g)].map((x) => x[1]!);
      expect(quoted.length).toBeGreaterThan(0);
      expect(quoted.filter((q) => !rows.has(q) && !commands.has(q))).toEqual([]);
    }
  });
});
