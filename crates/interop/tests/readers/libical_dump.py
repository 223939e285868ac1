#!/usr/bin/env python3
"""Reads an .ics file with libical, Evolution's parser (through GObject introspection:
python3-gi and gir1.2-ical-3.0), and prints its events as JSON in the shape
tests/it/readers.rs compares with what Outpost exported (the same shape as icaljs-dump.mjs).

Exit code 3: python3-gi or libical's introspection data is not installed.
"""
import json
import sys

try:
    import gi

    gi.require_version("ICalGLib", "3.0")
    from gi.repository import ICalGLib as I
except (ImportError, ValueError) as e:  # the Rust test reports this and decides whether it fails
    print(f"libical through python3-gi is not available ({sys.executable}): {e}", file=sys.stderr)
    sys.exit(3)

K = I.ComponentKind
P = I.PropertyKind
WEEKDAYS = {1: "SU", 2: "MO", 3: "TU", 4: "WE", 5: "TH", 6: "FR", 7: "SA"}
ARRAY_END = 0x7F7F  # ICAL_RECURRENCE_ARRAY_MAX: the end of a BY* list


def stamp(t):
    return "%04d-%02d-%02dT%02d:%02d:%02d" % (
        t.get_year(), t.get_month(), t.get_day(), t.get_hour(), t.get_minute(), t.get_second()
    )


def when(t):
    """A time as one comparable string: a date, a UTC time, or a zoned local time with its instant."""
    if t is None or t.is_null_time():
        return None
    if t.is_date():
        return "%04d-%02d-%02d" % (t.get_year(), t.get_month(), t.get_day())
    if t.is_utc():
        return stamp(t) + "Z"
    zone = t.get_timezone()
    if zone is None:
        return stamp(t) + " floating"
    utc = t.convert_to_zone(I.Timezone.get_utc_timezone())
    return "%s %s = %sZ" % (stamp(t), zone.get_tzid(), stamp(utc))


def text(comp, kind):
    p = comp.get_first_property(kind)
    return None if p is None else unescaped(p)


def unescaped(p):
    # get_value_as_string gives the value as written (escaped); TEXT values read through the
    # typed value are the text itself.
    v = p.get_value()
    if v.isa() == I.ValueKind.TEXT_VALUE:
        return v.get_text()
    return p.get_value_as_string()


def zoned(t, prop, cal):
    """The time with the zone its TZID names: libical leaves RECURRENCE-ID floating, where
    Evolution (e_cal_component_get_recurid) reads the TZID beside it."""
    tzid = prop.get_first_parameter(I.ParameterKind.TZID_PARAMETER)
    if tzid is not None and t.get_timezone() is None and not t.is_utc():
        t.set_timezone(cal.get_timezone(tzid.get_tzid()))
    return t


def ints(array):
    return [x for x in array if x != ARRAY_END]


def rule(comp):
    p = comp.get_first_property(P.RRULE_PROPERTY)
    if p is None:
        return None
    r = p.get_rrule()
    byday = []
    for d in ints(r.get_by_day_array()):
        pos = I.Recurrence.day_position(d)
        byday.append(("%d" % pos if pos else "") + WEEKDAYS[int(I.Recurrence.day_day_of_week(d))])
    until = r.get_until()
    return {
        "freq": I.Recurrence.frequency_to_string(r.get_freq()),
        "interval": r.get_interval(),
        "count": r.get_count() or None,
        "until": when(until) if until is not None and not until.is_null_time() else None,
        "byday": byday,
        "bymonthday": ints(r.get_by_month_day_array()),
    }


def alarm(a):
    p = a.get_first_property(P.TRIGGER_PROPERTY)
    trig = p.get_trigger()
    related = p.get_first_parameter(I.ParameterKind.RELATED_PARAMETER)
    if trig.get_time() is not None and not trig.get_time().is_null_time():
        trigger = when(trig.get_time())
    else:
        d = trig.get_duration()
        trigger = d.as_int() // 60
    action = a.get_first_property(P.ACTION_PROPERTY)
    return {
        "action": action.get_value_as_string() if action else None,
        "trigger": trigger,
        "related": related.get_value_as_string() if related else "START",
        "description": text(a, P.DESCRIPTION_PROPERTY),
        "summary": text(a, P.SUMMARY_PROPERTY),
    }


def each(comp, kind):
    c = comp.get_first_component(kind)
    while c is not None:
        yield c
        c = comp.get_next_component(kind)


def event(ev, cal):
    exdates = []
    p = ev.get_first_property(P.EXDATE_PROPERTY)
    while p is not None:
        exdates.append(when(p.get_exdate()))
        p = ev.get_next_property(P.EXDATE_PROPERTY)
    rid = ev.get_first_property(P.RECURRENCEID_PROPERTY)
    end = ev.get_first_property(P.DTEND_PROPERTY)
    return {
        "uid": ev.get_uid(),
        "recurrenceId": when(zoned(rid.get_recurrenceid(), rid, cal)) if rid is not None else None,
        "summary": text(ev, P.SUMMARY_PROPERTY),
        "description": text(ev, P.DESCRIPTION_PROPERTY),
        "location": text(ev, P.LOCATION_PROPERTY),
        "status": text(ev, P.STATUS_PROPERTY),
        "class": text(ev, P.CLASS_PROPERTY),
        # Through the component, so libical resolves each TZID in the file's VTIMEZONEs.
        "start": when(ev.get_dtstart()),
        "end": when(ev.get_dtend()) if end is not None else None,
        "rule": rule(ev),
        "exdates": exdates,
        "alarms": [alarm(a) for a in each(ev, K.VALARM_COMPONENT)],
    }


def main(path):
    with open(path, encoding="utf-8") as f:
        root = I.Parser.parse_string(f.read())
    if root is None:
        print("libical could not parse the file", file=sys.stderr)
        sys.exit(1)
    # A file with several VCALENDARs comes back as an XROOT holding them.
    cals = [root] if root.isa() == K.VCALENDAR_COMPONENT else list(each(root, K.VCALENDAR_COMPONENT))
    out = []
    for cal in cals:
        name = None
        p = cal.get_first_property(P.X_PROPERTY)
        while p is not None:
            if p.get_x_name() == "X-WR-CALNAME":
                name = p.get_value_as_string()
            p = cal.get_next_property(P.X_PROPERTY)
        out.append({
            "name": name,
            # Sorted: their order means nothing, and libical does not keep it.
            "timezones": sorted(z.get_first_property(P.TZID_PROPERTY).get_tzid() for z in each(cal, K.VTIMEZONE_COMPONENT)),
            "events": [event(e, cal) for e in each(cal, K.VEVENT_COMPONENT)],
        })
    json.dump(out, sys.stdout, indent=1)


if __name__ == "__main__":
    main(sys.argv[1])
