// "Repeats": the rule form, and the body of `make_recurring` (the platform's recurrence master).

import type { Frequency, Series } from "../generated/bindings";
import { invalid } from "./errors";
import { fromInput, utc } from "./time";

export type { Frequency };
export type Ending = "never" | "until" | "count";

export interface RecurrenceForm {
  frequency: Frequency;
  /** Every so many days, weeks, months or years, as typed. */
  interval: string;
  /** 0 = Sunday ... 6 = Saturday. */
  weekdays: number[];
  /** Days of the month as typed: "1, 15". */
  monthDays: string;
  ending: Ending;
  /** The last day, yyyy-MM-dd. */
  until: string;
  count: string;
}

export const FREQUENCIES = ["daily", "weekly", "monthly", "yearly"] as const satisfies readonly Frequency[];

export const FREQUENCY_WORDS: Record<Frequency, string> = {
  daily: "Daily",
  weekly: "Weekly",
  monthly: "Monthly",
  yearly: "Yearly",
};

export const INTERVAL_UNITS: Record<Frequency, [string, string]> = {
  daily: ["day", "days"],
  weekly: ["week", "weeks"],
  monthly: ["month", "months"],
  yearly: ["year", "years"],
};

export const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] as const;

export const RECURRENCE_LABELS: Record<string, string> = {
  frequency: "Repeats",
  intervalCount: "Every",
  byWeekday: "On",
  byMonthDay: "On days of the month",
  untilAt: "Until",
  occurrenceCountLimit: "Times",
  startsAt: "Start",
  rootEntryId: "Entry",
  calendarId: "Calendar",
  timezone: "Time zone",
};

export function defaultRecurrence(weekdayOfStart: number): RecurrenceForm {
  return { frequency: "weekly", interval: "1", weekdays: [weekdayOfStart], monthDays: "", ending: "never", until: "", count: "10" };
}

function wholeNumber(field: string, text: string, min: number, max?: number): number {
  const n = Number(text.trim());
  if (!text.trim() || !Number.isSafeInteger(n) || n < min || (max !== undefined && n > max)) {
    throw invalid(field, max === undefined ? `a whole number, at least ${min}` : `a whole number from ${min} to ${max}`);
  }
  return n;
}

interface Root {
  /** The entry that becomes the series' first occurrence. */
  entryId: string;
  calendarId: string;
  startsAt: string;
  timezone: string;
}

/** The body of `make_recurring`; throws an `invalid` error at the field that cannot be read. */
export function recurrenceBody(form: RecurrenceForm, root: Root): Series {
  const body: Series = {
    rootEntryId: root.entryId,
    calendarId: root.calendarId,
    frequency: form.frequency,
    intervalCount: wholeNumber("intervalCount", form.interval, 1),
    startsAt: root.startsAt,
    timezone: root.timezone,
  };
  if (form.frequency === "weekly") {
    if (form.weekdays.length === 0) throw invalid("byWeekday", "choose at least one day");
    body.byWeekday = [...form.weekdays].sort((a, b) => a - b);
  }
  if (form.frequency === "monthly" && form.monthDays.trim()) {
    const days = form.monthDays.split(/[\s,;]+/).filter(Boolean);
    body.byMonthDay = Array.from(new Set(days.map((d) => wholeNumber("byMonthDay", d, 1, 31)))).sort((a, b) => a - b);
  }
  if (form.ending === "until") {
    const last = fromInput(form.until, root.timezone);
    if (!last) throw invalid("untilAt", form.until.trim() ? "not a date" : "required");
    body.untilAt = utc(last.endOf("day").set({ millisecond: 0 }));
  }
  if (form.ending === "count") body.occurrenceCountLimit = wholeNumber("occurrenceCountLimit", form.count, 1);
  return body;
}

/** "Weekly on Monday, Wednesday, Friday, 10 times": a rule the backend keeps, in words. */
export function ruleWords(
  series: Pick<Series, "frequency" | "intervalCount" | "byWeekday" | "byMonthDay" | "occurrenceCountLimit" | "untilAt">,
): string {
  const f = series.frequency;
  const n = series.intervalCount ?? 1;
  let words = n === 1 ? FREQUENCY_WORDS[f] : `Every ${n} ${INTERVAL_UNITS[f][1]}`;
  const wd = series.byWeekday ?? [];
  if (wd.length) words += ` on ${wd.map((d) => WEEKDAYS[d] ?? String(d)).join(", ")}`;
  const md = series.byMonthDay ?? [];
  if (md.length) words += ` on day${md.length === 1 ? "" : "s"} ${md.join(", ")}`;
  if (series.occurrenceCountLimit !== undefined) words += `, ${series.occurrenceCountLimit} times`;
  if (series.untilAt !== undefined) words += `, until ${series.untilAt.slice(0, 10)}`;
  return words;
}
