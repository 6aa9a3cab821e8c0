// Calendar arithmetic in IANA time zones with nothing but Intl: no time zone tables in the
// database are needed, and DST changes and offsets that are not whole hours (Asia/Kathmandu
// +05:45, Australia/Lord_Howe's 30-minute DST) come out right.

const dayMs = 86_400_000;
const minuteMs = 60_000;

/** Whether the runtime's time zone database knows this IANA name. */
export function isKnownTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const wallClockFormatters = new Map<string, Intl.DateTimeFormat>();

function wallClockFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = wallClockFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    wallClockFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The zone's offset from UTC at an instant, in milliseconds (east positive). */
export function offsetAt(instantMs: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of wallClockFormatter(timeZone).formatToParts(new Date(instantMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const wallClockAsUtc = Date.UTC(parts.year!, parts.month! - 1, parts.day, parts.hour, parts.minute, parts.second);
  return wallClockAsUtc - Math.floor(instantMs / 1000) * 1000;
}

/** The calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function localDate(instant: Date | number, timeZone: string): string {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  return new Date(ms + offsetAt(ms, timeZone)).toISOString().slice(0, 10);
}

/** The date `days` calendar days after a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);
}

/** Every date from `from` to `to`, both included. */
export function datesBetween(from: string, to: string): string[] {
  const dates: string[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) dates.push(date);
  return dates;
}

/** The first instant of a local calendar date (which is not midnight where DST skips it). */
export function startOfLocalDay(date: string, timeZone: string): number {
  // Offsets lie within -12:00 and +14:00, so the day starts in this window; offsets change
  // on whole minutes, so a binary search over minutes finds the first instant of the date.
  let low = Date.parse(`${date}T00:00:00Z`) - 15 * 3_600_000;
  let high = Date.parse(`${date}T00:00:00Z`) + 13 * 3_600_000;
  while (high - low > minuteMs) {
    const middle = low + Math.floor((high - low) / 2 / minuteMs) * minuteMs;
    if (localDate(middle, timeZone) >= date) high = middle;
    else low = middle;
  }
  return high;
}

/** A stretch of time over which the zone's offset does not change. */
export interface OffsetSegment {
  /** First instant after the segment; `null` for the last one. */
  endMs: number | null;
  offsetMs: number;
}

/** The zone's constant-offset segments over [fromMs, toMs]. */
export function offsetSegments(fromMs: number, toMs: number, timeZone: string): OffsetSegment[] {
  const segments: OffsetSegment[] = [];
  let offset = offsetAt(fromMs, timeZone);
  for (let probe = fromMs; probe < toMs;) {
    const next = Math.min(probe + 6 * 3_600_000, toMs);
    const nextOffset = offsetAt(next, timeZone);
    if (nextOffset !== offset) {
      // Offsets change on whole seconds: search the first second with the new offset.
      let lowSecond = Math.floor(probe / 1000);
      let highSecond = Math.ceil(next / 1000);
      while (highSecond - lowSecond > 1) {
        const middle = Math.floor((lowSecond + highSecond) / 2);
        if (offsetAt(middle * 1000, timeZone) === offset) lowSecond = middle;
        else highSecond = middle;
      }
      const change = highSecond * 1000;
      segments.push({ endMs: change, offsetMs: offset });
      offset = nextOffset;
    }
    probe = next;
  }
  segments.push({ endMs: null, offsetMs: offset });
  return segments;
}
