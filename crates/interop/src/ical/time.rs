//! DATE, DATE-TIME and DURATION values (RFC 5545 §3.3.4, §3.3.5, §3.3.6).

use chrono::{
    DateTime, Datelike, Duration, LocalResult, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc,
};
use chrono_tz::Tz;

use crate::content_line::ContentLine;

/// A time as the file writes it, before its zone is resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum IcalTime {
    Date(NaiveDate),
    /// No zone at all: "the same wall-clock time wherever you are".
    Floating(NaiveDateTime),
    Utc(DateTime<Utc>),
    Zoned(NaiveDateTime, String),
}

impl IcalTime {
    pub fn is_date(&self) -> bool {
        matches!(self, IcalTime::Date(_))
    }
}

pub(crate) fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if s.len() != 8 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    NaiveDate::parse_from_str(s, "%Y%m%d").ok()
}

/// `19970714T173000` (seconds `60` of a leap second read as `59`).
pub(crate) fn parse_local(s: &str) -> Option<NaiveDateTime> {
    let s = s.trim();
    let digits = |r: &[u8]| r.iter().all(u8::is_ascii_digit);
    let b = s.as_bytes();
    if b.len() != 15 || b[8] != b'T' || !digits(&b[..8]) || !digits(&b[9..]) {
        return None;
    }
    let s = if s.ends_with("60") {
        format!("{}59", &s[..13])
    } else {
        s.to_string()
    };
    NaiveDateTime::parse_from_str(&s, "%Y%m%dT%H%M%S").ok()
}

/// One value (of a possibly comma-separated list) with the property's `VALUE`/`TZID`.
pub(crate) fn parse_value(
    value: &str,
    tzid: Option<&str>,
    date_only: bool,
) -> Result<IcalTime, String> {
    let v = value.trim();
    if date_only || v.len() == 8 {
        return parse_date(v)
            .map(IcalTime::Date)
            .ok_or_else(|| format!("{v:?} is not a date (YYYYMMDD)"));
    }
    if let Some(utc) = v.strip_suffix('Z').or_else(|| v.strip_suffix('z')) {
        return parse_local(utc)
            .map(|t| IcalTime::Utc(t.and_utc()))
            .ok_or_else(|| format!("{v:?} is not a date-time (YYYYMMDDTHHMMSSZ)"));
    }
    let local =
        parse_local(v).ok_or_else(|| format!("{v:?} is not a date-time (YYYYMMDDTHHMMSS)"))?;
    Ok(match tzid {
        Some(tz) => IcalTime::Zoned(local, tz.to_string()),
        None => IcalTime::Floating(local),
    })
}

/// A time as read, and what was read leniently: a value outside RFC 5545's strict grammar
/// whose meaning is still plain (a date without `VALUE=DATE`, a date-time without its `T`).
/// The note is for a warning at the property's line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Read {
    pub time: IcalTime,
    pub lenient: Option<String>,
}

/// The `VALUE` parameter of a time property: `DATE`, or anything else (a date-time).
pub(crate) fn says_date(p: &ContentLine) -> bool {
    p.param("VALUE")
        .is_some_and(|v| v.eq_ignore_ascii_case("DATE"))
}

/// The time of a `DTSTART`-like property, read leniently where the meaning is plain.
pub(crate) fn parse_prop(p: &ContentLine) -> Result<Read, String> {
    read_value(&p.name, &p.value, p.param("TZID"), says_date(p))
}

/// Every value of an `EXDATE`/`RDATE` property, each read as [`parse_prop`] reads one.
pub(crate) fn parse_list(p: &ContentLine) -> Vec<Result<Read, String>> {
    p.value
        .split(',')
        .filter(|v| !v.trim().is_empty())
        .map(|v| read_value(&p.name, v, p.param("TZID"), says_date(p)))
        .collect()
}

