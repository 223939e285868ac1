//! `TZID` to an IANA zone: IANA names directly (also behind the `/mozilla.org/.../` prefixes
//! old Lightning writes), Windows names through the CLDR table, and otherwise the file's own
//! `VTIMEZONE` definition compared with every zone chrono-tz knows.

use std::collections::HashMap;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Offset, TimeZone, Weekday};
use chrono_tz::Tz;

use super::time::{parse_local, parse_value, IcalTime};
use super::windows_zones;
use crate::component::Component;

/// How a `TZID` was resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Resolved {
    pub tz: Tz,
    /// Set when the name was not an IANA name, to tell the user what was assumed.
    pub note: Option<String>,
}

#[derive(Default)]
pub(crate) struct TzResolver {
    definitions: HashMap<String, Component>,
    cache: HashMap<(String, i32), Result<Resolved, String>>,
}

/// An IANA name hidden in a `TZID`: the whole of it, or a tail after a `/` (so
/// `/mozilla.org/20070129_1/Europe/Berlin` and `/citadel.org/.../Europe/Paris` resolve).
pub(crate) fn iana(tzid: &str) -> Option<Tz> {
    let name = tzid.trim().trim_matches('"');
    if let Ok(tz) = name.parse::<Tz>() {
        return Some(tz);
    }
    name.match_indices('/')
        .filter_map(|(i, _)| name[i + 1..].parse::<Tz>().ok())
        .next()
}

impl TzResolver {
    pub fn add_definition(&mut self, vtimezone: Component) {
        if let Some(id) = vtimezone.prop("TZID").map(|p| p.value.trim().to_string()) {
            self.cache.retain(|(k, _), _| *k != id);
            self.definitions.insert(id, vtimezone);
        }
    }

    pub fn has_definition(&self, tzid: &str) -> bool {
        self.definitions.contains_key(tzid.trim())
    }

    /// Resolves `tzid` for times around `year` (a definition is compared over that year).
    pub fn resolve(&mut self, tzid: &str, year: i32) -> Result<Resolved, String> {
        let key = (tzid.trim().to_string(), year);
        if let Some(hit) = self.cache.get(&key) {
            return hit.clone();
        }
        let result = self.resolve_uncached(tzid.trim(), year);
        self.cache.insert(key, result.clone());
        result
    }

    fn resolve_uncached(&self, tzid: &str, year: i32) -> Result<Resolved, String> {
        if let Some(tz) = iana(tzid) {
            return Ok(Resolved { tz, note: None });
        }
        if let Some(name) = windows_zones::lookup(tzid.trim_matches('"')) {
            let tz = name
                .parse::<Tz>()
                .expect("the table's names are IANA names (tested)");
            return Ok(Resolved {
                tz,
                note: Some(format!("Windows time zone {tzid:?} read as {name}")),
            });
        }
        let Some(definition) = self.definitions.get(tzid) else {
            return Err(format!(
                "time zone {tzid:?} is neither an IANA nor a Windows name and the file has no VTIMEZONE for it"
            ));
        };
        let zone = Observances::parse(definition).ok_or_else(|| {
            format!("the VTIMEZONE of {tzid:?} has no usable STANDARD/DAYLIGHT parts")
        })?;
        match best_match(tzid, &zone, year) {
            Some(tz) => Ok(Resolved {
                tz,
                note: Some(format!(
                    "time zone {tzid:?} is not an IANA name; its VTIMEZONE has the offsets of {} in {year}, used for it",
                    tz.name()
                )),
            }),
            None => Err(format!(
                "time zone {tzid:?} is not an IANA name and its VTIMEZONE matches no known zone in {year}"
            )),
        }
    }
}

/// One `STANDARD`/`DAYLIGHT` part of a `VTIMEZONE`.
struct Observance {
    start: NaiveDateTime,
    from: i32,
    to: i32,
    /// Yearly rule: month, and the day (`Some(n)` the n-th weekday, negative from the end).
    rule: Option<(u32, Weekday, i32)>,
    until: Option<NaiveDateTime>,
    rdates: Vec<NaiveDateTime>,
}

struct Observances(Vec<Observance>);

fn parse_offset(s: &str) -> Option<i32> {
    let s = s.trim();
    let (sign, rest) = match s.as_bytes().first()? {
        b'+' => (1, &s[1..]),
        b'-' => (-1, &s[1..]),
        _ => return None,
    };
    if !(rest.len() == 4 || rest.len() == 6) || !rest.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let h: i32 = rest[0..2].parse().ok()?;
    let m: i32 = rest[2..4].parse().ok()?;
    let sec: i32 = if rest.len() == 6 {
        rest[4..6].parse().ok()?
    } else {
        0
    };
    Some(sign * (h * 3600 + m * 60 + sec))
}

