//! The whole-file import: components streamed, events mapped as they come, then occurrence
//! changes (`RECURRENCE-ID` events, which may come before or after their series) joined to
//! their series by `UID`.
//!
//! Memory holds the mapped events (the result itself), the `VTIMEZONE`s, and only those raw
//! events whose `TZID` is defined further down the file; never the file.

use std::collections::HashMap;
use std::io::BufRead;

use chrono_tz::Tz;

use super::map::{map_event, Context, MappedEvent};
use super::occurrence::{override_patch, unkept_changes};
use super::rdate::{change_entry, changed_entry, extra_items, Extra, Origin};
use super::tz::{iana, TzResolver};
use super::unrolled::change_outside;
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
                    let mut ctx = Context::new(
                        options,
                        file_tz.unwrap_or(options.calendar_timezone),
                        &mut resolver,
                    );
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
        let mut ctx = Context::new(
            options,
            file_tz.unwrap_or(options.calendar_timezone),
            &mut resolver,
        );
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

/// Joins a changed occurrence to its series: its errors fail the series, its warnings and its
/// change (or cancellation) go into the series.
fn attach(master: &mut MappedEvent, mut occ: MappedEvent) {
    let rid = occ.recurrence_id.clone().expect("an occurrence");
    if let Some(which) = changed_entry(master, &rid) {
        return change_entry(master, which, occ);
    }
    if master.series.is_none() && master.unrolled.is_some() {
        return change_outside(master, &rid, occ);
    }
    let Some(series) = master.series.as_mut() else {
        master.warnings.push(Problem::new(
            occ.line,
            "the occurrence change here was not imported: its event has no series the platform can hold",
        ));
        return;
    };
    if !occ.errors.is_empty() {
        master.errors.append(&mut occ.errors);
        return;
    }
    master.warnings.append(&mut occ.warnings);
    master.unkept.merge(std::mem::take(&mut occ.unkept));
    if let Some(note) = occurrence_alarms_note(&master.reminders, &occ) {
        master.warnings.push(note);
    }
    if occ.cancelled {
        if !series.cancelled_dates.contains(&rid.date) {
            series.cancelled_dates.push(rid.date);
            series.cancelled_dates.sort();
        }
        return;
    }
    if series.overrides.iter().any(|o| o.instance_date == rid.date) {
        master.errors.push(Problem::new(
            occ.line,
            format!("a second change of the occurrence on {}", rid.date),
        ));
        return;
    }
    let notes = unkept_changes(master, &occ);
    master.warnings.extend(notes);
    let series = master.series.as_mut().expect("checked above");
    series.overrides.push(OccurrenceOverride {
        instance_date: rid.date,
        patch: override_patch(&master.entry, &occ.entry),
        line: occ.line,
    });
    series.overrides.sort_by_key(|o| o.instance_date);
}

/// A changed occurrence whose series is not in the file: imported on its own.
fn standalone(mut occ: MappedEvent) -> MappedEvent {
    let line = occ.recurrence_id.take().map_or(occ.line, |r| r.line);
    occ.warnings.push(Problem::new(
        line,
        "RECURRENCE-ID: the series this occurrence belongs to is not in the file; imported as a single event",
    ));
    occ
}

fn duplicate_uid(uid: &str, first_line: usize, master: &mut MappedEvent) {
    let line = master.line;
    master.warnings.push(Problem::new(
        line,
        format!("UID {uid:?} is also used by the event at line {first_line}"),
    ));
}

/// The item of an event, then those of its extra dates.
fn finish(mut m: MappedEvent) -> Vec<Item<ImportedEvent>> {
    m.warnings
        .extend(std::mem::take(&mut m.unkept).into_problem());
    let extras = if m.errors.is_empty() {
        std::mem::take(&mut m.extras)
    } else {
        Vec::new()
    };
    let rdates: Vec<&Extra> = extras
        .iter()
        .filter(|e| e.origin == Origin::Rdate)
        .collect();
    if let Some(first) = rdates.first() {
        let dates: Vec<String> = rdates.iter().map(|e| e.date.to_string()).collect();
        m.warnings.push(Problem::field(
            first.line,
            "rdate",
            format!(
                "RDATE: {} extra occurrence(s) ({}) are imported as entries of their own, after this one: the platform has no place for extra dates in an event",
                rdates.len(),
                shortened(&dates)
            ),
        ));
    }
    if let (Some(u), Some((_, first))) = (&m.unrolled, m.first) {
        if m.errors.is_empty() {
            let own: Vec<&Extra> = extras.iter().filter(|e| e.origin == Origin::Rule).collect();
            let last = own.iter().map(|e| e.date).max().unwrap_or(first);
            m.warnings.push(Problem::field(
                u.line,
                "recurrence",
                u.note(own.len() + 1, first, last, m.uid.as_deref()),
            ));
        }
    }
    m.errors.sort_by_key(|p| p.line);
    m.warnings.sort_by_key(|p| p.line);
    let mut items = extra_items(&m, extras);
    items.insert(
        0,
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
        ),
    );
    items
}

