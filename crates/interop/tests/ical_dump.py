#!/usr/bin/env python3
"""Reads an .ics file with the python `icalendar` library and prints its events as JSON.

Used by tests/it/ical_export.rs to check that Outpost's export is readable by another
implementation. Exit code 3 means `icalendar` is not installed.
"""
import json
import sys

try:
    import icalendar
except ImportError as e:  # the Rust test reports this and decides whether it fails
    print(f"python icalendar is not importable: {e}", file=sys.stderr)
    sys.exit(3)


def when(prop):
    if prop is None:
        return None
    value = prop.dt
    return value.isoformat()


def zone(prop):
    if prop is None or not hasattr(prop.dt, "tzinfo") or prop.dt.tzinfo is None:
        return None
    return str(prop.dt.tzinfo)


def main(path):
    with open(path, "rb") as f:
        data = f.read()
    calendars = icalendar.Calendar.from_ical(data, multiple=True)
    out = []
    for cal in calendars:
        events = []
        for ev in cal.walk("VEVENT"):
            exdates = []
            raw = ev.get("EXDATE")
            for group in raw if isinstance(raw, list) else ([raw] if raw is not None else []):
                exdates.extend(d.dt.isoformat() for d in group.dts)
            rrule = ev.get("RRULE")
            alarms = [
                {
                    "action": str(a.get("ACTION")),
                    # Minutes from the start (negative: before it), as python reads the trigger.
                    "triggerMinutes": int(a.get("TRIGGER").dt.total_seconds()) // 60,
                    "description": str(a.get("DESCRIPTION")) if a.get("DESCRIPTION") is not None else None,
                    "summary": str(a.get("SUMMARY")) if a.get("SUMMARY") is not None else None,
                }
                for a in ev.walk("VALARM")
            ]
            events.append({
                "uid": str(ev.get("UID")),
                "summary": str(ev.get("SUMMARY")),
                "description": str(ev.get("DESCRIPTION")) if ev.get("DESCRIPTION") is not None else None,
                "location": str(ev.get("LOCATION")) if ev.get("LOCATION") is not None else None,
                "status": str(ev.get("STATUS")) if ev.get("STATUS") is not None else None,
                "dtstart": when(ev.get("DTSTART")),
                "dtend": when(ev.get("DTEND")),
                "tz": zone(ev.get("DTSTART")),
                "rrule": rrule.to_ical().decode() if rrule is not None else None,
                "exdates": exdates,
                "recurrenceId": when(ev.get("RECURRENCE-ID")),
                "alarms": alarms,
            })
        out.append({
            "name": str(cal.get("X-WR-CALNAME")),
            "timezones": [str(tz.get("TZID")) for tz in cal.walk("VTIMEZONE")],
            "events": events,
        })
    json.dump(out, sys.stdout, indent=1, sort_keys=True)


if __name__ == "__main__":
    main(sys.argv[1])
