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

/// The time of a `DTSTART`-like property.
pub(crate) fn parse_prop(p: &ContentLine) -> Result<IcalTime, String> {
    let date_only = p
        .param("VALUE")
        .is_some_and(|v| v.eq_ignore_ascii_case("DATE"));
    parse_value(&p.value, p.param("TZID"), date_only)
}

/// Every value of an `EXDATE`/`RDATE` property.
pub(crate) fn parse_list(p: &ContentLine) -> Vec<Result<IcalTime, String>> {
    let date_only = p
        .param("VALUE")
        .is_some_and(|v| v.eq_ignore_ascii_case("DATE"));
    p.value
        .split(',')
        .filter(|v| !v.trim().is_empty())
        .map(|v| parse_value(v, p.param("TZID"), date_only))
        .collect()
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