fn weekday(code: &str) -> Option<Weekday> {
    Some(match code {
        "MO" => Weekday::Mon,
        "TU" => Weekday::Tue,
        "WE" => Weekday::Wed,
        "TH" => Weekday::Thu,
        "FR" => Weekday::Fri,
        "SA" => Weekday::Sat,
        "SU" => Weekday::Sun,
        _ => return None,
    })
}

/// The n-th (negative: from the end) `wd` of a month.
pub(crate) fn nth_weekday(year: i32, month: u32, wd: Weekday, n: i32) -> Option<NaiveDate> {
    if n > 0 {
        NaiveDate::from_weekday_of_month_opt(year, month, wd, n as u8)
    } else {
        let next = if month == 12 {
            NaiveDate::from_ymd_opt(year + 1, 1, 1)?
        } else {
            NaiveDate::from_ymd_opt(year, month + 1, 1)?
        };
        let mut d = next - Duration::days(1);
        while d.weekday() != wd {
            d -= Duration::days(1);
        }
        Some(d - Duration::weeks((-n - 1) as i64))
    }
}

impl Observances {
    fn parse(c: &Component) -> Option<Observances> {
        let mut list = Vec::new();
        for part in c
            .children
            .iter()
            .filter(|p| p.name == "STANDARD" || p.name == "DAYLIGHT")
        {
            let start = part.prop("DTSTART").and_then(|p| parse_local(&p.value))?;
            let from = part
                .prop("TZOFFSETFROM")
                .and_then(|p| parse_offset(&p.value))?;
            let to = part
                .prop("TZOFFSETTO")
                .and_then(|p| parse_offset(&p.value))?;
            let mut rule = None;
            let mut until = None;
            if let Some(rrule) = part.prop("RRULE") {
                let mut month = None;
                let mut day = None;
                for kv in rrule.value.split(';') {
                    let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
                    match k.to_ascii_uppercase().as_str() {
                        "BYMONTH" => month = v.parse::<u32>().ok(),
                        "BYDAY" => {
                            let v = v.to_ascii_uppercase();
                            let (n, code) = super::rrule::split_weekday(&v);
                            let n = if n.is_empty() {
                                1
                            } else {
                                n.parse::<i32>().ok()?
                            };
                            day = Some((weekday(code)?, n));
                        }
                        "UNTIL" => {
                            until = match parse_value(v, None, false).ok()? {
                                IcalTime::Utc(t) => Some(t.naive_utc()),
                                IcalTime::Floating(t) => Some(t),
                                IcalTime::Date(d) => d.and_hms_opt(23, 59, 59),
                                IcalTime::Zoned(t, _) => Some(t),
                            }
                        }
                        _ => {}
                    }
                }
                if let (Some(m), Some((wd, n))) = (month, day) {
                    rule = Some((m, wd, n));
                }
            }
            let rdates = part
                .props_named("RDATE")
                .flat_map(|p| {
                    p.value
                        .split(',')
                        .filter_map(parse_local)
                        .collect::<Vec<_>>()
                })
                .collect();
            list.push(Observance {
                start,
                from,
                to,
                rule,
                until,
                rdates,
            });
        }
        (!list.is_empty()).then_some(Observances(list))
    }

    /// The offset in force at `t` (UTC): the latest onset at or before it wins.
    fn offset_at(&self, t: NaiveDateTime) -> i32 {
        let mut best: Option<(NaiveDateTime, i32)> = None;
        let mut consider = |local: NaiveDateTime, o: &Observance| {
            let onset = local - Duration::seconds(o.from as i64);
            if onset <= t && best.is_none_or(|(b, _)| onset > b) {
                best = Some((onset, o.to));
            }
        };
        for o in &self.0 {
            consider(o.start, o);
            for r in &o.rdates {
                consider(*r, o);
            }
            if let Some((month, wd, n)) = o.rule {
                for year in [t.year() - 1, t.year()] {
                    if year < o.start.year() {
                        continue;
                    }
                    if let Some(day) = nth_weekday(year, month, wd, n) {
                        let local = day.and_time(o.start.time());
                        if o.until
                            .is_none_or(|u| local - Duration::seconds(o.from as i64) <= u)
                        {
                            consider(local, o);
                        }
                    }
                }
            }
        }
        match best {
            Some((_, offset)) => offset,
            None => self
                .0
                .iter()
                .min_by_key(|o| o.start)
                .map(|o| o.from)
                .unwrap_or(0),
        }
    }
}

fn zone_offset(tz: Tz, t: NaiveDateTime) -> i32 {
    tz.offset_from_utc_datetime(&t).fix().local_minus_utc()
}

