//! RRULE (RFC 5545 §3.3.10) to and from the platform's structured recurrence, whose meaning
//! crates/replica/src/recurrence.rs documents: daily/weekly/monthly/yearly, an interval,
//! weekdays (0 = Sunday), month days (1..31), an inclusive end time or a count. Weeks start
//! on Monday, yearly series stay in the start's month, and days a month lacks are skipped.
//! A rule part that would mean something else on the platform is not approximated: `parse`
//! says why, and the import unrolls such a rule into entries of their own (unrolled.rs).

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde_json::{json, Value};

use crate::Fields;

/// The platform fields of a rule (no `startsAt`/`timezone`/`calendarId`: the caller adds
/// them), plus what is left to resolve against the event's zone.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ParsedRule {
    pub fields: Fields,
    /// `UNTIL` as written, resolved by the caller against DTSTART's zone.
    pub until: Option<super::time::IcalTime>,
}

/// `2MO` into (`2`, `MO`); text that does not end in two ASCII letters gives it all as the
/// code, which then is no weekday.
pub(crate) fn split_weekday(d: &str) -> (&str, &str) {
    let cut = d.len().saturating_sub(2);
    if d.is_char_boundary(cut) {
        d.split_at(cut)
    } else {
        ("", d)
    }
}

const CODES: [&str; 7] = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"];

fn weekday_number(code: &str) -> Option<u32> {
    CODES.iter().position(|c| *c == code).map(|n| n as u32)
}

