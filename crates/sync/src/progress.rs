//! Where a run is, for the sync center's progress: the phase, and how far into it. The engine
//! writes it as it goes; whoever shows it reads the latest state when it likes.

use std::sync::{Arc, Mutex};

/// What the run is doing now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Sending local edits: `done` of `total` ops.
    Sending,
    /// Reading the remote's change feed: what changed since the last run.
    Changes,
    /// Receiving the records of a type pulled as a listing: `done` of `total` rows.
    Receiving(outpost_model::RecordType),
    /// Receiving calendars, entries, series and reminders.
    Calendars,
    /// Receiving users, groups, spaces and resources.
    Directory,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub phase: Phase,
    pub done: u32,
    /// Unknown until the server says (a first page) or for phases counted as they go.
    pub total: Option<u32>,
}

/// The latest progress of a run, shared between the engine and its watchers.
#[derive(Debug, Clone, Default)]
pub struct ProgressCell(Arc<Mutex<Option<Progress>>>);

impl ProgressCell {
    pub fn get(&self) -> Option<Progress> {
        *self.0.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub(crate) fn set(&self, progress: Option<Progress>) {
        *self.0.lock().unwrap_or_else(|p| p.into_inner()) = progress;
    }

    /// A new phase, nothing done in it yet.
    pub(crate) fn phase(&self, phase: Phase, total: Option<u32>) {
        self.set(Some(Progress {
            phase,
            done: 0,
            total,
        }));
    }

    /// `n` more done in the current phase (the total grows with it if it was too small).
    pub(crate) fn advance(&self, n: u32) {
        let mut slot = self.0.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(p) = slot.as_mut() {
            p.done += n;
            if let Some(total) = p.total.as_mut() {
                *total = (*total).max(p.done);
            }
        }
    }

    /// The total of the current phase, once known.
    pub(crate) fn total(&self, total: u32) {
        let mut slot = self.0.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(p) = slot.as_mut() {
            p.total = Some(total.max(p.done));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phases_count_up_and_a_total_never_falls_below_what_is_done() {
        let cell = ProgressCell::default();
        assert_eq!(cell.get(), None);
        cell.phase(Phase::Sending, Some(2));
        cell.advance(1);
        cell.advance(2);
        assert_eq!(
            cell.get(),
            Some(Progress {
                phase: Phase::Sending,
                done: 3,
                total: Some(3)
            })
        );
        cell.phase(Phase::Receiving(outpost_model::RecordType::Contact), None);
        cell.advance(50);
        cell.total(40);
        assert_eq!(cell.get().unwrap().total, Some(50));
        cell.set(None);
        assert_eq!(cell.get(), None);
    }
}
