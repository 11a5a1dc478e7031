/**
 * Builds an Obsidian `App` (the test double's) from an inline file tree or a folder on disk.
 *
 *   const { app, double } = buildApp({ 'Plans/W1.md': '# W1' });
 *   const vault = new ObsidianVault(app);          // `app` is typed as the real obsidian App
 *   double.vault.peek('Plans/W1.md');              // `double` exposes the double-only helpers
 *   await double.metadataCache.settle();           // wait for indexing after a write
 *   loadMetadataFixture(double, 'Plans/W1.md', 'headings-after-frontmatter');
 *
 * The metadata cache is computed from the text (frontmatter via `yaml`, ATX headings, links);
 * fixtures in test/fixtures/metadata/<name>.json replace it with hand-written `CachedMetadata`
 * for shapes the computation does not produce.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { App as ObsidianApp, CachedMetadata } from 'obsidian';
import { App } from '../__mocks__/obsidian';
import { readTree } from './read-tree';

export type FileTree = Record<string, string>;

export interface BuiltApp {
  /** The app as plugin code sees it: the real obsidian types. */
  app: ObsidianApp;
  /** The same object with the double's helpers. */
  double: App;
}

export interface BuildOptions {
  /** false: leave the cache unresolved until `double.metadataCache.indexAll()`. Default true. */
  resolved?: boolean;
  /** Folders to create even when empty. */
  folders?: string[];
}

export function buildApp(tree: FileTree = {}, options: BuildOptions = {}): BuiltApp {
  const double = new App();
  for (const folder of options.folders ?? []) ensureFolder(double, folder);
  for (const [path, text] of Object.entries(tree)) {
    const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
    if (dir) ensureFolder(double, dir);
    double.vault.createSync(path, text);
  }
  // Seeding happened "before the app started": the first index is synchronous and complete.
  if (options.resolved !== false) double.metadataCache.indexAll();
  double.workspace.setLayoutReady();
  return { app: double as unknown as ObsidianApp, double };
}

/** Reads every file under `root` (hidden ones too; the vault keeps them out of its tree). */
export function buildAppFromFolder(root: string, options: BuildOptions = {}): BuiltApp {
  return buildApp(readTree(root), options);
}

export { readTree };

const FIXTURES = join(__dirname, '..', 'fixtures', 'metadata');

/** Names of the hand-written `CachedMetadata` fixtures; a typo fails to compile. */
export type MetadataFixtureName = 'headings-after-frontmatter' | 'broken-frontmatter' | 'empty-frontmatter';

export function readMetadataFixture(name: MetadataFixtureName): { text: string; cache: CachedMetadata } {
  return JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8')) as { text: string; cache: CachedMetadata };
}

/**
 * Puts a fixture's note text at `path` (creating or overwriting it) and pins its cache to the
 * fixture's, so later writes do not recompute it. Returns the fixture.
 */
export function loadMetadataFixture(double: App, path: string, name: MetadataFixtureName): { text: string; cache: CachedMetadata } {
  const fixture = readMetadataFixture(name);
  const existing = double.vault.getFileByPath(path);
  if (existing) void double.vault.modify(existing, fixture.text);
  else {
    const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
    if (dir) ensureFolder(double, dir);
    double.vault.createSync(path, fixture.text);
  }
  double.metadataCache.setFixture(path, fixture.cache);
  return fixture;
}

function ensureFolder(double: App, path: string): void {
  if (!double.vault.getFolderByPath(path)) double.vault.createFolderSync(path);
}