/// One value: strictly when it fits the grammar, else through [`lenient`]. A date without
/// `VALUE=DATE` is strict for `RRULE`'s `UNTIL` but not for a property, so it gets its note
/// here.
pub(crate) fn read_value(
    name: &str,
    value: &str,
    tzid: Option<&str>,
    date_only: bool,
) -> Result<Read, String> {
    let v = value.trim();
    match parse_value(v, tzid, date_only) {
        Ok(IcalTime::Date(d)) if !date_only => Ok(Read {
            time: IcalTime::Date(d),
            lenient: Some(format!(
                "{name} {v:?} is a date written without VALUE=DATE; read as the date {d} (all day)"
            )),
        }),
        Ok(time) => Ok(Read {
            time,
            lenient: None,
        }),
        Err(strict) => lenient(v, tzid, date_only)
            .map(|(time, how)| Read {
                lenient: Some(format!("{name} {v:?} {how}; read as {}", shown(&time))),
                time,
            })
            .ok_or(strict),
    }
}

/// How a time read leniently is told back to the user.
fn shown(t: &IcalTime) -> String {
    match t {
        IcalTime::Date(d) => format!("the date {d}"),
        IcalTime::Floating(l) => format!("{}", l.format("%Y-%m-%d %H:%M:%S")),
        IcalTime::Utc(u) => format!("{} UTC", u.format("%Y-%m-%d %H:%M:%S")),
        IcalTime::Zoned(l, tz) => format!("{} in {tz}", l.format("%Y-%m-%d %H:%M:%S")),
    }
}

/// The unambiguous misspellings real files hold: `VALUE=DATE` on a date-time (its date),
/// a date-time without its `T` or with a space for it, without seconds, with fractional
/// seconds, written with ISO 8601's `-` and `:`, or ending in a UTC offset (`+0100`) instead of
/// `Z`. Returns the time and how it was misspelt; `None` when the text is no time at all.
fn lenient(v: &str, tzid: Option<&str>, date_only: bool) -> Option<(IcalTime, &'static str)> {
    let mut text = v.to_string();
    let mut how = "is not in RFC 5545's form";
    // A trailing offset: `+0100`, `-05:00` after a time.
    let mut offset = None;
    if let Some(at) = text.rfind(['+', '-']).filter(|at| *at >= 10) {
        let digits: String = text[at + 1..].chars().filter(|c| *c != ':').collect();
        if digits.len() == 4 && digits.bytes().all(|b| b.is_ascii_digit()) {
            let minutes =
                digits[..2].parse::<i64>().ok()? * 60 + digits[2..].parse::<i64>().ok()?;
            let sign = if text.as_bytes()[at] == b'-' { -1 } else { 1 };
            offset = Some(sign * minutes);
            text.truncate(at);
            how = "ends in a UTC offset instead of Z or a TZID";
        }
    }
    let utc = text.ends_with(['Z', 'z']);
    if utc {
        text.pop();
    }
    if text.contains(['-', ':']) {
        text.retain(|c| c != '-' && c != ':');
        how = "is written with ISO 8601's separators";
    }
    if let Some(dot) = text.find('.') {
        if !text[dot + 1..].bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        text.truncate(dot);
        how = "has fractional seconds";
    }
    let date = parse_date(text.get(..8)?)?;
    let rest = &text[8..];
    let time = match rest.as_bytes().first() {
        None => None,
        Some(b'T' | b't') => Some(&rest[1..]),
        Some(b' ') => {
            how = "has a space where the T goes";
            Some(&rest[1..])
        }
        Some(d) if d.is_ascii_digit() => {
            how = "is missing the T between date and time";
            Some(rest)
        }
        Some(_) => return None,
    };
    if date_only && time.is_some() {
        // The parameter says date; the time it also carries is dropped.
        return Some((IcalTime::Date(date), "has a time although VALUE=DATE"));
    }
    let Some(time) = time else {
        // Separators around a plain date (`2026-03-02`).
        return (offset.is_none() && !utc).then_some((IcalTime::Date(date), how));
    };
    let (hms, short) = match time.len() {
        6 => (time.to_string(), false),
        4 => (format!("{time}00"), true),
        _ => return None,
    };
    if short && how == "is not in RFC 5545's form" {
        how = "has no seconds";
    }
    let local = parse_local(&format!("{}T{hms}", &text[..8]))?;
    Some(match (offset, utc) {
        (Some(minutes), _) => (
            IcalTime::Utc((local - Duration::minutes(minutes)).and_utc()),
            how,
        ),
        (None, true) => (IcalTime::Utc(local.and_utc()), how),
        (None, false) => match tzid {
            Some(tz) => (IcalTime::Zoned(local, tz.to_string()), how),
            None => (IcalTime::Floating(local), how),
        },
    })
}

