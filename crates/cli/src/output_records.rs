//! How the CLI prints records, the outbox, conflicts and sync runs: words for people, one JSON
//! document with `--json`.

use outpost_app::commands::sync::{SyncOutcome, SyncState, SyncStatus};
use outpost_replica::{Conflict, ContactPage, ContactSummary, OutboxOp, Record, SyncRun};
use serde_json::{json, Value};

use crate::output::Output;

/// A value as one line of text: strings bare, the rest as JSON.
fn show(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => "—".into(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

/// A text field of a record, "—" when it has none.
pub(crate) fn field_text<'r>(r: &'r Record, key: &str) -> &'r str {
    r.fields.get(key).and_then(Value::as_str).unwrap_or("—")
}

pub(crate) fn pending_mark(pending: bool) -> &'static str {
    if pending {
        " (not synced yet)"
    } else {
        ""
    }
}

fn state_words(state: SyncState) -> &'static str {
    match state {
        SyncState::NeverSynced => "never synced",
        SyncState::UpToDate => "up to date",
        SyncState::Pending => "edits waiting to sync",
        SyncState::Offline => "offline (the last sync could not reach the server)",
        SyncState::NeedsAttention => "needs attention",
        SyncState::Syncing => "syncing now",
    }
}

impl Output {
    pub fn done(&self, message: &str) {
        if self.json {
            return self.print_json(json!({ "ok": true, "message": message }));
        }
        println!("{message}");
    }

    pub fn contact_list(&self, items: &[ContactSummary]) {
        if self.json {
            return self.print_json(json!(items));
        }
        if items.is_empty() {
            println!("No contacts found.");
        }
        for c in items {
            println!(
                "{}  {}  {}  {}{}",
                c.local_id,
                c.display_name,
                c.email.as_deref().unwrap_or("—"),
                c.phone.as_deref().unwrap_or("—"),
                pending_mark(c.has_pending_ops)
            );
        }
    }

    pub fn contact_page(&self, page: &ContactPage) {
        if self.json {
            return self.print_json(json!(page));
        }
        self.contact_list(&page.items);
        if page.total > 0 {
            let last = page.offset + page.items.len() as u32;
            println!(
                "{}–{} of {} contacts",
                (page.offset + 1).min(last),
                last,
                page.total
            );
        }
    }

    pub fn record(&self, r: &Record) {
        if self.json {
            return self.print_json(json!(r));
        }
        println!(
            "{} {}{}",
            r.entity.as_str(),
            r.local_id,
            pending_mark(r.has_pending_ops)
        );
        println!(
            "  server id: {}",
            r.server_id
                .as_deref()
                .unwrap_or("— (not on the server yet)")
        );
        if let Some(fields) = r.fields.as_object() {
            for (k, v) in fields {
                if k == "metadata" {
                    continue;
                }
                println!("  {k}: {}", show(Some(v)));
            }
        }
    }

    pub fn saved(&self, verb: &str, r: &Record) {
        if self.json {
            return self.print_json(json!(r));
        }
        // The id the user knows it by: the server's once it has one (either works in commands).
        println!(
            "{verb} {} {}; the next `outpost sync` sends it.",
            r.entity.as_str().replace('_', " "),
            r.server_id.as_deref().unwrap_or(&r.local_id)
        );
    }

    pub fn outbox(&self, ops: &[OutboxOp]) {
        if self.json {
            return self.print_json(json!(ops));
        }
        if ops.is_empty() {
            println!("The outbox is empty: everything is on the server.");
        }
        for op in ops {
            let state = serde_json::to_value(op.state).unwrap_or(Value::Null);
            let kind = serde_json::to_value(op.kind).unwrap_or(Value::Null);
            println!(
                "{}  {} {} {}  [{}]{}",
                op.op_id,
                show(Some(&kind)),
                op.entity.as_str(),
                op.label.as_deref().unwrap_or(&op.local_id),
                show(Some(&state)),
                op.last_error
                    .as_deref()
                    .map(|e| format!(": {e}"))
                    .unwrap_or_default()
            );
        }
    }

    pub fn conflicts(&self, conflicts: &[Conflict]) {
        if self.json {
            return self.print_json(json!(conflicts));
        }
        if conflicts.is_empty() {
            println!("No conflicts.");
        }
        for c in conflicts {
            let kind = serde_json::to_value(c.kind).unwrap_or(Value::Null);
            println!(
                "{}  {} {}  {}  fields: {}",
                c.conflict_id,
                c.entity.as_str(),
                c.local_id,
                show(Some(&kind)),
                if c.fields.is_empty() {
                    "—".into()
                } else {
                    c.fields.join(", ")
                }
            );
        }
    }

