/**
 * The names of the settings tab's rows, exactly as the tab shows them. Notices that send the user to a
 * setting quote these, and the README names them the same way (test/obsidian/settings/names.test.ts).
 */
import { ROLE_LABELS, type Role } from '../../core/contracts/settings';

export const SETTING = {
  outputFolder: 'Output folder',
  apiKey: 'API key',
  model: 'Model',
  baseURL: 'API base URL',
  useObsidianNetwork: 'Use Obsidian network',
  effort: 'Thinking effort',
  outlineEffort: 'Outline effort',
  maxOutputTokens: 'Max output tokens per call',
  contextBudgetTokens: 'Context budget',
  costCapUsd: 'Cost cap',
  concurrency: 'Concurrency',
  caching: 'Prompt caching',
  confirmBeforeSending: 'Confirm before sending',
  prices: 'Price table override',
  firstTextTimeoutSeconds: 'First text timeout',
  idleTimeoutSeconds: 'Idle timeout',
  projectNote: 'Project note',
  promptTemplateNote: 'Prompt template note',
  includeUpstreamPlans: 'Include upstream plans',
  calloutsInMesoPlan: 'Put escalation callouts in the meso plan',
} as const;

/** The row of a planning note's path: its label, capitalised ("Meso-level plan"). */
export function roleSettingName(role: Role): string {
  const label = ROLE_LABELS[role];
  return label.charAt(0).toUpperCase() + label.slice(1);
}

/** Where the rows are: the plugin's tab under Settings → Community plugins. */
export const SETTINGS_PLACE = 'the Workstream Planner settings';
