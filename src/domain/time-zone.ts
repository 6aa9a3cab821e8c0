// Calendar arithmetic in IANA time zones with nothing but Intl: no time zone tables in the
// database are needed, and DST changes and offsets that are not whole hours (Asia/Kathmandu
// +05:45, Australia/Lord_Howe's 30-minute DST) come out right.
//
// Invariants: every function below takes a zone id that resolveTimeZone returned, never a
// caller's string; every cache is a BoundedCache keyed by that id (or by a bounded function
// of the caller's string), so no sequence of requests grows memory without bound.
import { BoundedCache } from '../lib/bounded-cache.js';

const dayMs = 86_400_000;
const minuteMs = 60_000;
const hourMs = 3_600_000;

/** A zone as the service uses it: `id` for arithmetic and caches, `name` to show. */
export interface ResolvedTimeZone {
  /** The runtime's canonical id: case variants and links (US/Eastern) share it. */
  id: string;
  /**
   * The name to echo: the canonical id when the caller's name is a case variant of it
   * (america/new_york → America/New_York); a link is echoed as given (Asia/Kolkata stays
   * Asia/Kolkata although ICU's canonical id is Asia/Calcutta), since the runtime does not
   * know a link's own spelling.
   */
  name: string;
}

// ~600 ids exist (canonical and links); the caps are above what real traffic uses.
const canonicalIds = new BoundedCache<string, string>(256);
const wallClockFormatters = new BoundedCache<string, Intl.DateTimeFormat>(128);
const transitionsByZoneYear = new BoundedCache<string, Transition[]>(512);

// Intl matches zone names ASCII-case-insensitively; a Unicode lower-casing would fold more
// (U+212A KELVIN SIGN to k) and let a name Intl refuses share a valid name's entry.
const asciiLower = (text: string) => text.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());

/** The zone of an IANA name (any case), or undefined when the runtime does not know it. */
export function resolveTimeZone(name: string): ResolvedTimeZone | undefined {
  const folded = asciiLower(name);
  let id = canonicalIds.get(folded);
  if (id === undefined) {
    try {
      id = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
    } catch {
      return undefined;
    }
    canonicalIds.set(folded, id);
  }
  return { id, name: asciiLower(id) === folded ? id : name };
}

/** Whether the runtime's time zone database knows this IANA name. */
export function isKnownTimeZone(name: string): boolean {
  return resolveTimeZone(name) !== undefined;
}

/** Entries in the module's caches, for tests that prove they stay bounded. */
export function timeZoneCacheSizes(): { canonicalIds: number; formatters: number; zoneYears: number } {
  return {
    canonicalIds: canonicalIds.size,
    formatters: wallClockFormatters.size,
    zoneYears: transitionsByZoneYear.size,
  };
}

function wallClockFormatter(timeZone: string): Intl.DateTimeFormat {
  return wallClockFormatters.getOrCreate(
    timeZone,
    () =>
      new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      }),
  );
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

/** At `atMs` the zone's offset becomes `offsetMs`. */
interface Transition {
  atMs: number;
  offsetMs: number;
}

/**
 * The offset changes in (fromMs, toMs]. Probes every 6 hours and searches each change to the
 * second: exact as long as a zone never changes its offset twice within 6 hours.
 */
function scanTransitions(fromMs: number, toMs: number, timeZone: string): Transition[] {
  const transitions: Transition[] = [];
  let offset = offsetAt(fromMs, timeZone);
  for (let probe = fromMs; probe < toMs;) {
    const next = Math.min(probe + 6 * hourMs, toMs);
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
      transitions.push({ atMs: highSecond * 1000, offsetMs: nextOffset });
      offset = nextOffset;
    }
    probe = next;
  }
  return transitions;
}

/** The changes in (start of a UTC year, start of the next], scanned once per zone and year. */
function transitionsOfYear(timeZone: string, year: number): Transition[] {
  return transitionsByZoneYear.getOrCreate(`${timeZone}\n${year}`, () =>
    scanTransitions(Date.UTC(year, 0, 1), Date.UTC(year + 1, 0, 1), timeZone),
  );
}

/** A stretch of time over which the zone's offset does not change. */
export interface OffsetSegment {
  /** First instant after the segment; `null` for the last one. */
  endMs: number | null;
  offsetMs: number;
}

/** The zone's constant-offset segments over [fromMs, toMs], from its cached years. */
export function offsetSegments(fromMs: number, toMs: number, timeZone: string): OffsetSegment[] {
  const segments: OffsetSegment[] = [];
  let offset = offsetAt(fromMs, timeZone);
  const lastYear = new Date(toMs).getUTCFullYear();
  for (let year = new Date(fromMs).getUTCFullYear(); year <= lastYear; year += 1) {
    for (const transition of transitionsOfYear(timeZone, year)) {
      if (transition.atMs <= fromMs || transition.atMs > toMs) continue;
      segments.push({ endMs: transition.atMs, offsetMs: offset });
      offset = transition.offsetMs;
    }
  }
  segments.push({ endMs: null, offsetMs: offset });
  return segments;
}
