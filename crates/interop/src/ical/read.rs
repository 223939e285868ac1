//! The whole-file import: components streamed, events mapped as they come, then occurrence
//! changes (`RECURRENCE-ID` events, which may come before or after their series) joined to
//! their series by `UID`.
//!
//! Memory holds the mapped events (the result itself), the `VTIMEZONE`s, and only those raw
//! events whose `TZID` is defined further down the file; never the file.

use std::collections::HashMap;
use std::io::BufRead;

use chrono_tz::Tz;

use super::map::{map_event, override_patch, Context, MappedEvent};
use super::tz::{iana, TzResolver};
use super::windows_zones;
use super::{CalendarImport, ImportOptions, ImportedEvent, OccurrenceOverride};
use crate::component::{Component, ComponentReader, Event};
use crate::content_line::Dialect;
use crate::report::{ImportReport, Item, Problem};
use crate::text::unescape;
use crate::Fields;

/// Reads a .ics stream (one or more `VCALENDAR`s) into entries for `options.calendar_id`.
pub fn import<R: BufRead>(reader: R, options: &ImportOptions) -> CalendarImport {
    let mut components = ComponentReader::new(
        reader,
        Dialect::ICalendar,
        Some("VCALENDAR"),
        &["VEVENT", "VTIMEZONE"],
    );
    let mut resolver = TzResolver::default();
    let mut name = None;
    let mut file_tz: Option<Tz> = None;
    let mut mapped: Vec<MappedEvent> = Vec::new();
    let mut deferred: Vec<Component> = Vec::new();
    let mut file_problems = Vec::new();
    let mut skipped: HashMap<String, (usize, usize)> = HashMap::new();

    for event in components.by_ref() {
        match event {
            Event::Item(c) if c.name == "VTIMEZONE" => {
                for e in &c.errors {
                    file_problems.push(e.clone());
                }
                resolver.add_definition(c);
            }
            Event::Item(c) => {
                if undefined_tzid(&c, &resolver) {
                    deferred.push(c);
                } else {
                    let mut ctx = Context {
                        options,
                        default_tz: file_tz.unwrap_or(options.calendar_timezone),
                        resolver: &mut resolver,
                    };
                    mapped.push(map_event(&c, &mut ctx));
                }
            }
            Event::ContainerProperty(p) => match p.name.as_str() {
                "X-WR-CALNAME" if name.is_none() => name = Some(unescape(&p.value).trim().to_string()),
                "X-WR-TIMEZONE" if file_tz.is_none() => match iana(&p.value) {
                    Some(tz) => file_tz = Some(tz),
                    None => file_problems.push(Problem::new(
                        p.line,
                        format!(
                            "X-WR-TIMEZONE {:?} is not an IANA time zone; times without a zone are read in {}",
                            p.value.trim(),
                            options.calendar_timezone.name()
                        ),
                    )),
                },
                _ => {}
            },
            Event::ContainerEnd => {}
            Event::Skipped { name, line } => {
                let entry = skipped.entry(name).or_insert((line, 0));
                entry.1 += 1;
            }
        }
    }
    file_problems.extend(components.take_file_problems());
    for c in deferred {
        let mut ctx = Context {
            options,
            default_tz: file_tz.unwrap_or(options.calendar_timezone),
            resolver: &mut resolver,
        };
        mapped.push(map_event(&c, &mut ctx));
    }
    let mut skipped: Vec<_> = skipped.into_iter().collect();
    skipped.sort_by_key(|(_, (line, _))| *line);
    for (name, (line, count)) in skipped {
        file_problems.push(Problem::new(
            line,
            format!("{count} {name} component(s) skipped: only events (VEVENT) are imported"),
        ));
    }
    file_problems.sort_by_key(|p| p.line);

    let items = join_occurrences(mapped);
    CalendarImport {
        name: name.filter(|n| !n.is_empty()),
        timezone: file_tz.map(|tz| tz.name().to_string()),
        report: ImportReport {
            items,
            file_problems,
        },
    }
}