/// A list for a message: the first few, and how many more.
fn shortened(list: &[String]) -> String {
    const SHOWN: usize = 5;
    if list.len() <= SHOWN {
        return list.join(", ");
    }
    format!(
        "{} and {} more",
        list[..SHOWN].join(", "),
        list.len() - SHOWN
    )
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
                duplicate_uid(&uid, first_line, &mut masters[i]);
            }
            None => {
                by_uid.insert(uid, i);
            }
        }
    }
    let mut alone = Vec::new();
    for occ in occurrences {
        match occ.uid.as_ref().and_then(|u| by_uid.get(u)).copied() {
            Some(m) => attach(&mut masters[m], occ),
            None => alone.push(standalone(occ)),
        }
    }
    masters.extend(alone);
    masters.sort_by_key(|m| m.line);
    masters.into_iter().flat_map(finish).collect()
}

/// What a first pass over a .ics file learns for [`EventReader`]: how many changed occurrences
/// (`RECURRENCE-ID` events) each `UID` has, so a series is held only until its last change has
/// been read, and every other event streams. Holds the UIDs of series with changes only.
#[derive(Debug, Clone, Default)]
pub struct OccurrenceIndex {
    changes: HashMap<String, usize>,
}

impl OccurrenceIndex {
    /// Reads the file once, keeping only the UIDs of changed occurrences and their counts.
    pub fn scan<R: BufRead>(reader: R) -> OccurrenceIndex {
        let mut changes: HashMap<String, usize> = HashMap::new();
        let components =
            ComponentReader::new(reader, Dialect::ICalendar, Some("VCALENDAR"), &["VEVENT"]);
        for event in components {
            let Event::Item(c) = event else { continue };
            if c.prop("RECURRENCE-ID").is_none() {
                continue;
            }
            if let Some(uid) = c.prop("UID").map(text).filter(|u| !u.is_empty()) {
                *changes.entry(uid).or_default() += 1;
            }
        }
        OccurrenceIndex { changes }
    }

    /// How many series (UIDs) have changed occurrences.
    pub fn len(&self) -> usize {
        self.changes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }
}

fn text(p: &crate::content_line::ContentLine) -> String {
    unescape(&p.value).trim().to_string()
}

/// A series whose changed occurrences are still being read.
#[derive(Default)]
struct Pending {
    /// Changes not read yet.
    remaining: usize,
    master: Option<MappedEvent>,
    /// Changes read before their series.
    early: Vec<MappedEvent>,
}

/// The streaming .ics import: one event at a time, as [`import`] maps them (the same items,
/// warnings and errors), with memory bounded by one event, the `VTIMEZONE`s, the series whose
/// changed occurrences are not all read yet, events whose `TZID` is defined further down the
/// file, and an 8-byte hash per `UID` (for the "UID also used by" warning). Items come in file
/// order, except that a series comes when its last change has been read.
///
/// ```
/// use outpost_interop::ical::{EventReader, ImportOptions, OccurrenceIndex};
/// let file = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nSUMMARY:Standup\nDTSTART:20250106T090000Z\nEND:VEVENT\nEND:VCALENDAR\n";
/// let options = ImportOptions::new("cal-1", chrono_tz::UTC);
/// let index = OccurrenceIndex::scan(file.as_bytes());
/// let mut events = EventReader::new(file.as_bytes(), &options, index);
/// assert_eq!(events.next().unwrap().label, "Standup");
/// assert!(events.next().is_none());
/// assert!(events.take_file_problems().is_empty());
/// ```
pub struct EventReader<'o, R> {
    components: ComponentReader<R>,
    options: &'o ImportOptions,
    resolver: TzResolver,
    file_tz: Option<Tz>,
    name: Option<String>,
    deferred: Vec<Component>,
    file_problems: Vec<Problem>,
    skipped: HashMap<String, (usize, usize)>,
    pending: HashMap<String, Pending>,
    /// First line of each master UID, by the UID's hash.
    first_line: HashMap<u64, usize>,
    ready: std::collections::VecDeque<MappedEvent>,
    /// Items of an event finished, waiting to be handed out (an event with extra dates
    /// gives several).
    out: std::collections::VecDeque<Item<ImportedEvent>>,
    finished: bool,
}

fn uid_hash(uid: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    uid.hash(&mut h);
    h.finish()
}

impl<'o, R: BufRead> EventReader<'o, R> {
    /// `index` comes from [`OccurrenceIndex::scan`] over the same file.
    pub fn new(reader: R, options: &'o ImportOptions, index: OccurrenceIndex) -> Self {
        EventReader {
            components: ComponentReader::new(
                reader,
                Dialect::ICalendar,
                Some("VCALENDAR"),
                &["VEVENT", "VTIMEZONE"],
            ),
            options,
            resolver: TzResolver::default(),
            file_tz: None,
            name: None,
            deferred: Vec::new(),
            file_problems: Vec::new(),
            skipped: HashMap::new(),
            pending: index
                .changes
                .into_iter()
                .map(|(uid, remaining)| {
                    (
                        uid,
                        Pending {
                            remaining,
                            ..Pending::default()
                        },
                    )
                })
                .collect(),
            first_line: HashMap::new(),
            ready: Default::default(),
            out: Default::default(),
            finished: false,
        }
    }

