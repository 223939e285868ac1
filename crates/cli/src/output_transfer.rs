//! How the CLI prints imports and exports.

use outpost_app::commands::export::ExportOutcome;
use outpost_app::commands::import::csv_columns::{ContactField, CsvColumn};
use outpost_app::commands::import::{FileFormat, ImportOutcome, ItemAction};
use serde_json::json;

use crate::output::Output;

/// A CSV's columns, numbered as `--map "#N=field"` counts them, each with its field.
fn print_columns(columns: &[CsvColumn]) {
    println!("Columns (change with --map \"HEADER=field\"):");
    for c in columns {
        let to = match (c.field, &c.detail) {
            (ContactField::Ignore, _) if c.describes_another => {
                "not imported (describes another column)".to_string()
            }
            (ContactField::Ignore, _) if c.filled_rows > 0 => {
                format!("not imported ({} row(s) with data)", c.filled_rows)
            }
            (ContactField::Ignore, _) => "not imported".to_string(),
            (field, Some(detail)) => format!("{} ({detail})", field.name()),
            (field, None) => field.name(),
        };
        println!("  #{} {:?} -> {to}", c.index + 1, c.header);
    }
}

impl Output {
    pub fn import_outcome(&self, o: &ImportOutcome) {
        if self.json {
            return self.print_json(json!(o));
        }
        let verb = if o.applied {
            "Imported"
        } else {
            "Would import"
        };
        println!(
            "{verb}: {} created, {} updated, {} skipped, {} not importable.",
            o.created, o.updated, o.skipped, o.failed
        );
        for p in &o.file_problems {
            println!("  line {}: {}", p.line, p.message);
        }
        if let Some(columns) = &o.csv_columns {
            print_columns(columns);
        }
        for w in &o.file_warnings {
            println!("  warning: {}", w.message);
        }
        for item in &o.items {
            let mark = match item.action {
                ItemAction::Error => "error",
                ItemAction::Skip => "skip",
                ItemAction::Update => "update",
                ItemAction::Create if !item.warnings.is_empty() => "note",
                ItemAction::Create => continue,
            };
            let reason = item
                .reason
                .as_deref()
                .map(|r| format!(": {r}"))
                .unwrap_or_default();
            println!("  {mark} line {} {}{reason}", item.line, item.label);
            for p in item.problems.iter().chain(&item.warnings) {
                let field = p
                    .field
                    .as_deref()
                    .map(|f| format!("{f}: "))
                    .unwrap_or_default();
                println!("      line {}: {field}{}", p.line, p.message);
            }
        }
        if o.omitted_items > 0 {
            println!(
                "  … and {} more item(s) counted above but not listed (a big file lists its problems, warnings, updates and skips up to 1,000, and its first 200 creates).",
                o.omitted_items
            );
        }
        if o.applied && o.created + o.updated > 0 {
            println!("The next `outpost sync` sends them.");
        }
    }

    /// What an export wrote; on standard error when the file itself went to standard output.
    pub fn export_outcome(&self, o: &ExportOutcome, to_stderr: bool) {
        let say = |line: String| {
            if to_stderr {
                eprintln!("{line}");
            } else {
                println!("{line}");
            }
        };
        if self.json {
            let text = serde_json::to_string_pretty(&json!(o)).expect("JSON encodes");
            return say(text);
        }
        match o.calendars {
            0 if o.format != FileFormat::Ics => {
                say(format!("Wrote {} contact(s) to {}.", o.written, o.path))
            }
            n => say(format!(
                "Wrote {} event(s) of {n} calendar(s) to {}.",
                o.written, o.path
            )),
        }
        if o.outside_window > 0 {
            say(format!(
                "  {} entr{} outside the dates asked for left out.",
                o.outside_window,
                if o.outside_window == 1 { "y" } else { "ies" }
            ));
        }
        if o.format == FileFormat::Ics {
            say(match &o.replica_holds {
                Some(h) => format!(
                    "  This replica holds the server's entries from {} to {} (as of the sync of {}), with every series whole (the sync settings of the desktop app set the window).",
                    h.from, h.to, h.synced_at
                ),
                None => "  This replica has not synced yet: it holds only the entries made here.".to_string(),
            });
        }
        for s in &o.skipped {
            say(format!("  left out: {s}"));
        }
    }

    pub fn watch_settings(&self, s: &outpost_app::commands::watch::WatchSettings) {
        if self.json {
            return self.print_json(crate::watch::settings_json(s));
        }
        match &s.folder {
            None => println!("The watched folder is off."),
            Some(f) => println!("Watching {f}"),
        }
        match &s.calendar_id {
            Some(c) => println!("Events of .ics files go into calendar {c}"),
            None => println!("No calendar for .ics files yet (--calendar ID)"),
        }
        println!(
            "Records already here: {}",
            serde_json::to_value(s.duplicates)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default()
        );
    }

    pub fn watch_reports(&self, reports: &[outpost_app::watch_folder::WatchReport]) {
        if self.json {
            return self.print_json(serde_json::json!(reports));
        }
        if reports.is_empty() {
            println!("No files taken from the watched folder yet.");
        }
        for r in reports {
            let said = match (&r.error, &r.outcome) {
                (Some(e), _) => format!("failed: {e}"),
                (None, Some(o)) => format!(
                    "{} created, {} updated, {} skipped, {} failed",
                    o["created"], o["updated"], o["skipped"], o["failed"]
                ),
                (None, None) => "imported".into(),
            };
            println!("{}  {}  {said}  → {}", r.at, r.file, r.moved_to);
        }
    }
}
