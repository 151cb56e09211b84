/** A calendar day, YYYY-MM-DD, in the time zone spending is counted in. */
export function usageDay(at: number, timeZone: string): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(at);
}

/** When the day after the one `at` falls in begins, in that time zone: when a day's budget is fresh again. */
export function startOfNextDay(at: number, timeZone: string): number {
  const today = usageDay(at, timeZone);
  // Hour by hour to the first hour of the next day (a day is 23 to 25 hours long), then narrowed to the minute.
  let low = at;
  let probe = at + 3600_000;
  while (usageDay(probe, timeZone) === today) {
    low = probe;
    probe += 3600_000;
  }
  while (probe - low > 60_000) {
    const middle = Math.floor((low + probe) / 2);
    if (usageDay(middle, timeZone) === today) low = middle;
    else probe = middle;
  }
  return Math.ceil(probe / 60_000) * 60_000;
}

/** The `count` days up to and including `at`'s, oldest first. */
export function daysUpTo(at: number, count: number, timeZone: string): string[] {
  const days: string[] = [];
  let probe = at;
  while (days.length < count) {
    const day = usageDay(probe, timeZone);
    if (days[0] !== day) days.unshift(day);
    probe -= 3600_000;
  }
  return days;
}

/** When a day (YYYY-MM-DD) begins in that time zone. */
export function startOfDay(day: string, timeZone: string): number {
  // From 14 hours before the day's UTC midnight (the farthest any zone is ahead), hour by hour into the day: then
  // its start is the end of the day before.
  let probe = Date.parse(`${day}T00:00:00Z`) - 14 * 3600_000;
  for (let hours = 0; usageDay(probe, timeZone) < day && hours < 40; hours++) probe += 3600_000;
  return startOfNextDay(probe - 2 * 3600_000, timeZone);
}
