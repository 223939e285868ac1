//! The outcome of an import as its items come: exact counts, and a list bounded however big the
//! file.

use outpost_interop::Problem;

use super::{
    problem, FileFormat, ImportItem, ImportLimits, ImportOutcome, ImportProblem, ItemAction,
};

/// The outcome as the items come: exact counts, a bounded list.
pub(super) struct Collector {
    outcome: ImportOutcome,
    limits: ImportLimits,
    plain: usize,
    notable: usize,
}

impl Collector {
    pub(super) fn new(format: FileFormat, applied: bool, limits: ImportLimits) -> Collector {
        Collector {
            outcome: ImportOutcome {
                format,
                applied,
                created: 0,
                updated: 0,
                skipped: 0,
                failed: 0,
                items: Vec::new(),
                omitted_items: 0,
                file_problems: Vec::new(),
                file_warnings: Vec::new(),
                csv_columns: None,
            },
            limits,
            plain: 0,
            notable: 0,
        }
    }

    pub(super) fn push(&mut self, item: ImportItem) {
        let o = &mut self.outcome;
        match item.action {
            ItemAction::Create => o.created += 1,
            ItemAction::Update => o.updated += 1,
            ItemAction::Skip => o.skipped += 1,
            ItemAction::Error => o.failed += 1,
        }
        let plain = item.action == ItemAction::Create
            && item.reason.is_none()
            && item.problems.is_empty()
            && item.warnings.is_empty();
        let (listed, limit) = if plain {
            (&mut self.plain, self.limits.plain_listed)
        } else {
            (&mut self.notable, self.limits.listed)
        };
        if *listed < limit {
            *listed += 1;
            o.items.push(item);
        } else {
            o.omitted_items += 1;
        }
    }

    pub(super) fn finish(mut self, file: &[Problem]) -> ImportOutcome {
        // A series comes when its last changed occurrence has been read: back in file order.
        self.outcome.items.sort_by_key(|i| i.line);
        let max = self.limits.file_problems;
        let o = &mut self.outcome;
        o.file_problems = file.iter().take(max).map(problem).collect();
        if file.len() > max {
            o.file_problems.push(ImportProblem {
                line: file.last().map_or(0, |p| p.line as u32),
                field: None,
                message: format!(
                    "{} more problems outside any item were not listed",
                    file.len() - max
                ),
            });
        }
        self.outcome
    }
}
