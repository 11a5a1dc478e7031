/**
 * On phones and tablets the status bar, where a run's progress shows and where a click cancels it, is
 * not there (obsidian.d.ts `addStatusBarItem`: "Not available on mobile"). So on mobile each run gets
 * a Notice that stays while it runs, with a "Cancel planning" button; it goes when the run ends. (The
 * readiness panel's progress has the same button on every platform, and the command stays.)
 */
import { Notice } from 'obsidian';

export interface RunRef {
  id: string;
}

export class MobileCancelNotices {
  private readonly shown = new Map<string, Notice>();

  constructor(private readonly cancel: (id: string) => void) {}

  /** Call whenever runs start or end, with the runs active now. */
  update(active: readonly RunRef[]): void {
    const ids = new Set(active.map((r) => r.id));
    for (const [id, notice] of this.shown) {
      if (ids.has(id)) continue;
      notice.hide();
      this.shown.delete(id);
    }
    for (const id of ids) {
      if (this.shown.has(id)) continue;
      // Duration 0: the notice stays until the run ends (or the user dismisses it by tapping it).
      const notice = new Notice(`Planning ${id}…`, 0);
      const button = notice.messageEl.createEl('button', { text: 'Cancel planning', cls: 'wp-cancel-notice__button' });
      button.addEventListener('click', () => {
        this.cancel(id);
        notice.hide();
      });
      this.shown.set(id, notice);
    }
  }

  /** Hides every notice (the plugin unloads). */
  clear(): void {
    this.update([]);
  }
}
