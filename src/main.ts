import { Plugin } from 'obsidian';

/** Wiring only: the plugin's features live in src/obsidian, the planner in src/core. */
export default class WorkstreamPlannerPlugin extends Plugin {
  override async onload(): Promise<void> {
    // The Obsidian UI lands with the plugin issue; until then the planner runs from the CLI.
  }
}
