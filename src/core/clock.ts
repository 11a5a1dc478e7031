/** Time comes in from the adapters so the core stays deterministic under test. */
export interface Clock {
  now(): Date;
}

/** YYYY-MM-DD in the clock's local time zone (what a person means by "today"). */
export function isoDate(d: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** A timestamp safe in file names on every platform: 20261125-141108. */
export function fileStamp(d: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}