/// Parses an RRULE value for an event that starts on `start` (local date in its zone).
/// `Err` holds every reason the platform cannot express it.
pub(crate) fn parse(value: &str, start: NaiveDate) -> Result<ParsedRule, Vec<String>> {
    let mut fields = Fields::new();
    let mut problems = Vec::new();
    let mut freq = None;
    let mut interval: u64 = 1;
    let mut by_day: Vec<u32> = Vec::new();
    let mut by_month_day: Vec<u32> = Vec::new();
    let mut by_month: Vec<u32> = Vec::new();
    let mut until = None;
    let mut count = None;
    let mut wkst = "MO".to_string();
    for part in value.trim().split(';').filter(|p| !p.trim().is_empty()) {
        let (key, val) = part.split_once('=').unwrap_or((part, ""));
        let key = key.trim().to_ascii_uppercase();
        let val = val.trim().to_ascii_uppercase();
        match key.as_str() {
            "FREQ" => match val.as_str() {
                "DAILY" | "WEEKLY" | "MONTHLY" | "YEARLY" => freq = Some(val.clone()),
                "HOURLY" | "MINUTELY" | "SECONDLY" => {
                    problems.push(format!("FREQ={val}: the platform repeats at most daily"))
                }
                _ => problems.push(format!("FREQ={val:?} is not a frequency")),
            },
            "INTERVAL" => match val.parse::<u64>() {
                Ok(0) => problems.push("INTERVAL=0: the interval must be at least 1".into()),
                Ok(n) if n <= u32::MAX as u64 => interval = n,
                _ => problems.push(format!("INTERVAL={val:?} is not a whole number")),
            },
            "COUNT" => match val.parse::<u64>() {
                Ok(0) => problems.push("COUNT=0: a series has at least one occurrence".into()),
                Ok(n) => count = Some(n.min(u32::MAX as u64)),
                Err(_) => problems.push(format!("COUNT={val:?} is not a whole number")),
            },
            "UNTIL" => match super::time::parse_value(&val, None, false) {
                Ok(t) => until = Some(t),
                Err(e) => problems.push(format!("UNTIL: {e}")),
            },
            "BYDAY" => {
                for d in val.split(',').map(str::trim) {
                    let (ordinal, code) = split_weekday(d);
                    match weekday_number(code) {
                        Some(n) if ordinal.is_empty() => by_day.push(n),
                        Some(_) => problems.push(format!(
                            "BYDAY={d}: numbered weekdays (such as the second Tuesday or the last Friday) cannot be expressed; the platform repeats on every such weekday"
                        )),
                        None => problems.push(format!("BYDAY={d:?} is not a weekday")),
                    }
                }
            }
            "BYMONTHDAY" => {
                for d in val.split(',').map(str::trim) {
                    match d.parse::<i32>() {
                        Ok(n @ 1..=31) => by_month_day.push(n as u32),
                        Ok(n @ -31..=-1) => problems.push(format!(
                            "BYMONTHDAY={n}: days counted from the end of the month cannot be expressed"
                        )),
                        _ => problems.push(format!("BYMONTHDAY={d:?} is not a day of the month")),
                    }
                }
            }
            "BYMONTH" => {
                for m in val.split(',').map(str::trim) {
                    match m.parse::<u32>() {
                        Ok(n @ 1..=12) => by_month.push(n),
                        _ => problems.push(format!("BYMONTH={m:?} is not a month")),
                    }
                }
            }
            "WKST" => wkst = val.clone(),
            "RSCALE" => problems.push(format!(
                "RSCALE={val}: the platform repeats by the Gregorian calendar only, so the dates of another calendar cannot be expressed"
            )),
            "BYSETPOS" => problems.push(format!(
                "BYSETPOS={val}: picking the n-th occurrence of a period cannot be expressed"
            )),
            "BYYEARDAY" | "BYWEEKNO" => problems.push(format!(
                "{key}={val}: the platform has no {} rule",
                if key == "BYYEARDAY" {
                    "day-of-year"
                } else {
                    "week-number"
                }
            )),
            "BYHOUR" | "BYMINUTE" | "BYSECOND" => problems.push(format!(
                "{key}={val}: the platform repeats once a day at the start's time"
            )),
            k if k.starts_with("X-") => {}
            _ => problems.push(format!("{key} is not an RRULE part")),
        }
    }
    let Some(freq) = freq else {
        if problems.is_empty() {
            problems.push("the RRULE has no FREQ".into());
        }
        return Err(problems);
    };
    if count.is_some() && until.is_some() {
        problems.push("the RRULE has both COUNT and UNTIL, which RFC 5545 forbids".into());
    }
    by_day.sort_unstable();
    by_day.dedup();
    by_month_day.sort_unstable();
    by_month_day.dedup();
    by_month.sort_unstable();
    by_month.dedup();
    match freq.as_str() {
        "YEARLY" => {
            let in_start_month = by_month.is_empty() || by_month == [start.month()];
            if !in_start_month {
                problems.push(format!(
                    "BYMONTH={}: a yearly series on the platform stays in the start's month ({})",
                    by_month.iter().map(u32::to_string).collect::<Vec<_>>().join(","),
                    start.month()
                ));
            } else if by_month.is_empty() && (!by_day.is_empty() || !by_month_day.is_empty()) {
                // RFC 5545 expands these over the whole year; the platform only over the
                // start's month.
                problems.push(
                    "BYDAY/BYMONTHDAY in a yearly rule without BYMONTH repeat in every month of the year, which the platform cannot express".into(),
                );
            }
        }
        _ if !by_month.is_empty() => problems.push(format!(
            "BYMONTH with FREQ={freq}: the platform cannot limit a series to some months"
        )),
        "WEEKLY" if wkst != "MO" && interval > 1 && by_day.len() > 1 => problems.push(format!(
            "WKST={wkst} with INTERVAL={interval}: the platform's weeks start on Monday, so the days would group differently"
        )),
        _ => {}
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    fields.insert("frequency".into(), json!(freq.to_ascii_lowercase()));
    fields.insert("intervalCount".into(), json!(interval));
    if !by_day.is_empty() {
        fields.insert("byWeekday".into(), json!(by_day));
    }
    if !by_month_day.is_empty() {
        fields.insert("byMonthDay".into(), json!(by_month_day));
    }
    if let Some(n) = count {
        fields.insert("occurrenceCountLimit".into(), json!(n));
    }
    Ok(ParsedRule { fields, until })
}

/// How a series' times are written, so `UNTIL` matches DTSTART's value type.
pub(crate) enum UntilStyle {
    /// All-day series: `UNTIL=YYYYMMDD`, the until date in the series' zone.
    Date(chrono_tz::Tz),
    /// `UNTIL=YYYYMMDDTHHMMSSZ`.
    Utc,
}

/// The RRULE for a recurrence master's fields. `start` is the local start date (yearly rules
/// need its month). Returns `Err` for a rule RFC 5545 cannot say the same way.
pub(crate) fn write(
    master: &Fields,
    start: NaiveDate,
    style: UntilStyle,
) -> Result<String, String> {
    let freq = master
        .get("frequency")
        .and_then(Value::as_str)
        .ok_or("the series has no frequency")?;
    let ints = |key: &str| -> Vec<u64> {
        master
            .get(key)
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(Value::as_u64).collect())
            .unwrap_or_default()
    };
    let by_weekday = ints("byWeekday");
    let by_month_day = ints("byMonthDay");
    let interval = master
        .get("intervalCount")
        .and_then(Value::as_u64)
        .unwrap_or(1);
    let mut freq_out = freq.to_ascii_uppercase();
    if !["DAILY", "WEEKLY", "MONTHLY", "YEARLY"].contains(&freq_out.as_str()) {
        return Err(format!("frequency {freq:?} is not one RFC 5545 knows"));
    }
    if freq_out == "WEEKLY" && !by_month_day.is_empty() {
        // RFC 5545 forbids BYMONTHDAY in weekly rules; every week is every day filtered.
        if interval != 1 {
            return Err("a weekly series every few weeks limited to some month days cannot be written as an RRULE".into());
        }
        freq_out = "DAILY".into();
    }
    let mut parts = vec![format!("FREQ={freq_out}")];
    if interval > 1 {
        parts.push(format!("INTERVAL={interval}"));
    }
    let mut days: Vec<u64> = by_weekday.clone();
    if freq_out == "DAILY" && freq == "weekly" && days.is_empty() {
        days.push(start.weekday().num_days_from_sunday() as u64);
    }
    if !days.is_empty() {
        let codes: Option<Vec<&str>> = days
            .iter()
            .map(|d| CODES.get(*d as usize).copied())
            .collect();
        parts.push(format!(
            "BYDAY={}",
            codes
                .ok_or("byWeekday holds a value outside 0..6")?
                .join(",")
        ));
    }
    if !by_month_day.is_empty() {
        parts.push(format!(
            "BYMONTHDAY={}",
            by_month_day
                .iter()
                .map(u64::to_string)
                .collect::<Vec<_>>()
                .join(",")
        ));
    }
    if freq_out == "YEARLY" && (!by_weekday.is_empty() || !by_month_day.is_empty()) {
        parts.push(format!("BYMONTH={}", start.month()));
    }
    if let Some(until) = master.get("untilAt").and_then(Value::as_str) {
        let until: DateTime<Utc> = DateTime::parse_from_rfc3339(until)
            .map_err(|_| format!("untilAt {until:?} is not a date-time"))?
            .with_timezone(&Utc);
        parts.push(match style {
            UntilStyle::Date(tz) => format!("UNTIL={}", until.with_timezone(&tz).format("%Y%m%d")),
            UntilStyle::Utc => format!("UNTIL={}", until.format("%Y%m%dT%H%M%SZ")),
        });
    }
    if let Some(n) = master.get("occurrenceCountLimit").and_then(Value::as_u64) {
        parts.push(format!("COUNT={n}"));
    }
    Ok(parts.join(";"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn start() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 2).unwrap() // a Monday
    }

    fn ok(rule: &str) -> Fields {
        parse(rule, start()).unwrap().fields
    }

    fn err(rule: &str) -> String {
        parse(rule, start()).unwrap_err().join(" | ")
    }

    #[test]
    fn expressible_rules() {
        assert_eq!(
            Value::Object(ok("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE,FR;COUNT=10")),
            json!({"frequency": "weekly", "intervalCount": 2, "byWeekday": [1, 3, 5], "occurrenceCountLimit": 10})
        );
        assert_eq!(
            Value::Object(ok("FREQ=MONTHLY;BYMONTHDAY=1,15")),
            json!({"frequency": "monthly", "intervalCount": 1, "byMonthDay": [1, 15]})
        );
        assert_eq!(
            Value::Object(ok("FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=2")),
            json!({"frequency": "yearly", "intervalCount": 1, "byMonthDay": [2]})
        );
        assert_eq!(
            ok("FREQ=DAILY;COUNT=1000000")["occurrenceCountLimit"],
            1_000_000
        );
        assert!(parse("FREQ=DAILY;UNTIL=20260401T000000Z", start())
            .unwrap()
            .until
            .is_some());
        assert_eq!(
            ok("FREQ=WEEKLY;WKST=SU;BYDAY=TU,TH")["byWeekday"],
            json!([2, 4])
        );
    }

    #[test]
    fn inexpressible_rules_say_why() {
        assert!(err("FREQ=MONTHLY;BYDAY=2MO").contains("numbered weekday"));
        assert!(err("FREQ=MONTHLY;BYDAY=-1FR").contains("-1"));
        assert!(err("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1").contains("BYSETPOS"));
        assert!(err("FREQ=HOURLY").contains("at most daily"));
        assert!(err("FREQ=DAILY;BYHOUR=9,17").contains("BYHOUR"));
        assert!(err("FREQ=YEARLY;BYYEARDAY=100").contains("day-of-year"));
        assert!(err("FREQ=YEARLY;BYWEEKNO=20").contains("week-number"));
        assert!(err("FREQ=YEARLY;BYMONTH=3,9").contains("start's month"));
        assert!(err("FREQ=YEARLY;BYDAY=MO").contains("every month"));
        assert!(err("FREQ=MONTHLY;BYMONTH=6").contains("some months"));
        assert!(err("FREQ=MONTHLY;BYMONTHDAY=-1").contains("end of the month"));
        assert!(err("FREQ=WEEKLY;INTERVAL=0").contains("at least 1"));
        assert!(err("FREQ=WEEKLY;COUNT=0").contains("at least one"));
        assert!(err("FREQ=WEEKLY;COUNT=3;UNTIL=20260401").contains("both"));
        assert!(err("INTERVAL=2").contains("no FREQ"));
        assert!(err("FREQ=WEEKLY;INTERVAL=2;WKST=SU;BYDAY=SU,MO").contains("WKST"));
        assert!(err("FREQ=DAILY;BYDAY=XX").contains("not a weekday"));
    }

    #[test]
    fn writing_then_parsing_gives_the_same_fields() {
        let cases = [
            json!({"frequency": "weekly", "intervalCount": 2, "byWeekday": [1, 3], "occurrenceCountLimit": 5}),
            json!({"frequency": "monthly", "intervalCount": 1, "byMonthDay": [2, 31]}),
            json!({"frequency": "yearly", "intervalCount": 1, "byMonthDay": [2]}),
            json!({"frequency": "daily", "intervalCount": 3, "byWeekday": [0, 6]}),
        ];
        for case in cases {
            let master = case.as_object().unwrap().clone();
            let rule = write(&master, start(), UntilStyle::Utc).unwrap();
            assert_eq!(
                Value::Object(parse(&rule, start()).unwrap().fields),
                case,
                "{rule}"
            );
        }
        let weekly_days = json!({"frequency": "weekly", "byMonthDay": [13], "byWeekday": [5]});
        let rule = write(weekly_days.as_object().unwrap(), start(), UntilStyle::Utc).unwrap();
        assert_eq!(rule, "FREQ=DAILY;BYDAY=FR;BYMONTHDAY=13");
        let until = json!({"frequency": "daily", "untilAt": "2026-03-31T22:00:00Z"});
        assert_eq!(
            write(
                until.as_object().unwrap(),
                start(),
                UntilStyle::Date(chrono_tz::Europe::Berlin)
            )
            .unwrap(),
            "FREQ=DAILY;UNTIL=20260401"
        );
    }
}
