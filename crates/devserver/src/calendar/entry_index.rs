//! The live entries of a tenant by start time, so that a window listing touches only the
//! entries that can overlap its window. Derived from the entries table and rebuilt when the
//! table's generation moved since it was built, so no mutation has to maintain it and it is
//! never stale.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};

use crate::calendar::entries::span;
use crate::calendar::store::{is_live, Row};
use crate::calendar::window::Window;
use crate::storage::Table;

/// One live entry's span.
pub struct Span {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub id: String,
}

/// Spans sorted by (start, id), and the longest duration among them: an entry overlapping
/// `[from, to)` starts in `[from - longest, to)`.
#[derive(Default)]
struct Run {
    spans: Vec<Span>,
    longest: Duration,
}

impl Run {
    fn push(&mut self, span: Span) {
        self.longest = self.longest.max(span.end - span.start);
        self.spans.push(span);
    }

    fn finish(&mut self) {
        self.spans
            .sort_unstable_by(|a, b| (a.start, &a.id).cmp(&(b.start, &b.id)));
    }

    /// The spans overlapping `window`, in (start, id) order.
    fn overlapping(&self, window: Window) -> impl Iterator<Item = &Span> {
        let lowest = window
            .from
            .checked_sub_signed(self.longest)
            .unwrap_or(DateTime::<Utc>::MIN_UTC);
        let first = self.spans.partition_point(|s| s.start < lowest);
        let last = self.spans.partition_point(|s| s.start < window.to);
        self.spans[first..last.max(first)]
            .iter()
            .filter(move |s| window.overlaps(s.start, s.end))
    }
}

#[derive(Default)]
pub struct EntryIndex {
    /// The entries table's generation this was built at.
    built_at: Option<u64>,
    /// Every live entry of the tenant.
    all: Run,
    /// calendar id -> its live entries.
    by_calendar: HashMap<String, Run>,
}

impl EntryIndex {
    /// Rebuilds from `entries` when they changed since the last build.
    pub fn refresh(&mut self, entries: &Table<String, Row>) {
        if self.built_at == Some(entries.generation()) {
            return;
        }
        let mut all = Run::default();
        let mut by_calendar: HashMap<String, Run> = HashMap::new();
        for row in entries.values().filter(|r| is_live(r)) {
            let (start, end) = span(row);
            let id = row["id"].as_str().unwrap_or_default().to_string();
            // A listing by calendar matches `calendarId` as a string; other rows only list
            // without one.
            if let Some(calendar) = row["calendarId"].as_str() {
                by_calendar
                    .entry(calendar.to_string())
                    .or_default()
                    .push(Span {
                        start,
                        end,
                        id: id.clone(),
                    });
            }
            all.push(Span { start, end, id });
        }
        all.finish();
        by_calendar.values_mut().for_each(Run::finish);
        *self = EntryIndex {
            built_at: Some(entries.generation()),
            all,
            by_calendar,
        };
    }

    /// The live entries (of `calendar` when given) overlapping `window`, in (start, id)
    /// order. Call [`EntryIndex::refresh`] first.
    pub fn overlapping<'a>(
        &'a self,
        calendar: Option<&str>,
        window: Window,
    ) -> Box<dyn Iterator<Item = &'a Span> + 'a> {
        match calendar {
            None => Box::new(self.all.overlapping(window)),
            Some(c) => match self.by_calendar.get(c) {
                Some(run) => Box::new(run.overlapping(window)),
                None => Box::new(std::iter::empty()),
            },
        }
    }
}
