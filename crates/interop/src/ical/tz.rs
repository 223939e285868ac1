//! `TZID` to an IANA zone: IANA names directly (also behind the vendor prefixes such as
//! `/mozilla.org/20070129_1/` and `/freeassociation.sourceforge.net/Tzfile/`), Windows names
//! through the CLDR table, and otherwise the file's own `VTIMEZONE` compared with every zone
//! chrono-tz knows over the event's own years. Nothing is refused: a definition no zone
//! matches is read at the offsets it states, and a name nothing explains at all is read as
//! a time without a zone, each with a note that says so.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{
    DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc, Weekday,
};
use chrono_tz::Tz;

use super::time::{local_to_utc, parse_local, parse_value, IcalTime};
use super::windows_zones;
use crate::component::Component;

/// How a `TZID` was resolved.
#[derive(Clone)]
pub(crate) struct Resolved {
    /// The zone the entry is in (its `timezone` field).
    pub tz: Tz,
    /// How the file's local times become instants.
    clock: Clock,
    /// Set when the name was not an IANA name, to tell the user what was assumed.
    pub note: Option<String>,
}

/// Whose rules turn a local time into an instant.
#[derive(Clone)]
enum Clock {
    /// The zone's, from the zone database.
    Zone,
    /// The file's own `VTIMEZONE`: what the file states, when no zone has the same rules.
    Stated(Arc<Observances>),
    /// An offset the `TZID` itself states (`GMT+0100`), in seconds east of UTC.
    Fixed(i32),
}

impl Resolved {
    fn zone(tz: Tz, note: Option<String>) -> Resolved {
        Resolved {
            tz,
            clock: Clock::Zone,
            note,
        }
    }

    /// The instant of a local time written in this `TZID`.
    pub fn to_utc(&self, local: NaiveDateTime) -> DateTime<Utc> {
        match &self.clock {
            Clock::Zone => local_to_utc(local, self.tz),
            Clock::Stated(zone) => zone.to_utc(local),
            Clock::Fixed(offset) => (local - Duration::seconds(*offset as i64)).and_utc(),
        }
    }
}

/// The years an event covers (its start's to its end's or its series' last, at most a few),
/// over which a `VTIMEZONE` is compared with the zones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Years {
    pub first: i32,
    pub last: i32,
}

impl Years {
    /// Years compared after the first: enough for a series' next years, bounded for cost.
    const MOST: i32 = 2;

    pub fn new(first: i32, last: i32) -> Years {
        let last = last.clamp(first, first.saturating_add(Self::MOST));
        Years { first, last }
    }
}

impl std::fmt::Display for Years {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.first == self.last {
            write!(f, "{}", self.first)
        } else {
            write!(f, "{}-{}", self.first, self.last)
        }
    }
}

#[derive(Default)]
pub(crate) struct TzResolver {
    definitions: HashMap<String, Component>,
    cache: HashMap<(String, Years, Tz), Resolved>,
}

/// An IANA name hidden in a `TZID`: the whole of it, or a tail after a `/` (so
/// `/mozilla.org/20070129_1/Europe/Berlin`, `/freeassociation.sourceforge.net/Tzfile/Europe/London`
/// and `/citadel.org/.../Europe/Paris` resolve).
pub(crate) fn iana(tzid: &str) -> Option<Tz> {
    let name = tzid.trim().trim_matches('"');
    if let Ok(tz) = name.parse::<Tz>() {
        return Some(tz);
    }
    name.match_indices('/')
        .filter_map(|(i, _)| name[i + 1..].parse::<Tz>().ok())
        .next()
}

/// The database's regions. Its other names are old aliases (`US/Eastern`, `Canada/Eastern`)
/// whose "city" is a word such as "eastern" that a `TZID` may hold, fixed offsets
/// (`Etc/GMT+5`) or abbreviations (`EST5EDT`).
const REGIONS: &[&str] = &[
    "Africa/",
    "America/",
    "Antarctica/",
    "Arctic/",
    "Asia/",
    "Atlantic/",
    "Australia/",
    "Europe/",
    "Indian/",
    "Pacific/",
];

/// Zones worth comparing a definition with: those of a region.
fn named_zones() -> impl Iterator<Item = Tz> {
    chrono_tz::TZ_VARIANTS
        .iter()
        .copied()
        .filter(|tz| REGIONS.iter().any(|r| tz.name().starts_with(r)))
}