/// A wall-clock time in a zone, as RFC 5545 §3.3.5 reads the edge cases: a time in a
/// spring-forward gap takes the offset before the gap (02:30 becomes 03:30), a time that
/// occurs twice takes the first.
pub(crate) fn local_to_utc(local: NaiveDateTime, tz: Tz) -> DateTime<Utc> {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(t) => t.with_timezone(&Utc),
        LocalResult::Ambiguous(first, _) => first.with_timezone(&Utc),
        LocalResult::None => {
            // The offset before the gap: the one in force a little earlier (no zone changes
            // its offset twice within 15 hours).
            let before = (local - Duration::hours(15)).and_utc().naive_utc();
            let offset = tz.offset_from_utc_datetime(&before).fix().local_minus_utc();
            (local - Duration::seconds(offset as i64)).and_utc()
        }
    }
}

/// Whether two zones have the same offsets in winter and summer of the year of `t` (Vienna
/// and Berlin do; a series moved from one to the other repeats the same).
pub(crate) fn same_offsets(a: Tz, b: Tz, t: DateTime<Utc>) -> bool {
    [(1, 15), (7, 15)].iter().all(|(m, d)| {
        let Some(probe) =
            NaiveDate::from_ymd_opt(t.year(), *m, *d).and_then(|d| d.and_hms_opt(12, 0, 0))
        else {
            return false;
        };
        a.offset_from_utc_datetime(&probe).fix() == b.offset_from_utc_datetime(&probe).fix()
    })
}

