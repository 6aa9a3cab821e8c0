// SQLite hands datetimes back as epoch milliseconds, MySQL as Date objects.
export function toDate(value: Date | number | string): Date {
  return value instanceof Date ? value : new Date(value);
}
