/**
 * Expected failures travel as values, not exceptions: `throw` is kept for bugs.
 * Every error union in the core has a `kind` so adapters can switch on it exhaustively.
 */
export type Result<T, E> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });
export const err = <E>(error: E): { ok: false; error: E } => ({ ok: false, error });

/** For exhaustive switches: a new `kind` that nobody handles fails to compile. */
export function assertNever(x: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(x)}`);
}
