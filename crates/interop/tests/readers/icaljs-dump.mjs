// Reads a file the way Thunderbird does, with ical.js, and prints what it found as JSON, in
// the shape tests/it/readers.rs compares with what Outpost exported.
//
//   node icaljs-dump.mjs ics FILE   the events of an .ics file
//   node icaljs-dump.mjs vcf FILE   the contacts of a .vcf file
//
// Exit code 3: ical.js is not installed (`npm ci` in this folder); the Rust test then skips or,
// when the readers are required, fails.
import { readFileSync } from "node:fs";

let ICAL;
try {
  ICAL = (await import("ical.js")).default;
} catch (e) {
  console.error(`ical.js is not installed here (npm ci in ${import.meta.dirname}): ${e.message}`);
  process.exit(3);
}

const [mode, path] = process.argv.slice(2);
const text = readFileSync(path, "utf8");

/** A time as one comparable string: a date, a UTC time, or a zoned local time with its instant. */
function when(time) {
  if (!time) return null;
  if (time.isDate) return time.toString();
  if (time.zone === ICAL.Timezone.utcTimezone) return time.toString();
  const tzid = time.zone?.tzid ?? time.timezone ?? "floating";
  const utc = time.convertToZone(ICAL.Timezone.utcTimezone).toString();
  return `${time.toString()} ${tzid} = ${utc}`;
}

function text_of(comp, name) {
  const v = comp.getFirstPropertyValue(name);
  return v === null || v === undefined ? null : String(v);
}

function rule(recur) {
  if (!recur) return null;
  return {
    freq: recur.freq,
    interval: recur.interval,
    count: recur.count ?? null,
    until: recur.until ? when(recur.until) : null,
    byday: recur.parts.BYDAY ?? [],
    bymonthday: recur.parts.BYMONTHDAY ?? [],
  };
}

function alarm(comp) {
  const trigger = comp.getFirstProperty("trigger");
  const value = trigger.getFirstValue();
  return {
    action: text_of(comp, "action"),
    // Minutes from the start (negative: before it); a date-time trigger as its time.
    trigger: value instanceof ICAL.Duration ? value.toSeconds() / 60 : when(value),
    related: trigger.getParameter("related") ?? "START",
    description: text_of(comp, "description"),
    summary: text_of(comp, "summary"),
  };
}

function event(comp) {
  const exdates = comp.getAllProperties("exdate").flatMap((p) => p.getValues().map(when));
  return {
    uid: text_of(comp, "uid"),
    recurrenceId: when(comp.getFirstPropertyValue("recurrence-id")),
    summary: text_of(comp, "summary"),
    description: text_of(comp, "description"),
    location: text_of(comp, "location"),
    status: text_of(comp, "status"),
    class: text_of(comp, "class"),
    start: when(comp.getFirstPropertyValue("dtstart")),
    end: when(comp.getFirstPropertyValue("dtend")),
    rule: rule(comp.getFirstPropertyValue("rrule")),
    exdates,
    alarms: comp.getAllSubcomponents("valarm").map(alarm),
  };
}

function calendars() {
  // Thunderbird's import (CalICSService.parseICS, then CalIcsParser) does exactly this: one
  // component from ICAL.parse, then its VCALENDAR or the VCALENDARs under it.
  const root = new ICAL.Component(ICAL.parse(text));
  const cals = root.name === "vcalendar" ? [root] : root.getAllSubcomponents("vcalendar");
  return cals.map((cal) => {
    // Times are read in the file's own VTIMEZONEs, so a wrong VTIMEZONE shows as a wrong instant.
    for (const tz of cal.getAllSubcomponents("vtimezone")) {
      ICAL.TimezoneService.register(tz);
    }
    return {
      name: text_of(cal, "x-wr-calname"),
      // Sorted: their order means nothing, and libical does not keep it.
      timezones: cal.getAllSubcomponents("vtimezone").map((tz) => text_of(tz, "tzid")).sort(),
      events: cal.getAllSubcomponents("vevent").map(event),
    };
  });
}

function contacts() {
  // Thunderbird's .vcf import cuts the file into cards and parses each one.
  const cards = text.match(/BEGIN:VCARD\r?\n(?:.*\r?\n)*?END:VCARD\r?\n/gi) ?? [];
  return cards.map((card) => {
    const comp = new ICAL.Component(ICAL.parse(card));
    const all = (name) => comp.getAllProperties(name).map((p) => p.getFirstValue());
    return {
      version: text_of(comp, "version"),
      fn: text_of(comp, "fn"),
      n: comp.getFirstPropertyValue("n"),
      email: all("email"),
      tel: all("tel"),
      url: all("url"),
      adr: all("adr"),
      note: text_of(comp, "note"),
    };
  });
}

const out = mode === "vcf" ? contacts() : calendars();
process.stdout.write(JSON.stringify(out, null, 1));
