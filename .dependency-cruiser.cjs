// @ts-check
/**
 * The module rules of the project, checked by dependency-cruiser in `npm test` (`npm run deps`).
 * test/module-rules.test.ts runs this very file on small trees to show each rule fails when broken.
 *
 * The core (src/core) is the planner: pure TypeScript that runs unchanged inside Obsidian (desktop
 * and mobile) and in Node. Its folders form layers along the pipeline (vault → discovery → scope →
 * escalation | outline → sections → note writer → checker, with providers and the planner on top):
 * a folder imports only from its own folder and from the layers below it. The two adapters
 * (src/obsidian with src/main.ts, and src/cli) each sit on the core and never reach into the other.
 */

/**
 * The core's layers, lowest first. A folder (or top-level file) may import from every entry of a
 * lower layer, and from itself; never from its own layer's other entries or from above. A new
 * folder of src/core must be placed here (the `core-unplaced` rule says so).
 */
const CORE_LAYERS = [
  ['result.ts', 'clock.ts'], // values and time, imported by everything
  ['contracts'], // the shapes every stage agrees on (zod schemas, note metadata)
  ['markdown'], // reading Markdown text: headings, frontmatter block, code masking
  ['vault'], // the VaultPort and wikilink resolution
  ['wbs', 'discovery'], // the WBS model; finding the planning notes
  ['scope', 'plan'], // the workstream's scope; the plan note's skeleton and outline
  ['escalation', 'generation', 'writer'], // blockers; streaming sections; writing notes back
  ['checker', 'inputs'], // reads a written plan note (may use the writer's paths and status); what a plan was planned from, and whether it is stale
  ['providers'], // offline draft, Anthropic
  ['planner'], // the use cases the adapters call
];

const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** `^src/core/(a|b\.ts)(/|$)`: a folder with anything under it, or a top-level file. */
const corePath = (entries) => `^src/core/(${entries.map(esc).join('|')})(/|$)`;

const layerRules = CORE_LAYERS.flatMap((layer, i) =>
  layer.map((entry) => {
    const notBelow = [...CORE_LAYERS.slice(i).flat().filter((e) => e !== entry)];
    return {
      name: `core-layers/${entry.replace(/\.ts$/, '')}`,
      comment: `src/core/${entry} imports only from itself and the layers below it (${CORE_LAYERS.slice(0, i).flat().join(', ') || 'none'}).`,
      severity: 'error',
      from: { path: corePath([entry]) },
      to: { path: corePath(notBelow) },
    };
  }),
);

/**
 * Packages the core may not use: the app's API and editor; gray-matter (Node-only); YAML parsers,
 * since frontmatter is parsed by the adapters (gray-matter in the CLI, the metadata cache in the
 * app) and reaches the core as `NoteMeta`.
 */
const NOT_IN_CORE = ['obsidian', '@codemirror/[^/]+', 'gray-matter', 'yaml', 'js-yaml'];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'No import cycle anywhere in src/, type-only imports included: each module must be readable from the ones it imports.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'core-not-adapters',
      comment: 'The core never imports the plugin, the CLI or src/main.ts: the adapters call the core, not the reverse.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: '^src/(obsidian/|cli/|main\\.ts$)' },
    },
    {
      name: 'core-no-node-builtins',
      comment: 'The core runs on Obsidian mobile too: no Node built-in (fs, path, crypto, node:…).',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'core-no-app-or-node-packages',
      comment: 'The core reaches the app only through the VaultPort, and uses no Node-only package (gray-matter needs fs and Buffer).',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: `(^|/)node_modules/(${NOT_IN_CORE.join('|')})/|^(${NOT_IN_CORE.join('|')})$` },
    },
    {
      name: 'core-sdk-only-in-anthropic-provider',
      comment: 'Only the Anthropic provider talks to the SDK; the rest of the core sees its own types.',
      severity: 'error',
      from: { path: '^src/core/', pathNot: '^src/core/providers/anthropic/' },
      to: { path: '(^|/)node_modules/@anthropic-ai/sdk/|^@anthropic-ai/sdk(/|$)' },
    },
    {
      name: 'core-unplaced',
      comment: 'Every folder of src/core has a place in CORE_LAYERS (.dependency-cruiser.cjs).',
      severity: 'error',
      from: {},
      to: { path: '^src/core/', pathNot: corePath(CORE_LAYERS.flat()) },
    },
    ...layerRules,
    {
      name: 'adapters-apart/obsidian-to-cli',
      comment: 'The plugin (src/obsidian, src/main.ts) never imports the CLI: it would pull Node into main.js.',
      severity: 'error',
      from: { path: '^src/(obsidian/|main\\.ts$)' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'adapters-apart/cli-to-obsidian',
      comment: 'The CLI never imports the plugin: it would need the obsidian module, which exists only inside the app.',
      severity: 'error',
      from: { path: '^src/cli/' },
      to: { path: '^src/(obsidian/|main\\.ts$)' },
    },
    {
      name: 'prompts-are-data',
      comment: 'src/prompts holds the built-in instructions as text; it imports nothing from src/.',
      severity: 'error',
      from: { path: '^src/prompts/' },
      to: { path: '^src/', pathNot: '^src/prompts/' },
    },
  ],
  options: {
    // Type-only imports count: a type-only cycle still ties two modules together.
    tsPreCompilationDeps: true,
    // Record imports of packages (so the rules above see them) without walking into them.
    doNotFollow: { path: '(^|/)node_modules/' },
    moduleSystems: ['es6', 'cjs'],
  },
};
