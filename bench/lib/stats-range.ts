// A stats range in a time zone, as the API defines it (docs/decisions.md, Stats): a preset is the
// last N local calendar days including today; custom is [from_ts, to_ts]. For the anchors and
// the plain floor, which answer the same requests as the service without its code.
import { addDays, localDate, startOfLocalDay } from '../../src/domain/time-zone.js';

export interface LocalRange {
  /** First and last instant, epoch ms. */
  fromMs: number;
  toMs: number;
  /** First and last local date, YYYY-MM-DD. */
  from: string;
  to: string;
}

/** `range` is a preset (`30d`) or `custom` with `custom`'s seconds; `zone` a canonical IANA id. */
export function localRange(
  range: string,
  now: Date,
  zone: string,
  custom?: { fromTs: number; toTs: number },
): LocalRange {
  if (range === 'custom') {
    const fromMs = custom!.fromTs * 1000;
    const toMs = custom!.toTs * 1000;
    return { fromMs, toMs, from: localDate(fromMs, zone), to: localDate(toMs, zone) };
  }
  const to = localDate(now, zone);
  const from = addDays(to, -(Number.parseInt(range, 10) - 1));
  return { fromMs: startOfLocalDay(from, zone), toMs: startOfLocalDay(addDays(to, 1), zone) - 1, from, to };
}