    /// `X-WR-CALNAME`, once read.
    pub fn name(&self) -> Option<&str> {
        self.name.as_deref().filter(|n| !n.is_empty())
    }

    /// Problems outside any event; complete once the iteration has ended.
    pub fn take_file_problems(&mut self) -> Vec<Problem> {
        let mut problems = std::mem::take(&mut self.file_problems);
        problems.sort_by_key(|p| p.line);
        problems
    }

    fn map(&mut self, c: &Component) -> MappedEvent {
        let mut ctx = Context::new(
            self.options,
            self.file_tz.unwrap_or(self.options.calendar_timezone),
            &mut self.resolver,
        );
        map_event(c, &mut ctx)
    }

    /// Routes a mapped event: out at once, or held with its series.
    fn route(&mut self, mut m: MappedEvent) {
        let Some(uid) = m.uid.clone() else {
            if m.recurrence_id.is_some() {
                m = standalone(m);
            }
            self.ready.push_back(m);
            return;
        };
        if m.recurrence_id.is_none() {
            let hash = uid_hash(&uid);
            if let Some(&first) = self.first_line.get(&hash) {
                duplicate_uid(&uid, first, &mut m);
                self.ready.push_back(m);
                return;
            }
            self.first_line.insert(hash, m.line);
            let Some(p) = self.pending.get_mut(&uid) else {
                self.ready.push_back(m);
                return;
            };
            for occ in std::mem::take(&mut p.early) {
                attach(&mut m, occ);
            }
            if p.remaining == 0 {
                self.pending.remove(&uid);
                self.ready.push_back(m);
            } else {
                p.master = Some(m);
            }
            return;
        }
        let Some(p) = self.pending.get_mut(&uid) else {
            // Not counted by the first pass (the file changed in between): its series, if
            // any, has gone out already.
            self.ready.push_back(standalone(m));
            return;
        };
        p.remaining = p.remaining.saturating_sub(1);
        match p.master.as_mut() {
            Some(master) => {
                attach(master, m);
                if p.remaining == 0 {
                    let done = self.pending.remove(&uid).and_then(|p| p.master);
                    self.ready.extend(done);
                }
            }
            None => p.early.push(m),
        }
    }

    /// The end of the file: events waiting for a `VTIMEZONE`, then series still open, then
    /// changes whose series never came.
    fn finish_file(&mut self) {
        self.file_problems
            .extend(self.components.take_file_problems());
        for c in std::mem::take(&mut self.deferred) {
            let m = self.map(&c);
            self.route(m);
        }
        let mut rest: Vec<MappedEvent> = Vec::new();
        for (_, p) in self.pending.drain() {
            match p.master {
                Some(mut master) => {
                    for occ in p.early {
                        attach(&mut master, occ);
                    }
                    rest.push(master);
                }
                None => rest.extend(p.early.into_iter().map(standalone)),
            }
        }
        rest.sort_by_key(|m| m.line);
        self.ready.extend(rest);
        let mut skipped: Vec<_> = self.skipped.drain().collect();
        skipped.sort_by_key(|(_, (line, _))| *line);
        for (name, (line, count)) in skipped {
            self.file_problems.push(Problem::new(
                line,
                format!("{count} {name} component(s) skipped: only events (VEVENT) are imported"),
            ));
        }
    }
}

impl<R: BufRead> Iterator for EventReader<'_, R> {
    type Item = Item<ImportedEvent>;

    fn next(&mut self) -> Option<Item<ImportedEvent>> {
        loop {
            if let Some(item) = self.out.pop_front() {
                return Some(item);
            }
            if let Some(m) = self.ready.pop_front() {
                self.out.extend(finish(m));
                continue;
            }
            if self.finished {
                return None;
            }
            let Some(event) = self.components.next() else {
                self.finished = true;
                self.finish_file();
                continue;
            };
            match event {
                Event::Item(c) if c.name == "VTIMEZONE" => {
                    self.file_problems.extend(c.errors.iter().cloned());
                    self.resolver.add_definition(c);
                }
                Event::Item(c) => {
                    if undefined_tzid(&c, &self.resolver) {
                        self.deferred.push(c);
                    } else {
                        let m = self.map(&c);
                        self.route(m);
                    }
                }
                Event::ContainerProperty(p) => match p.name.as_str() {
                    "X-WR-CALNAME" if self.name.is_none() => {
                        self.name = Some(unescape(&p.value).trim().to_string())
                    }
                    "X-WR-TIMEZONE" if self.file_tz.is_none() => match iana(&p.value) {
                        Some(tz) => self.file_tz = Some(tz),
                        None => self.file_problems.push(Problem::new(
                            p.line,
                            format!(
                                "X-WR-TIMEZONE {:?} is not an IANA time zone; times without a zone are read in {}",
                                p.value.trim(),
                                self.options.calendar_timezone.name()
                            ),
                        )),
                    },
                    _ => {}
                },
                Event::ContainerEnd => {}
                Event::Skipped { name, line } => {
                    self.skipped.entry(name).or_insert((line, 0)).1 += 1;
                }
            }
        }
    }
}
