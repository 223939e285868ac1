// Times as the editor and the calendar show them: instants (RFC 3339, UTC) turned into a zone's
// wall clock and back, with Luxon.

import { DateTime } from "luxon";

/** The computer's own time zone. */
export function localZone(): string {
  return DateTime.local().zoneName ?? "UTC";
}

export function isZone(name: string): boolean {
  return DateTime.local().setZone(name).isValid;
}

let zones: string[] | null = null;
/** Every IANA zone the browser knows, UTC included. */
export function zoneNames(): string[] {
  if (!zones) {
    const known = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
    zones = Array.from(new Set(["UTC", ...known])).sort();
  }
  return zones;
}

/** The value of a `datetime-local` input (or a `date` input, all day) for an instant, in `zone`. */
export function toInput(iso: string, zone: string, allDay: boolean): string {
  const t = DateTime.fromISO(iso, { setZone: false }).setZone(zone);
  if (!t.isValid) return "";
  return allDay ? t.toFormat("yyyy-MM-dd") : t.toFormat("yyyy-MM-dd'T'HH:mm");
}

/** An input's value read as a wall-clock time in `zone`; null when it is not a time. */
export function fromInput(text: string, zone: string): DateTime | null {
  if (!text.trim()) return null;
  const t = DateTime.fromISO(text.trim(), { zone });
  return t.isValid ? t : null;
}

/** RFC 3339 in UTC, as the backend stores instants. */
export function utc(t: DateTime): string {
  return t.toUTC().toISO({ suppressMilliseconds: true }) ?? "";
}

/**
 * All-day entries run from the first day's midnight to the midnight after the last day; the
 * editor shows the last day itself.
 */
export function allDayEndInput(endIso: string, zone: string): string {
  const t = DateTime.fromISO(endIso).setZone(zone);
  if (!t.isValid) return "";
  return t.minus({ milliseconds: 1 }).toFormat("yyyy-MM-dd");
}

/** "Mon 2 Nov 2026, 09:00–09:15", in `zone`. */
export function rangeWords(startIso: string, endIso: string, zone: string, allDay: boolean): string {
  const s = DateTime.fromISO(startIso).setZone(zone);
  const e = DateTime.fromISO(endIso).setZone(zone);
  if (!s.isValid || !e.isValid) return "";
  const day = (t: DateTime) => t.toFormat("ccc d LLL yyyy");
  if (allDay) {
    const last = e.minus({ milliseconds: 1 });
    return last.hasSame(s, "day") ? `${day(s)}, all day` : `${day(s)} – ${day(last)}, all day`;
  }
  if (e.hasSame(s, "day")) return `${day(s)}, ${s.toFormat("HH:mm")}–${e.toFormat("HH:mm")}`;
  return `${day(s)} ${s.toFormat("HH:mm")} – ${day(e)} ${e.toFormat("HH:mm")}`;
}

/** "HH:mm" of an instant in `zone`. */
export function clock(iso: string, zone: string): string {
  return DateTime.fromISO(iso).setZone(zone).toFormat("HH:mm");
}

/** "Mon 2 Nov", the day of an instant in `zone`. */
export function dayWords(iso: string, zone: string): string {
  return DateTime.fromISO(iso).setZone(zone).toFormat("ccc d LLL");
}
