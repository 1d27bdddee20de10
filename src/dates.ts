/**
 * Calendar dates as `YYYY-MM-DD` strings, compared in UTC. The manifest, the policy and `today` all
 * speak in whole days, so there are no time zones or clocks in here.
 */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date (2026-02-28 yes, 2026-02-30 no). */
export function isIsoDate(text: string): text is IsoDate {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function epochDay(date: IsoDate): number {
  return Date.parse(`${date}T00:00:00Z`) / 86_400_000;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round(epochDay(to) - epochDay(from));
}

/** The current UTC date; the only clock read in the tool, kept at its edge. */
export function currentUtcDate(): IsoDate {
  return new Date().toISOString().slice(0, 10);
}