/// Whether an event names a `TZID` that only a `VTIMEZONE` not read yet could explain.
fn undefined_tzid(c: &Component, resolver: &TzResolver) -> bool {
    c.props.iter().filter_map(|p| p.param("TZID")).any(|tzid| {
        iana(tzid).is_none()
            && windows_zones::lookup(tzid).is_none()
            && !resolver.has_definition(tzid)
    })
}

/// A note when a changed occurrence has alarms its series does not: the platform keeps
/// reminders per series, so they are not imported. (Programs commonly copy the series' alarms
/// into each changed occurrence; those need no note.)
fn occurrence_alarms_note(series_reminders: &[Fields], occ: &MappedEvent) -> Option<Problem> {
    let own = occ
        .reminders
        .iter()
        .filter(|r| !series_reminders.contains(r))
        .count();
    (own > 0).then(|| {
        Problem::field(
            occ.line,
            "reminders",
            format!(
                "{own} alarm(s) of this changed occurrence are not imported: the platform's reminders belong to the whole series"
            ),
        )
    })
}

fn join_occurrences(mapped: Vec<MappedEvent>) -> Vec<Item<ImportedEvent>> {
    let (mut masters, occurrences): (Vec<MappedEvent>, Vec<MappedEvent>) =
        mapped.into_iter().partition(|m| m.recurrence_id.is_none());
    masters.sort_by_key(|m| m.line);
    let mut by_uid: HashMap<String, usize> = HashMap::new();
    for i in 0..masters.len() {
        let Some(uid) = masters[i].uid.clone() else {
            continue;
        };
        match by_uid.get(&uid) {
            Some(&first) => {
                let first_line = masters[first].line;
                let line = masters[i].line;
                masters[i].warnings.push(Problem::new(
                    line,
                    format!("UID {uid:?} is also used by the event at line {first_line}"),
                ));
            }
            None => {
                by_uid.insert(uid, i);
            }
        }
    }
    let mut standalone = Vec::new();
    for mut occ in occurrences {
        let rid = occ.recurrence_id.clone().expect("partitioned on it");
        let master = occ.uid.as_ref().and_then(|u| by_uid.get(u)).copied();
        let Some(m) = master else {
            occ.warnings.push(Problem::new(
                rid.line,
                "RECURRENCE-ID: the series this occurrence belongs to is not in the file; imported as a single event",
            ));
            occ.recurrence_id = None;
            standalone.push(occ);
            continue;
        };
        let master = &mut masters[m];
        let Some(series) = master.series.as_mut() else {
            master.warnings.push(Problem::new(
                occ.line,
                "the occurrence change here was not imported: its event has no series the platform can hold",
            ));
            continue;
        };
        if !occ.errors.is_empty() {
            master.errors.append(&mut occ.errors);
            continue;
        }
        master.warnings.append(&mut occ.warnings);
        if let Some(note) = occurrence_alarms_note(&master.reminders, &occ) {
            master.warnings.push(note);
        }
        if occ.cancelled {
            if !series.cancelled_dates.contains(&rid.date) {
                series.cancelled_dates.push(rid.date);
                series.cancelled_dates.sort();
            }
            continue;
        }
        if series.overrides.iter().any(|o| o.instance_date == rid.date) {
            master.errors.push(Problem::new(
                occ.line,
                format!("a second change of the occurrence on {}", rid.date),
            ));
            continue;
        }
        series.overrides.push(OccurrenceOverride {
            instance_date: rid.date,
            patch: override_patch(&master.entry, &occ.entry),
            line: occ.line,
        });
        series.overrides.sort_by_key(|o| o.instance_date);
    }
    masters.extend(standalone);
    masters.sort_by_key(|m| m.line);
    masters
        .into_iter()
        .map(|mut m| {
            m.errors.sort_by_key(|p| p.line);
            m.warnings.sort_by_key(|p| p.line);
            Item::from_parts(
                m.line,
                m.label,
                ImportedEvent {
                    uid: m.uid,
                    entry: m.entry,
                    series: m.series,
                    reminders: m.reminders,
                },
                m.errors,
                m.warnings,
            )
        })
        .collect()
}
