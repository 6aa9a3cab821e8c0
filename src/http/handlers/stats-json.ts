// A group's stats as JSON bytes, written straight into one buffer. A 1,000-member group's 90
// days are ~70,000 member-days, 6 MB of JSON: built as objects (one per member-day, days with a
// key per member) and serialized, or concatenated as strings, they cost more than reading them
// from the database, most of it in collecting the garbage of ~350,000 short-lived strings.
// Here the fixed parts are encoded once, every number is written digit by digit, and the
// buffer is sized from an upper bound of every part, so no write can fall off its end.
import { roundTo, type GroupStats } from '../../domain/group-stats.js';
import type { components } from '../../generated/openapi.js';
import { SerializedBody } from '../operations.js';

type Schemas = components['schemas'];

const bytes = (text: string) => Buffer.from(text, 'utf8');
const dateField = bytes('{"date":');
const formattedDateField = bytes(',"formattedDate":');
const distanceField = bytes(':{"distance":');
const durationField = bytes(',"duration":');
const vdotLoadField = bytes(',"vdot_load":');
const nexrexEtePlusField = bytes(',"nexrex_ete_plus":');
const comma = 0x2c;
const closingBrace = 0x7d;
const minus = 0x2d;
const point = 0x2e;
const zero = 0x30;

/** Longest JSON text of a double: -1.2345678901234567e+308. */
const maxNumberBytes = 24;
const memberDayBytes =
  1 + distanceField.length + durationField.length + vdotLoadField.length + nexrexEtePlusField.length + 1;
/** A day's JSON beside its two quoted dates: the comma before it, the field names, its brace. */
const dayBytes = 1 + dateField.length + formattedDateField.length + 1;

/** Copies a short fragment: a byte loop beats Buffer#copy's native call for ~15 bytes. */
function put(buffer: Buffer, at: number, fragment: Buffer): number {
  for (let index = 0; index < fragment.length; index += 1) buffer[at + index] = fragment[index]!;
  return at + fragment.length;
}

/**
 * Writes a number already rounded to `decimals` (1 or 2) places as JSON spells it, the same
 * text as JSON.stringify, from its integer count of hundredths or tenths; returns the new
 * offset. Past 10^15 units, and for a value that is not finite, JSON.stringify writes it.
 */
export function writeRoundedNumber(buffer: Buffer, at: number, rounded: number, decimals: 1 | 2): number {
  const factor = decimals === 2 ? 100 : 10;
  let units = Math.round(Math.abs(rounded) * factor);
  if (!(units < 1e15)) return at + buffer.write(JSON.stringify(rounded), at);
  if (rounded < 0 && units !== 0) buffer[at++] = minus;
  // Digits from the last: the fraction without its trailing zeros, then the whole part.
  let fraction = units % factor;
  units = (units - fraction) / factor;
  let fractionLength = fraction === 0 ? 0 : decimals;
  if (fractionLength === 2 && fraction % 10 === 0) {
    fraction /= 10;
    fractionLength = 1;
  }
  let wholeLength = 1;
  for (let rest = units; rest >= 10; rest = Math.floor(rest / 10)) wholeLength += 1;
  let end = at + wholeLength + (fractionLength === 0 ? 0 : 1 + fractionLength);
  const next = end;
  for (let digit = 0; digit < fractionLength; digit += 1) {
    buffer[--end] = zero + (fraction % 10);
    fraction = Math.floor(fraction / 10);
  }
  if (fractionLength > 0) buffer[--end] = point;
  do {
    buffer[--end] = zero + (units % 10);
    units = Math.floor(units / 10);
  } while (end > at);
  return next;
}

/**
 * The stats as the API spells them (docs/decisions.md, Stats): distance km to 2 decimals,
 * duration minutes, the loads to 1 decimal; `formattedDate` repeats `date`.
 */
export function statsJson(stats: GroupStats): SerializedBody<Schemas['GroupStats']> {
  const summary: Schemas['StatsSummary'] = {
    total_distance: stats.totalDistanceMeters,
    total_activities: stats.totalActivities,
    engagement_rate: stats.engagementRate,
  };
  const rest: Omit<Schemas['GroupStats'], 'summary' | 'history'> = {
    member_names: Object.fromEntries(stats.memberNames),
    range: stats.range,
    timezone: stats.timezone,
    from: stats.from,
    to: stats.to,
  };
  const head = bytes(`{"summary":${JSON.stringify(summary)},"history":[`);
  const tail = bytes(`],${JSON.stringify(rest).slice(1)}`);
  const { dates, memberIds, activities, distanceMeters, durationSeconds, vdotLoad, nexrexEtePlus } = stats.memberDays;
  const keys = memberIds.map((userId) => bytes(JSON.stringify(userId)));
  const quotedDates = dates.map((date) => bytes(JSON.stringify(date)));
  let capacity = head.length + tail.length;
  for (const date of quotedDates) capacity += dayBytes + 2 * date.length;
  for (let member = 0; member < memberIds.length; member += 1) {
    let entries = 0;
    for (let cell = member * dates.length; cell < (member + 1) * dates.length; cell += 1)
      if (activities[cell] !== 0) entries += 1;
    capacity += entries * (keys[member]!.length + memberDayBytes + 4 * maxNumberBytes);
  }
  const buffer = Buffer.allocUnsafe(capacity);
  let at = head.copy(buffer, 0);
  for (let day = 0; day < dates.length; day += 1) {
    if (day > 0) buffer[at++] = comma;
    at = put(buffer, at, dateField);
    at = put(buffer, at, quotedDates[day]!);
    at = put(buffer, at, formattedDateField);
    at = put(buffer, at, quotedDates[day]!);
    for (let member = 0, cell = day; member < memberIds.length; member += 1, cell += dates.length) {
      if (activities[cell] === 0) continue;
      buffer[at++] = comma;
      at = put(buffer, at, keys[member]!);
      at = put(buffer, at, distanceField);
      at = writeRoundedNumber(buffer, at, roundTo(distanceMeters[cell]! / 1000, 2), 2);
      at = put(buffer, at, durationField);
      at = writeRoundedNumber(buffer, at, roundTo(durationSeconds[cell]! / 60, 1), 1);
      at = put(buffer, at, vdotLoadField);
      at = writeRoundedNumber(buffer, at, roundTo(vdotLoad[cell]!, 1), 1);
      at = put(buffer, at, nexrexEtePlusField);
      at = writeRoundedNumber(buffer, at, roundTo(nexrexEtePlus[cell]!, 1), 1);
      buffer[at++] = closingBrace;
    }
    buffer[at++] = closingBrace;
  }
  at += tail.copy(buffer, at);
  return new SerializedBody(buffer.subarray(0, at));
}