/// `P1W`, `PT1H30M`, `-P1DT2H`, `P2D` (RFC 5545 §3.3.6).
pub(crate) fn parse_duration(s: &str) -> Option<Duration> {
    let s = s.trim();
    let (negative, rest) = match s.as_bytes().first()? {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    let rest = rest.strip_prefix('P').or_else(|| rest.strip_prefix('p'))?;
    let mut total = Duration::zero();
    let mut number = String::new();
    let mut in_time = false;
    let mut any = false;
    for c in rest.chars() {
        match c.to_ascii_uppercase() {
            d if d.is_ascii_digit() => number.push(d),
            'T' if number.is_empty() && !in_time => in_time = true,
            unit => {
                let n: i64 = number.parse().ok()?;
                if n > 1_000_000 {
                    return None;
                }
                number.clear();
                any = true;
                total += match (unit, in_time) {
                    ('W', false) => Duration::weeks(n),
                    ('D', false) => Duration::days(n),
                    ('H', true) => Duration::hours(n),
                    ('M', true) => Duration::minutes(n),
                    ('S', true) => Duration::seconds(n),
                    _ => return None,
                };
            }
        }
    }
    if !number.is_empty() || !any {
        return None;
    }
    Some(if negative { -total } else { total })
}

/// RFC 3339 in UTC, as the platform's `date-time` fields take it.
pub(crate) fn rfc3339(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values() {
        assert_eq!(
            parse_value("20260329", None, false),
            Ok(IcalTime::Date(
                NaiveDate::from_ymd_opt(2026, 3, 29).unwrap()
            ))
        );
        assert!(matches!(
            parse_value("20260329T090000Z", None, false),
            Ok(IcalTime::Utc(_))
        ));
        assert!(matches!(
            parse_value("20260329T090000", Some("Europe/Berlin"), false),
            Ok(IcalTime::Zoned(_, _))
        ));
        assert!(matches!(
            parse_value("20260329T090000", None, false),
            Ok(IcalTime::Floating(_))
        ));
        assert!(parse_value("2026-03-29", None, false).is_err());
        assert!(parse_value("20261329T090000", None, false).is_err());
        assert!(parse_value("20260329T0900", None, false).is_err());
    }

    fn read(name: &str, value: &str, tzid: Option<&str>, date_only: bool) -> Read {
        read_value(name, value, tzid, date_only).unwrap()
    }

    #[test]
    fn strict_values_have_no_note() {
        let r = read("DTSTART", "20260302T090000Z", None, false);
        assert_eq!(r.lenient, None);
        assert_eq!(read("DTSTART", "20260302", None, true).lenient, None);
    }

    #[test]
    fn plain_misspellings_are_read_with_a_note() {
        let day = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        let nine = day.and_hms_opt(9, 0, 0).unwrap();
        let cases: Vec<(&str, Option<&str>, bool, IcalTime, &str)> = vec![
            ("20260302", None, false, IcalTime::Date(day), "DTSTART \"20260302\" is a date written without VALUE=DATE; read as the date 2026-03-02 (all day)"),
            ("20260302090000", Some("Europe/Berlin"), false, IcalTime::Zoned(nine, "Europe/Berlin".into()), "DTSTART \"20260302090000\" is missing the T between date and time; read as 2026-03-02 09:00:00 in Europe/Berlin"),
            ("20260302 090000", None, false, IcalTime::Floating(nine), "DTSTART \"20260302 090000\" has a space where the T goes; read as 2026-03-02 09:00:00"),
            ("20260302T0900Z", None, false, IcalTime::Utc(nine.and_utc()), "DTSTART \"20260302T0900Z\" has no seconds; read as 2026-03-02 09:00:00 UTC"),
            ("2026-03-02T09:00:00Z", None, false, IcalTime::Utc(nine.and_utc()), "DTSTART \"2026-03-02T09:00:00Z\" is written with ISO 8601's separators; read as 2026-03-02 09:00:00 UTC"),
            ("2026-03-02", None, false, IcalTime::Date(day), "DTSTART \"2026-03-02\" is written with ISO 8601's separators; read as the date 2026-03-02"),
            ("20260302T100000+0100", None, false, IcalTime::Utc(nine.and_utc()), "DTSTART \"20260302T100000+0100\" ends in a UTC offset instead of Z or a TZID; read as 2026-03-02 09:00:00 UTC"),
            ("20260302T090000.000Z", None, false, IcalTime::Utc(nine.and_utc()), "DTSTART \"20260302T090000.000Z\" has fractional seconds; read as 2026-03-02 09:00:00 UTC"),
            ("20260302T000000", None, true, IcalTime::Date(day), "DTSTART \"20260302T000000\" has a time although VALUE=DATE; read as the date 2026-03-02"),
            ("2026-03-02", None, true, IcalTime::Date(day), "DTSTART \"2026-03-02\" is written with ISO 8601's separators; read as the date 2026-03-02"),
        ];
        for (value, tzid, date_only, time, note) in cases {
            let r = read("DTSTART", value, tzid, date_only);
            assert_eq!(r.time, time, "{value}");
            assert_eq!(r.lenient.as_deref(), Some(note), "{value}");
        }
    }

    #[test]
    fn what_is_no_time_stays_refused_with_the_strict_reason() {
        for bad in [
            "tomorrow",
            "2026030",
            "20261302T090000",
            "20260302T09",
            "20260302X090000",
            "20260302T090000.5x",
            "2026-03-02T25:00:00",
        ] {
            let err = read_value("DTSTART", bad, None, false).unwrap_err();
            assert!(err.contains("is not a"), "{bad}: {err}");
        }
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("PT1H30M"), Some(Duration::minutes(90)));
        assert_eq!(parse_duration("P1W"), Some(Duration::days(7)));
        assert_eq!(parse_duration("-P1DT2H"), Some(-Duration::hours(26)));
        for bad in ["P", "PT", "1H", "PT1X", "P1H", "PT5", "P99999999999D"] {
            assert_eq!(parse_duration(bad), None, "{bad}");
        }
    }

    #[test]
    fn dst_gaps_and_folds() {
        let tz: Tz = "Europe/Berlin".parse().unwrap();
        let at = |s: &str| local_to_utc(parse_local(s).unwrap(), tz);
        // 02:30 does not exist on 29 March 2026: read with the offset before (+1) = 01:30Z.
        assert_eq!(rfc3339(at("20260329T023000")), "2026-03-29T01:30:00Z");
        // 02:30 exists twice on 25 October 2026: the first (+2) = 00:30Z.
        assert_eq!(rfc3339(at("20261025T023000")), "2026-10-25T00:30:00Z");
        assert_eq!(rfc3339(at("20260701T090000")), "2026-07-01T07:00:00Z");
    }
}
