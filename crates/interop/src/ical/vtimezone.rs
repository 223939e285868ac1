//! `VTIMEZONE` components from the zone database (chrono-tz), so readers without their own
//! zone data see the right offsets. Transitions are found by scanning the exported range day
//! by day and narrowing each change to the second; the last year's pair is also written as a
//! yearly rule so times after the range keep their daylight-saving changes.

use std::io::{self, Write};

use chrono::{DateTime, Datelike, Duration, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::{OffsetComponents, Tz};

use super::tz::nth_weekday;
use crate::text::write_folded;

fn offset(tz: Tz, t: DateTime<Utc>) -> (i32, bool) {
    let o = tz.offset_from_utc_datetime(&t.naive_utc());
    (o.fix().local_minus_utc(), !o.dst_offset().is_zero())
}

/// A change of offset at `at` (UTC).
#[derive(Debug, Clone, Copy)]
struct Transition {
    at: DateTime<Utc>,
    from: i32,
    to: i32,
    dst: bool,
}

fn transitions(tz: Tz, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<Transition> {
    let mut out = Vec::new();
    let mut t = from;
    let mut current = offset(tz, t);
    while t < to {
        let next = t + Duration::days(1);
        let o = offset(tz, next);
        if o != current {
            // Narrow the change down to the second.
            let (mut lo, mut hi) = (t.timestamp(), next.timestamp());
            while hi - lo > 1 {
                let mid = lo + (hi - lo) / 2;
                let at = DateTime::from_timestamp(mid, 0).unwrap_or(t);
                if offset(tz, at) == current {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            out.push(Transition {
                at: DateTime::from_timestamp(hi, 0).unwrap_or(next),
                from: current.0,
                to: o.0,
                dst: o.1,
            });
            current = o;
        }
        t = next;
    }
    out
}

fn fmt_offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.abs();
    if s % 60 != 0 {
        format!("{sign}{:02}{:02}{:02}", s / 3600, (s % 3600) / 60, s % 60)
    } else {
        format!("{sign}{:02}{:02}", s / 3600, (s % 3600) / 60)
    }
}

fn local(t: DateTime<Utc>, offset: i32) -> NaiveDateTime {
    t.naive_utc() + Duration::seconds(offset as i64)
}

/// The BYDAY of a transition's local date: `-1SU` for the last such weekday of its month,
/// `2SU` for the second.
fn byday(t: NaiveDateTime) -> String {
    let d = t.date();
    let code =
        ["SU", "MO", "TU", "WE", "TH", "FR", "SA"][d.weekday().num_days_from_sunday() as usize];
    if nth_weekday(d.year(), d.month(), d.weekday(), -1) == Some(d) {
        format!("-1{code}")
    } else {
        format!("{}{code}", (d.day() - 1) / 7 + 1)
    }
}

fn observance<W: Write>(
    out: &mut W,
    t: &Transition,
    name: &str,
    rrule: Option<String>,
) -> io::Result<()> {
    let kind = if t.dst { "DAYLIGHT" } else { "STANDARD" };
    write_folded(out, &format!("BEGIN:{kind}"))?;
    write_folded(
        out,
        &format!("DTSTART:{}", local(t.at, t.from).format("%Y%m%dT%H%M%S")),
    )?;
    if let Some(rule) = rrule {
        write_folded(out, &format!("RRULE:{rule}"))?;
    }
    write_folded(out, &format!("TZOFFSETFROM:{}", fmt_offset(t.from)))?;
    write_folded(out, &format!("TZOFFSETTO:{}", fmt_offset(t.to)))?;
    write_folded(out, &format!("TZNAME:{name}"))?;
    write_folded(out, &format!("END:{kind}"))
}

/// Writes the `VTIMEZONE` of `tz` for times from `from` to `to`.
pub(crate) fn write<W: Write>(
    out: &mut W,
    tz: Tz,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> io::Result<()> {
    // A year of margin either side; at most 30 years scanned (a series running for centuries
    // relies on the yearly rule written at the end).
    let from = from - Duration::days(366);
    let to = (to + Duration::days(366)).min(from + Duration::days(366 * 30));
    let list = transitions(tz, from, to);
    write_folded(out, "BEGIN:VTIMEZONE")?;
    write_folded(out, &format!("TZID:{}", tz.name()))?;
    let abbreviation = |t: DateTime<Utc>| tz.offset_from_utc_datetime(&t.naive_utc()).to_string();
    if list.is_empty() {
        // No change in the range: one observance with the zone's offset throughout.
        let (o, dst) = offset(tz, from);
        let t = Transition {
            at: from,
            from: o,
            to: o,
            dst,
        };
        observance(out, &t, &abbreviation(from), None)?;
    } else {
        // The last two transitions repeat yearly when they look like a daylight-saving rule;
        // then they are written with RRULEs so readers extend them past the range.
        let n = list.len();
        let yearly_tail = n >= 4 && {
            let same = |a: &Transition, b: &Transition| {
                let (la, lb) = (local(a.at, a.from), local(b.at, b.from));
                a.from == b.from
                    && a.to == b.to
                    && la.month() == lb.month()
                    && la.time() == lb.time()
                    && byday(la) == byday(lb)
                    && lb.year() == la.year() + 1
            };
            same(&list[n - 4], &list[n - 2]) && same(&list[n - 3], &list[n - 1])
        };
        let explicit = if yearly_tail { n - 2 } else { n };
        for t in &list[..explicit] {
            observance(out, t, &abbreviation(t.at), None)?;
        }
        if yearly_tail {
            for t in &list[n - 2..] {
                let l = local(t.at, t.from);
                let rule = format!("FREQ=YEARLY;BYMONTH={};BYDAY={}", l.month(), byday(l));
                observance(out, t, &abbreviation(t.at), Some(rule))?;
            }
        }
    }
    write_folded(out, "END:VTIMEZONE")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn berlin_has_its_changes_and_a_yearly_tail() {
        let from = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        let to = Utc.with_ymd_and_hms(2026, 12, 31, 0, 0, 0).unwrap();
        let list = transitions(chrono_tz::Europe::Berlin, from, to);
        assert_eq!(list.len(), 2);
        assert_eq!(
            list[0].at,
            Utc.with_ymd_and_hms(2026, 3, 29, 1, 0, 0).unwrap()
        );
        assert!(list[0].dst);
        let mut out = Vec::new();
        write(&mut out, chrono_tz::Europe::Berlin, from, to).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.contains("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU"),
            "{text}"
        );
        assert!(text.contains("DTSTART:20260329T020000\r\n"), "{text}");
        assert!(
            text.contains("TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200"),
            "{text}"
        );
    }

    #[test]
    fn a_zone_without_changes_has_one_observance() {
        let from = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        let mut out = Vec::new();
        write(&mut out, chrono_tz::Asia::Kolkata, from, from).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text.matches("BEGIN:STANDARD").count(), 1);
        assert!(text.contains("TZOFFSETTO:+0530"));
    }
}
