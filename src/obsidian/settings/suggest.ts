/**
 * Path suggesters for the settings' text fields: markdown notes and folders of the vault. Picking
 * one writes the path into the field and fires its `input` event, so the field's `onChange` saves it.
 */
import { AbstractInputSuggest, type App, type TFile, type TFolder } from 'obsidian';

/** At most this many suggestions are shown. */
const LIMIT = 50;

function pick(suggest: AbstractInputSuggest<unknown>, inputEl: HTMLInputElement, path: string): void {
  suggest.setValue(path);
  inputEl.dispatchEvent(new Event('input'));
  suggest.close();
}

export class MarkdownFileSuggest extends AbstractInputSuggest<TFile> {
  constructor(
    app: App,
    private readonly inputEl: HTMLInputElement,
  ) {
    super(app, inputEl);
    this.limit = LIMIT;
  }

  protected getSuggestions(query: string): TFile[] {
    const q = query.trim().toLowerCase();
    return this.app.vault
      .getMarkdownFiles()
      .filter((f) => f.path.toLowerCase().includes(q))
      .sort((a, b) => a.path.localeCompare(b.path))
      .slice(0, LIMIT);
  }

  renderSuggestion(file: TFile, el: HTMLElement): void {
    el.setText(file.path);
  }

  selectSuggestion(file: TFile): void {
    pick(this, this.inputEl, file.path);
  }
}

export class FolderSuggest extends AbstractInputSuggest<TFolder> {
  constructor(
    app: App,
    private readonly inputEl: HTMLInputElement,
  ) {
    super(app, inputEl);
    this.limit = LIMIT;
  }

  protected getSuggestions(query: string): TFolder[] {
    const q = query.trim().toLowerCase();
    return this.app.vault
      .getAllFolders(false)
      .filter((f) => f.path.toLowerCase().includes(q))
      .sort((a, b) => a.path.localeCompare(b.path))
      .slice(0, LIMIT);
  }

  renderSuggestion(folder: TFolder, el: HTMLElement): void {
    el.setText(folder.path);
  }

  selectSuggestion(folder: TFolder): void {
    pick(this, this.inputEl, folder.path);
  }
}
