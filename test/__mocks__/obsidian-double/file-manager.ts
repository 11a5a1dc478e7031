/**
 * `FileManager`: `processFrontMatter` rewrites only the frontmatter block through `vault.process`
 * (so it is atomic and the body stays byte for byte), throws the YAML parser's `YAMLParseError` on a
 * broken block, and rethrows whatever `fn` throws without writing. `generateMarkdownLink` follows the
 * app's defaults (wikilinks, shortest unambiguous path); set `useMarkdownLinks` for `[text](path)`.
 */
import { TAbstractFile, TFile, type TFolder } from './files';
import type { MetadataCache } from './metadata-cache';
import { dirname } from './paths';
import type { Vault } from './vault';
import { getFrontMatterInfo, parseYaml, stringifyYaml } from './yaml';

export class FileManager {
  /** Double only: the user's "Use [[Wikilinks]]" setting, off. */
  useMarkdownLinks = false;
  /** Double only: files sent to the trash, in order. */
  readonly trashed: string[] = [];

  constructor(private readonly vault: Vault, private readonly metadataCache: MetadataCache) {}

  async processFrontMatter(file: TFile, fn: (frontmatter: any) => void, options?: { mtime?: number }): Promise<void> {
    await this.vault.process(
      file,
      (text) => {
        const info = getFrontMatterInfo(text);
        const parsed: unknown = info.exists ? parseYaml(info.frontmatter) : null;
        const fm: Record<string, unknown> = parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
        fn(fm);
        if (!info.exists && Object.keys(fm).length === 0) return text;
        const yaml = Object.keys(fm).length === 0 ? '' : stringifyYaml(fm);
        if (!info.exists) return `---\n${yaml}---\n${text}`;
        const closingNewline = /\r?\n$/.exec(text.slice(0, info.contentStart))?.[0] ?? '';
        return `---\n${yaml}---${closingNewline}${text.slice(info.contentStart)}`;
      },
      options,
    );
  }

  async trashFile(file: TAbstractFile): Promise<void> {
    this.trashed.push(file.path);
    await this.vault.trash(file, true);
  }

  async renameFile(file: TAbstractFile, newPath: string): Promise<void> {
    await this.vault.rename(file, newPath);
  }

  getNewFileParent(_sourcePath: string, _newFilePath?: string): TFolder {
    return this.vault.getRoot();
  }

  generateMarkdownLink(file: TFile, sourcePath: string, subpath = '', alias = ''): string {
    const embed = file.extension === 'md' ? '' : '!';
    if (this.useMarkdownLinks) {
      const text = alias || file.basename;
      return `${embed}[${text}](${encodeURI(file.path)}${subpath})`;
    }
    const linktext = this.metadataCache.fileToLinktext(file, sourcePath);
    return `${embed}[[${linktext}${subpath}${alias ? `|${alias}` : ''}]]`;
  }

  async getAvailablePathForAttachment(filename: string, sourcePath?: string): Promise<string> {
    const dir = sourcePath ? dirname(sourcePath) : '';
    return dir ? `${dir}/${filename}` : filename;
  }
}