    pub fn conflict(&self, c: &Conflict) {
        if self.json {
            return self.print_json(json!(c));
        }
        let kind = serde_json::to_value(c.kind).unwrap_or(Value::Null);
        println!(
            "conflict {} on {} {} ({})",
            c.conflict_id,
            c.entity.as_str(),
            c.local_id,
            show(Some(&kind))
        );
        match (&c.local, &c.remote) {
            (None, _) => println!("  mine: deleted here"),
            (_, None) => println!("  theirs: deleted on the server"),
            _ => {}
        }
        println!(
            "  {:<14} {:<28} {:<28} {:<28}",
            "field", "base", "mine", "theirs"
        );
        for field in &c.fields {
            let at = |v: &Option<Value>| show(v.as_ref().and_then(|o| o.get(field)));
            println!(
                "  {:<14} {:<28} {:<28} {:<28}",
                field,
                at(&c.base),
                at(&c.local),
                at(&c.remote)
            );
        }
        println!(
            "Resolve with `outpost conflicts resolve {} --keep-mine | --take-theirs | --field NAME=mine|theirs`.",
            c.conflict_id
        );
    }

    pub fn sync_status(&self, s: &SyncStatus) {
        if self.json {
            return self.print_json(json!(s));
        }
        println!("tenant {}: {}", s.tenant_id, state_words(s.state));
        println!(
            "  outbox: {} waiting, {} sending, {} failed, {} in conflict",
            s.outbox.pending, s.outbox.in_flight, s.outbox.failed, s.outbox.conflict
        );
        println!(
            "  last successful sync: {}",
            s.last_success_at.as_deref().unwrap_or("never")
        );
        if let Some(run) = &s.last_run {
            if let Some(error) = &run.report.error {
                println!("  last run failed: {error}");
            }
        }
    }

    pub fn sync_outcome(&self, o: &SyncOutcome) {
        if self.json {
            return self.print_json(json!(o));
        }
        let r = &o.run.report;
        println!(
            "Synced: {} sent, {} received, {} failed, {} conflicts, {} held back for a later sync.",
            r.pushed, r.pulled, r.failed, r.conflicts, r.skipped
        );
        self.sync_status(&o.status);
    }

    pub fn sync_history(&self, runs: &[SyncRun]) {
        if self.json {
            return self.print_json(json!(runs));
        }
        if runs.is_empty() {
            println!("No sync runs yet.");
        }
        for run in runs {
            let outcome = serde_json::to_value(run.outcome).unwrap_or(Value::Null);
            let r = &run.report;
            println!(
                "{}  {:<8} {:<7} sent {} · received {} · failed {} · conflicts {}{}{}",
                run.started_at,
                run.trigger,
                show(Some(&outcome)),
                r.pushed,
                r.pulled,
                r.failed,
                r.conflicts,
                pull_words(r.details.as_ref()),
                r.error
                    .as_deref()
                    .map(|e| format!(" · {e}"))
                    .unwrap_or_default()
            );
        }
    }
}

/// How a run pulled, from its details: " · N changes asked for", " · listed in full (why)",
/// and what a verification found the change feed had missed.
fn pull_words(details: Option<&Value>) -> String {
    let Some(pull) = details.and_then(|d| d.get("pull")) else {
        return String::new();
    };
    match pull.get("mode").and_then(Value::as_str) {
        Some("feed") => {
            let n = pull.get("changes").and_then(Value::as_u64).unwrap_or(0);
            format!(" · {n} changed on the server")
        }
        Some("full") => {
            let why = match pull.get("reason").and_then(Value::as_str) {
                Some("first") => "first sync",
                Some("verify") => "verification",
                Some("asked") => "asked for",
                Some("cursorExpired") => "the change feed forgot this replica's place",
                Some("feedUnavailable") => "no change feed for this account",
                Some("noCursor") => "the change feed could not be read last time",
                Some("feedFailed") => "the change feed failed",
                Some("tooManyChanges") => "too much changed",
                _ => "listed",
            };
            let missed = match pull.get("missedByFeed").and_then(Value::as_u64) {
                Some(n) => format!(", {n} missed by the change feed"),
                None => String::new(),
            };
            format!(" · listed in full ({why}{missed})")
        }
        _ => String::new(),
    }
}