/// The city of a zone as people write it (`America/New_York` is "new york").
fn city(tz: &Tz) -> String {
    tz.name()
        .rsplit('/')
        .next()
        .unwrap_or("")
        .replace('_', " ")
        .to_lowercase()
}

/// Where a zone's city is named in `text` (lowercase) as a word of its own.
fn named_at(text: &str, tz: &Tz) -> Option<usize> {
    let city = city(tz);
    if city.len() < 3 {
        return None;
    }
    text.match_indices(city.as_str())
        .map(|(at, _)| at)
        .find(|at| {
            let before = text[..*at].chars().next_back();
            let after = text[at + city.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
}

/// The zone of the first city a `TZID` names: old Outlook writes
/// `(GMT+01.00) Amsterdam / Berlin / Bern / Rome / Stockholm / Vienna`.
fn zone_of_named_city(tzid: &str) -> Option<Tz> {
    let text = tzid.to_lowercase();
    named_zones()
        .filter_map(|tz| named_at(&text, &tz).map(|at| (at, windows_rank(&tz), tz.name(), tz)))
        .min_by(|a, b| (a.0, a.1, a.2).cmp(&(b.0, b.1, b.2)))
        .map(|(.., tz)| tz)
}

/// A zone's place in the Windows table, whose order puts a region's usual zone first.
fn windows_rank(tz: &Tz) -> usize {
    windows_zones::WINDOWS_TO_IANA
        .iter()
        .position(|(_, i)| *i == tz.name())
        .unwrap_or(usize::MAX)
}

impl TzResolver {
    pub fn add_definition(&mut self, vtimezone: Component) {
        if let Some(id) = vtimezone.prop("TZID").map(|p| p.value.trim().to_string()) {
            self.cache.retain(|(k, ..), _| *k != id);
            self.definitions.insert(id, vtimezone);
        }
    }

    pub fn has_definition(&self, tzid: &str) -> bool {
        self.definitions.contains_key(tzid.trim())
    }

    /// Resolves `tzid` for an event over `years`; `floating` is the zone a time without a
    /// zone is read in, for a name nothing explains.
    pub fn resolve(&mut self, tzid: &str, years: Years, floating: Tz) -> Resolved {
        let key = (tzid.trim().to_string(), years, floating);
        if let Some(hit) = self.cache.get(&key) {
            return hit.clone();
        }
        let result = self.resolve_uncached(tzid.trim(), years, floating);
        self.cache.insert(key, result.clone());
        result
    }

    fn resolve_uncached(&self, tzid: &str, years: Years, floating: Tz) -> Resolved {
        if let Some(tz) = iana(tzid) {
            return Resolved::zone(tz, None);
        }
        if let Some(name) = windows_zones::lookup(tzid.trim_matches('"')) {
            let tz = name
                .parse::<Tz>()
                .expect("the table's names are IANA names (tested)");
            return Resolved::zone(
                tz,
                Some(format!("Windows time zone {tzid:?} read as {name}")),
            );
        }
        let definition = self.definitions.get(tzid);
        let Some(zone) = definition.and_then(Observances::parse) else {
            let why = match definition {
                Some(_) => "its VTIMEZONE has no usable STANDARD/DAYLIGHT parts",
                None => "the file has no VTIMEZONE for it",
            };
            return match zone_of_named_city(tzid) {
                Some(tz) => Resolved::zone(
                    tz,
                    Some(format!(
                        "time zone {tzid:?} is neither an IANA nor a Windows name and {why}; read as {}, the zone of the city it names",
                        tz.name()
                    )),
                ),
                None => match offset_in_name(tzid) {
                    Some(offset) => {
                        let tz = fixed_offset_zone(offset);
                        Resolved {
                            tz,
                            clock: Clock::Fixed(offset),
                            note: Some(format!(
                                "time zone {tzid:?} is neither an IANA nor a Windows name and {why}; its times are read at the offset it names ({}), and the entry is in {}",
                                fmt_offset(offset),
                                tz.name()
                            )),
                        }
                    }
                    None => Resolved::zone(
                        floating,
                        Some(format!(
                            "time zone {tzid:?} is neither an IANA nor a Windows name and {why}; its times are read in {}, as times without a zone are",
                            floating.name()
                        )),
                    ),
                },
            };
        };
        let zone = Arc::new(zone);
        match best_match(tzid, &zone, years) {
            Some(Match::Exact(tz)) => Resolved::zone(
                tz,
                Some(format!(
                    "time zone {tzid:?} is not an IANA name; its VTIMEZONE has the offsets of {} in {years}, used for it",
                    tz.name()
                )),
            ),
            Some(Match::Near { tz, agreeing, days }) => Resolved {
                tz,
                note: Some(format!(
                    "time zone {tzid:?} is not an IANA name and its VTIMEZONE's rules match no zone on every day of {years}; it has the standard and daylight offsets of {} (the same on {agreeing} of {days} days), so the entry is in {}, and its times are read by the file's own rules",
                    tz.name(),
                    tz.name()
                )),
                clock: Clock::Stated(zone),
            },
            None => {
                let (offset, tz) = fixed_zone(&zone, years);
                Resolved {
                    tz,
                    note: Some(format!(
                        "time zone {tzid:?} is not an IANA name and its VTIMEZONE matches no zone in {years}; its times are read at the offsets it states (mostly {}), and the entry is in {}",
                        fmt_offset(offset),
                        tz.name()
                    )),
                    clock: Clock::Stated(zone),
                }
            }
        }
    }
}

/// `+01:17`, `-05:00`.
fn fmt_offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.unsigned_abs();
    format!("{sign}{:02}:{:02}", s / 3600, (s % 3600) / 60)
}

/// The zone an entry in a definition no zone matches is in: one with the definition's usual
/// offset all year (`Etc/GMT-1` for `+01:00`, or a named zone for an offset of minutes), else
/// UTC. Its instants come from the definition either way.
fn fixed_zone(zone: &Observances, years: Years) -> (i32, Tz) {
    let offsets = zone.daily_offsets(years);
    let mut counts: HashMap<i32, usize> = HashMap::new();
    for (_, o) in &offsets {
        *counts.entry(*o).or_default() += 1;
    }
    let usual = counts
        .into_iter()
        .max_by_key(|(o, n)| (*n, -o.abs()))
        .map_or(0, |(o, _)| o);
    let tz = etc_zone(usual)
        .or_else(|| {
            named_zones().find(|tz| offsets.iter().all(|(t, _)| zone_offset(*tz, *t) == usual))
        })
        .unwrap_or(chrono_tz::UTC);
    (usual, tz)
}

/// The database's zone of a whole-hour offset (`Etc/GMT-1` for `+01:00`).
fn etc_zone(offset: i32) -> Option<Tz> {
    if offset % 3600 != 0 {
        return None;
    }
    // POSIX signs: Etc/GMT-1 is an hour east of Greenwich.
    let name = match offset / 3600 {
        0 => "Etc/UTC".to_string(),
        h if h > 0 => format!("Etc/GMT-{h}"),
        h => format!("Etc/GMT+{}", -h),
    };
    name.parse().ok()
}

/// The zone an entry at a fixed offset is in: its `Etc/GMT` zone, else one whose offset is
/// that all year now, else UTC (its instants come from the offset either way).
fn fixed_offset_zone(offset: i32) -> Tz {
    etc_zone(offset)
        .or_else(|| {
            let probes = [(1, 15), (7, 15)].map(|(m, d)| {
                NaiveDate::from_ymd_opt(2026, m, d)
                    .and_then(|d| d.and_hms_opt(12, 0, 0))
                    .expect("a valid date")
            });
            named_zones().find(|tz| probes.iter().all(|t| zone_offset(*tz, *t) == offset))
        })
        .unwrap_or(chrono_tz::UTC)
}

/// An offset a `TZID` names: `GMT+0100`, `UTC-05:00`, `GMT+5`, `UTC+05.30` (old Outlook
/// writes a dot). `None` when it names none, or one no clock has (past ±14 hours).
fn offset_in_name(tzid: &str) -> Option<i32> {
    let upper = tzid.to_ascii_uppercase();
    let at = upper.find("GMT").or_else(|| upper.find("UTC"))? + 3;
    let rest = &upper[at..];
    let sign = match rest.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let digits: String = rest[1..]
        .chars()
        .take_while(|c| c.is_ascii_digit() || matches!(c, ':' | '.'))
        .filter(char::is_ascii_digit)
        .collect();
    let (hours, minutes) = match digits.len() {
        1 | 2 => (digits.parse::<i32>().ok()?, 0),
        3 | 4 => {
            let (h, m) = digits.split_at(digits.len() - 2);
            (h.parse::<i32>().ok()?, m.parse::<i32>().ok()?)
        }
        _ => return None,
    };
    (hours <= 14 && minutes < 60).then_some(sign * (hours * 3600 + minutes * 60))
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

impl Observances {
    /// Noon UTC of every day of `years`, with the definition's offset then.
    fn daily_offsets(&self, years: Years) -> Vec<(NaiveDateTime, i32)> {
        let Some(first) = NaiveDate::from_ymd_opt(years.first, 1, 1) else {
            return Vec::new();
        };
        first
            .iter_days()
            .take_while(|d| d.year() <= years.last)
            .filter_map(|d| d.and_hms_opt(12, 0, 0))
            .map(|t| (t, self.offset_at(t)))
            .collect()
    }

    /// The instant of a local time by the definition's own rules, read as RFC 5545 §3.3.5
    /// reads the edge cases (as [`local_to_utc`] does for a zone): a time in a
    /// spring-forward gap takes the offset before the gap, a time that occurs twice the first.
    fn to_utc(&self, local: NaiveDateTime) -> DateTime<Utc> {
        let mut offsets: Vec<i32> = self.0.iter().flat_map(|o| [o.from, o.to]).collect();
        offsets.sort_unstable();
        offsets.dedup();
        // The largest offset that fits is the earliest instant: the first of a repeated hour.
        let fits = offsets.iter().rev().find_map(|o| {
            let utc = local.checked_sub_signed(Duration::seconds(*o as i64))?;
            (self.offset_at(utc) == *o).then_some(utc)
        });
        let utc = fits.unwrap_or_else(|| {
            let before = local - Duration::hours(15);
            local - Duration::seconds(self.offset_at(before) as i64)
        });
        utc.and_utc()
    }
}

/// How a definition matched the zone database.
enum Match {
    /// The same offset on every day of the years compared.
    Exact(Tz),
    /// The same standard and daylight offsets, changing on other days on `days - agreeing`
    /// of the days (a definition with stale or partial rules).
    Near {
        tz: Tz,
        agreeing: usize,
        days: usize,
    },
}

/// The zone whose offsets equal the definition's at noon UTC of every day of `years`; else
/// the one with the same set of offsets (both its standard and its daylight one) that agrees
/// on most days, if on over half. Among equals, one whose city the `TZID` names wins, then the
/// one the Windows table lists first (its order puts a region's usual representative first),
/// then the first by name.
fn best_match(tzid: &str, zone: &Observances, years: Years) -> Option<Match> {
    let expected = zone.daily_offsets(years);
    if expected.is_empty() {
        return None;
    }
    let mut stated: Vec<i32> = expected.iter().map(|(_, o)| *o).collect();
    stated.sort_unstable();
    stated.dedup();
    let lower = tzid.to_lowercase();
    let preference = |tz: &Tz| (named_at(&lower, tz).is_none(), windows_rank(tz), tz.name());
    // Two samples first, to discard most zones cheaply: a zone with another offset at either
    // is neither an exact nor a near match.
    let probes = [expected.len() / 12, expected.len() * 7 / 12];
    let days = expected.len();
    // A zone that disagrees on more days than the best so far has cannot win (nor one that
    // disagrees on half of them), so its comparison stops there.
    let mut best = days / 2;
    let mut scored: Vec<(usize, Tz)> = Vec::new();
    for tz in named_zones().filter(|tz| {
        probes
            .iter()
            .all(|i| stated.contains(&zone_offset(*tz, expected[*i].0)))
    }) {
        let mut own = Vec::with_capacity(stated.len());
        let mut disagreeing = 0;
        let fits = expected.iter().all(|(t, o)| {
            let z = zone_offset(tz, *t);
            if !own.contains(&z) {
                own.push(z);
            }
            disagreeing += usize::from(z != *o);
            stated.contains(&z) && disagreeing <= days - best
        });
        if fits && own.len() == stated.len() {
            best = best.max(days - disagreeing);
            scored.push((days - disagreeing, tz));
        }
    }
    scored.sort_by(|(a, x), (b, y)| b.cmp(a).then_with(|| preference(x).cmp(&preference(y))));
    let (agreeing, tz) = scored.first().copied()?;
    if agreeing == days {
        Some(Match::Exact(tz))
    } else if agreeing * 2 > days {
        Some(Match::Near { tz, agreeing, days })
    } else {
        None
    }
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

    const BERLIN: Tz = chrono_tz::Europe::Berlin;

    fn y2026() -> Years {
        Years::new(2026, 2026)
    }

    fn at(s: &str) -> NaiveDateTime {
        parse_local(s).unwrap()
    }

    #[test]
    fn names() {
        assert_eq!(iana("Europe/Berlin"), Some(chrono_tz::Europe::Berlin));
        assert_eq!(
            iana("/mozilla.org/20070129_1/America/New_York"),
            Some(chrono_tz::America::New_York)
        );
        assert_eq!(
            iana("/freeassociation.sourceforge.net/Tzfile/Europe/London"),
            Some(chrono_tz::Europe::London)
        );
        assert_eq!(
            iana("/freeassociation.sourceforge.net/America/Argentina/Buenos_Aires"),
            Some(chrono_tz::America::Argentina::Buenos_Aires)
        );
        assert_eq!(iana("Mars/Olympus"), None);
        let mut r = TzResolver::default();
        let w = r.resolve("W. Europe Standard Time", y2026(), BERLIN);
        assert_eq!(w.tz, chrono_tz::Europe::Berlin);
        assert!(w.note.unwrap().contains("Windows"));
    }

    #[test]
    fn a_name_without_a_definition_is_read_by_the_city_it_names_or_as_floating() {
        let mut r = TzResolver::default();
        let old_outlook = r.resolve(
            "(GMT+01.00) Amsterdam / Berlin / Bern / Rome / Stockholm / Vienna",
            y2026(),
            chrono_tz::UTC,
        );
        assert_eq!(old_outlook.tz, chrono_tz::Europe::Amsterdam);
        assert!(old_outlook
            .note
            .unwrap()
            .contains("the zone of the city it names"));
        let nowhere = r.resolve("Nowhere Time", y2026(), BERLIN);
        assert_eq!(nowhere.tz, BERLIN);
        assert_eq!(
            nowhere.note.clone().unwrap(),
            "time zone \"Nowhere Time\" is neither an IANA nor a Windows name and the file has no VTIMEZONE for it; its times are read in Europe/Berlin, as times without a zone are"
        );
        assert_eq!(
            nowhere.to_utc(at("20260701T090000")).to_string(),
            "2026-07-01 07:00:00 UTC"
        );
    }

    #[test]
    fn a_name_that_states_an_offset_is_read_at_it() {
        let mut r = TzResolver::default();
        let gmt = r.resolve("GMT+0100", y2026(), BERLIN);
        assert_eq!(gmt.tz.name(), "Etc/GMT-1");
        assert!(gmt
            .note
            .clone()
            .unwrap()
            .contains("the offset it names (+01:00)"));
        // Summer or not: an hour east of UTC.
        assert_eq!(
            gmt.to_utc(at("20260701T090000")).to_string(),
            "2026-07-01 08:00:00 UTC"
        );
        let india = r.resolve("UTC+05.30", y2026(), BERLIN);
        // No Etc zone for half hours: a zone at +05:30 all year names the entry.
        for t in [at("20260115T120000"), at("20260715T120000")] {
            assert_eq!(zone_offset(india.tz, t), 5 * 3600 + 1800, "{}", india.tz);
        }
        assert_eq!(
            india.to_utc(at("20260701T090000")).to_string(),
            "2026-07-01 03:30:00 UTC"
        );
        assert_eq!(offset_in_name("UTC-05:00"), Some(-5 * 3600));
        assert_eq!(offset_in_name("GMT-3"), Some(-3 * 3600));
        assert_eq!(offset_in_name("GMT+25"), None);
        assert_eq!(offset_in_name("Greenwich"), None);
    }

    #[test]
    fn a_custom_definition_matches_by_offsets_and_prefers_a_mentioned_city() {
        let mut r = TzResolver::default();
        r.add_definition(vtimezone(CUSTOM_CET));
        let got = r.resolve("Customized Time Zone (Amsterdam)", y2026(), chrono_tz::UTC);
        assert_eq!(got.tz, chrono_tz::Europe::Amsterdam);
        assert!(got.note.unwrap().contains("offsets"));
    }

    /// US Eastern as Windows wrote it before 2007: summer time from the first Sunday of April
    /// to the last of October. No zone has those rules in 2026.
    const STALE_EASTERN: &str = "BEGIN:VTIMEZONE\nTZID:Eastern Time (old rules)\nBEGIN:STANDARD\nDTSTART:16011028T020000\nTZOFFSETFROM:-0400\nTZOFFSETTO:-0500\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\nEND:STANDARD\nBEGIN:DAYLIGHT\nDTSTART:16010401T020000\nTZOFFSETFROM:-0500\nTZOFFSETTO:-0400\nRRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=4\nEND:DAYLIGHT\nEND:VTIMEZONE\n";

    #[test]
    fn stale_rules_match_the_zone_with_both_offsets_and_times_follow_the_file() {
        let mut r = TzResolver::default();
        r.add_definition(vtimezone(STALE_EASTERN));
        let got = r.resolve("Eastern Time (old rules)", y2026(), BERLIN);
        assert_eq!(got.tz, chrono_tz::America::New_York);
        let note = got.note.clone().unwrap();
        assert!(
            note.contains("standard and daylight offsets of America/New_York"),
            "{note}"
        );
        // 20 March 2026 is summer time in New York, winter time by the file's rules: the file
        // says what its author's clock showed.
        assert_eq!(
            got.to_utc(at("20260320T090000")).to_string(),
            "2026-03-20 14:00:00 UTC"
        );
        assert_eq!(
            got.to_utc(at("20260701T090000")).to_string(),
            "2026-07-01 13:00:00 UTC"
        );
    }

    #[test]
    fn a_definition_is_compared_over_the_events_years() {
        // New York's changes of 2026 only, written out without yearly rules (as a writer
        // that copies the transitions around an event does): after November 2026 the file
        // knows no more summer time.
        let only_2026 = "BEGIN:VTIMEZONE\nTZID:Eastern (2026)\nBEGIN:STANDARD\nDTSTART:20251102T020000\nTZOFFSETFROM:-0400\nTZOFFSETTO:-0500\nEND:STANDARD\nBEGIN:DAYLIGHT\nDTSTART:20260308T020000\nTZOFFSETFROM:-0500\nTZOFFSETTO:-0400\nEND:DAYLIGHT\nBEGIN:STANDARD\nDTSTART:20261101T020000\nTZOFFSETFROM:-0400\nTZOFFSETTO:-0500\nEND:STANDARD\nEND:VTIMEZONE\n";
        let mut r = TzResolver::default();
        r.add_definition(vtimezone(only_2026));
        let one_year = r.resolve("Eastern (2026)", y2026(), BERLIN);
        assert_eq!(one_year.tz, chrono_tz::America::New_York);
        let note = one_year.note.unwrap();
        assert!(
            note.contains("has the offsets of America/New_York in 2026"),
            "{note}"
        );
        let two_years = r.resolve("Eastern (2026)", Years::new(2026, 2027), BERLIN);
        assert_eq!(two_years.tz, chrono_tz::America::New_York);
        let note = two_years.note.unwrap();
        assert!(
            note.contains("match no zone on every day of 2026-2027"),
            "{note}"
        );
    }

    #[test]
    fn a_definition_no_zone_has_is_read_at_its_own_offsets() {
        let odd = CUSTOM_CET
            .replace("+0100", "+0117")
            .replace("Customized", "Odd");
        let mut r = TzResolver::default();
        r.add_definition(vtimezone(&odd));
        let got = r.resolve("Odd Time Zone (Amsterdam)", y2026(), BERLIN);
        let note = got.note.clone().unwrap();
        assert!(note.contains("matches no zone in 2026"), "{note}");
        assert!(note.contains("mostly +02:00"), "{note}");
        assert_eq!(got.tz, "Etc/GMT-2".parse::<Tz>().unwrap());
        // Summer: +02:00; winter: +01:17.
        assert_eq!(
            got.to_utc(at("20260701T090000")).to_string(),
            "2026-07-01 07:00:00 UTC"
        );
        assert_eq!(
            got.to_utc(at("20260115T090000")).to_string(),
            "2026-01-15 07:43:00 UTC"
        );
    }

    #[test]
    fn the_files_own_rules_read_gaps_and_repeated_hours_as_rfc_5545_does() {
        let mut r = TzResolver::default();
        r.add_definition(vtimezone(STALE_EASTERN));
        let got = r.resolve("Eastern Time (old rules)", y2026(), BERLIN);
        // 02:30 on 5 April 2026 does not exist by these rules: the offset before (-5).
        assert_eq!(
            got.to_utc(at("20260405T023000")).to_string(),
            "2026-04-05 07:30:00 UTC"
        );
        // 01:30 on 25 October 2026 occurs twice: the first (-4).
        assert_eq!(
            got.to_utc(at("20261025T013000")).to_string(),
            "2026-10-25 05:30:00 UTC"
        );
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