/// The zone whose offsets equal the definition's at noon UTC of every day of `year`. Among
/// several (zones that share rules), one whose city the `TZID` mentions wins, then the one
/// the Windows table lists first (its order puts a region's usual representative first), then
/// the first by name.
fn best_match(tzid: &str, zone: &Observances, year: i32) -> Option<Tz> {
    let first = NaiveDate::from_ymd_opt(year, 1, 1)?;
    let days: Vec<NaiveDateTime> = (0..366)
        .filter_map(|i| first.checked_add_signed(Duration::days(i)))
        .filter(|d| d.year() == year)
        .filter_map(|d| d.and_hms_opt(12, 0, 0))
        .collect();
    let expected: Vec<i32> = days.iter().map(|t| zone.offset_at(*t)).collect();
    // Two samples first to discard most zones cheaply.
    let probes = [14usize, 195];
    let mut matches: Vec<Tz> = chrono_tz::TZ_VARIANTS
        .iter()
        .copied()
        .filter(|tz| tz.name().contains('/') && !tz.name().starts_with("Etc/"))
        .filter(|tz| {
            probes
                .iter()
                .all(|i| zone_offset(*tz, days[*i]) == expected[*i])
        })
        .filter(|tz| {
            days.iter()
                .zip(&expected)
                .all(|(t, e)| zone_offset(*tz, *t) == *e)
        })
        .collect();
    if matches.is_empty() {
        return None;
    }
    let lower = tzid.to_lowercase();
    let city = |tz: &Tz| {
        tz.name()
            .rsplit('/')
            .next()
            .unwrap_or("")
            .replace('_', " ")
            .to_lowercase()
    };
    matches.sort_by_key(|tz| {
        let mentioned = lower.contains(&city(tz));
        let rank = windows_zones::WINDOWS_TO_IANA
            .iter()
            .position(|(_, i)| *i == tz.name())
            .unwrap_or(usize::MAX);
        (!mentioned, rank, tz.name())
    });
    matches.first().copied()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::component::{ComponentReader, Event};
    use crate::content_line::Dialect;

    fn vtimezone(text: &str) -> Component {
        ComponentReader::new(text.as_bytes(), Dialect::ICalendar, None, &["VTIMEZONE"])
            .find_map(|e| match e {
                Event::Item(c) => Some(c),
                _ => None,
            })
            .unwrap()
    }

    const CUSTOM_CET: &str = "BEGIN:VTIMEZONE\nTZID:Customized Time Zone (Amsterdam)\nBEGIN:STANDARD\nDTSTART:16010101T030000\nTZOFFSETFROM:+0200\nTZOFFSETTO:+0100\nRRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10\nEND:STANDARD\nBEGIN:DAYLIGHT\nDTSTART:16010101T020000\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0200\nRRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3\nEND:DAYLIGHT\nEND:VTIMEZONE\n";

    #[test]
    fn names() {
        assert_eq!(iana("Europe/Berlin"), Some(chrono_tz::Europe::Berlin));
        assert_eq!(
            iana("/mozilla.org/20070129_1/America/New_York"),
            Some(chrono_tz::America::New_York)
        );
        assert_eq!(iana("Mars/Olympus"), None);
        let mut r = TzResolver::default();
        let w = r.resolve("W. Europe Standard Time", 2026).unwrap();
        assert_eq!(w.tz, chrono_tz::Europe::Berlin);
        assert!(w.note.unwrap().contains("Windows"));
        assert!(r.resolve("Nowhere Time", 2026).is_err());
    }

    #[test]
    fn a_custom_definition_matches_by_offsets_and_prefers_a_mentioned_city() {
        let mut r = TzResolver::default();
        r.add_definition(vtimezone(CUSTOM_CET));
        let got = r.resolve("Customized Time Zone (Amsterdam)", 2026).unwrap();
        assert_eq!(got.tz, chrono_tz::Europe::Amsterdam);
        assert!(got.note.unwrap().contains("offsets"));
    }

    #[test]
    fn a_definition_no_zone_has_is_reported() {
        let odd = CUSTOM_CET
            .replace("+0100", "+0117")
            .replace("Customized", "Odd");
        let mut r = TzResolver::default();
        r.add_definition(vtimezone(&odd));
        let err = r.resolve("Odd Time Zone (Amsterdam)", 2026).unwrap_err();
        assert!(err.contains("matches no known zone"), "{err}");
    }

    #[test]
    fn nth_weekdays() {
        assert_eq!(
            nth_weekday(2026, 3, Weekday::Sun, -1),
            NaiveDate::from_ymd_opt(2026, 3, 29)
        );
        assert_eq!(
            nth_weekday(2026, 3, Weekday::Sun, 2),
            NaiveDate::from_ymd_opt(2026, 3, 8)
        );
        assert_eq!(
            nth_weekday(2026, 11, Weekday::Sun, 1),
            NaiveDate::from_ymd_opt(2026, 11, 1)
        );
    }
}
