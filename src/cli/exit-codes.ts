/** The CLI's exit codes, as the README lists them. */
export const EXIT = { ok: 0, notReady: 1, usage: 2, api: 3, interrupted: 130 } as const;
