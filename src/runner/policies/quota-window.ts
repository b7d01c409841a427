// When a Quota's counting window starts and ends, by the policy's type:
//   (no type)      aligned to the clock in UTC: the counter resets at the top
//                  of the minute or hour, at midnight, at midnight starting
//                  Sunday, or at the start of the month
//   calendar       every Interval × TimeUnit from <StartTime> (UTC)
//   flexi          Interval × TimeUnit from the first request of a window
//   rollingwindow  the Interval × TimeUnit before each request (see quota.ts)

export const TIME_UNITS = ["minute", "hour", "day", "week", "month"] as const;
export type TimeUnit = (typeof TIME_UNITS)[number];

const UNIT_MS: Record<Exclude<TimeUnit, "month">, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000, week: 7 * 86_400_000 };

/** `t` plus `count` units; months follow the calendar. */
export function addUnits(t: number, unit: TimeUnit, count: number): number {
  if (unit !== "month") return t + UNIT_MS[unit] * count;
  const d = new Date(t);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + count, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds());
}

/** The start of the unit containing `t`, in UTC; weeks start on Sunday. */
function unitStart(t: number, unit: TimeUnit): number {
  const d = new Date(t);
  switch (unit) {
    case "minute":
      return t - (t % 60_000);
    case "hour":
      return t - (t % 3_600_000);
    case "day":
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
    case "week":
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - d.getUTCDay());
    case "month":
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  }
}

export interface Window {
  start: number;
  end: number;
}

export function clockAlignedWindow(now: number, unit: TimeUnit, interval: number): Window {
  const start = unitStart(now, unit);
  return { start, end: addUnits(start, unit, interval) };
}

export function calendarWindow(now: number, startTime: number, unit: TimeUnit, interval: number): Window {
  let start = startTime;
  if (unit !== "month") {
    const length = UNIT_MS[unit] * interval;
    start = startTime + Math.floor((now - startTime) / length) * length;
  } else {
    while (addUnits(start, unit, interval) <= now) start = addUnits(start, unit, interval);
    while (start > now) start = addUnits(start, unit, -interval);
  }
  return { start, end: addUnits(start, unit, interval) };
}

export function flexiWindow(now: number, unit: TimeUnit, interval: number): Window {
  return { start: now, end: addUnits(now, unit, interval) };
}

/** "2025-01-31 14:00:00" (UTC) as epoch milliseconds, or null when not in that form. */
export function parseStartTime(text: string): number | null {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2}) (\d{1,2}):(\d{2}):(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number);
  const t = Date.UTC(y, mo - 1, d, h, mi, s);
  return Number.isNaN(t) ? null : t;
}
