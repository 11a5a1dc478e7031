/** `TAbstractFile`, `TFile`, `TFolder` with the fields Obsidian gives them. */
import { basename } from './paths';
import type { Vault } from './vault';

export abstract class TAbstractFile {
  vault!: Vault;
  path = '';
  name = '';
  parent: TFolder | null = null;
}

export interface FileStats {
  ctime: number;
  mtime: number;
  size: number;
}

export class TFile extends TAbstractFile {
  stat: FileStats = { ctime: 0, mtime: 0, size: 0 };
  basename = '';
  extension = '';
}

export class TFolder extends TAbstractFile {
  children: TAbstractFile[] = [];
  isRoot(): boolean {
    return this.path === '/';
  }
}

/** Sets path, name and (for files) basename and extension from a vault path. */
export function setPath(file: TAbstractFile, path: string): void {
  file.path = path;
  file.name = path === '/' ? '' : basename(path);
  if (file instanceof TFile) {
    const dot = file.name.lastIndexOf('.');
    file.basename = dot > 0 ? file.name.slice(0, dot) : file.name;
    file.extension = dot > 0 ? file.name.slice(dot + 1) : '';
  }
}

/** Double only: a detached TFile (no vault), for unit tests that need one object. */
export function createTFile(path: string, stat: Partial<FileStats> = {}): TFile {
  const f = new TFile();
  setPath(f, path);
  f.stat = { ctime: 0, mtime: 0, size: 0, ...stat };
  return f;
}
