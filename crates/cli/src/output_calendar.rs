//! How the CLI prints calendars, windows, links, reminders and the directory.

use outpost_replica::{
    CalendarSummary, ContactReference, DirectoryItem, EntryHit, FreeBusy, LinkedContact, Record,
    ReminderSummary, WindowItem,
};
use serde_json::json;

use crate::output::Output;

fn pending(p: bool) -> &'static str {
    if p {
        " (not synced yet)"
    } else {
        ""
    }
}

impl Output {
    pub fn calendars(&self, items: &[CalendarSummary]) {
        if self.json {
            return self.print_json(json!(items));
        }
        if items.is_empty() {
            println!(
                "No calendars yet: `outpost calendars add --name ... --kind ... --timezone ...`"
            );
        }
        for c in items {
            println!(
                "{}  {}  {} · {}{}",
                c.local_id,
                c.name,
                c.kind,
                c.timezone,
                pending(c.has_pending_ops)
            );
        }
    }

    pub fn window(&self, items: &[WindowItem]) {
        if self.json {
            return self.print_json(json!(items));
        }
        if items.is_empty() {
            println!("Nothing in this window.");
        }
        for i in items {
            let when = if i.is_all_day {
                format!("{} (all day)", &i.starts_at[..10.min(i.starts_at.len())])
            } else {
                format!("{} – {}", i.starts_at, i.ends_at)
            };
            let series = match (&i.series_id, &i.instance_date) {
                (Some(_), Some(day)) if i.overridden => format!(" · changed occurrence of {day}"),
                (Some(_), Some(day)) => format!(" · occurrence of {day}"),
                _ => String::new(),
            };
            println!(
                "{when}  {}  [{}]{}{}{}",
                i.title,
                i.status,
                i.location_name
                    .as_deref()
                    .map(|l| format!(" @ {l}"))
                    .unwrap_or_default(),
                series,
                pending(i.has_pending_ops)
            );
        }
    }

    pub fn free_busy(&self, fb: &FreeBusy) {
        if self.json {
            return self.print_json(json!(fb));
        }
        println!(
            "Busy between {} and {}:",
            fb.window_starts_at, fb.window_ends_at
        );
        if fb.slots.is_empty() {
            println!("  nothing: free all along");
        }
        for s in &fb.slots {
            println!("  {} – {}  [{}]", s.starts_at, s.ends_at, s.status);
        }
    }

    pub fn entry(&self, entry: &Record, series: Option<&Record>) {
        if self.json {
            return self.print_json(json!({ "entry": entry, "series": series }));
        }
        self.record(entry);
        if let Some(s) = series {
            println!("  series: {}{}", s.local_id, pending(s.has_pending_ops));
            for key in [
                "frequency",
                "intervalCount",
                "byWeekday",
                "byMonthDay",
                "untilAt",
                "occurrenceCountLimit",
            ] {
                if let Some(v) = s.fields.get(key).filter(|v| !v.is_null()) {
                    println!("    {key}: {v}");
                }
            }
        }
    }

    pub fn entry_hits(&self, hits: &[EntryHit]) {
        if self.json {
            return self.print_json(json!(hits));
        }
        if hits.is_empty() {
            println!("No entries found.");
        }
        for h in hits {
            println!(
                "{}  {}  {} – {}{}",
                h.entry_id,
                h.title,
                h.starts_at,
                h.ends_at,
                h.location_name
                    .as_deref()
                    .map(|l| format!(" @ {l}"))
                    .unwrap_or_default()
            );
        }
    }

    pub fn references(&self, refs: &[ContactReference]) {
        if self.json {
            return self.print_json(json!(refs));
        }
        if refs.is_empty() {
            println!("Not linked to any user, space or resource.");
        }
        for r in refs {
            println!(
                "{}  {} {}{}{}{}",
                r.link_id,
                r.entity_type,
                r.entity_name.as_deref().unwrap_or(&r.entity_id),
                if r.entity_name.is_some() {
                    format!(" ({})", r.entity_id)
                } else {
                    String::new()
                },
                if r.is_primary { " · primary" } else { "" },
                pending(r.has_pending_ops)
            );
        }
    }

    pub fn linked(&self, items: &[LinkedContact]) {
        if self.json {
            return self.print_json(json!(items));
        }
        if items.is_empty() {
            println!("No contacts linked.");
        }
        for l in items {
            println!(
                "{}  {}  {}{}",
                l.link_id,
                l.contact.display_name,
                l.contact.email.as_deref().unwrap_or("—"),
                if l.is_primary { " · primary" } else { "" }
            );
        }
    }

    pub fn reminders(&self, items: &[ReminderSummary]) {
        if self.json {
            return self.print_json(json!(items));
        }
        if items.is_empty() {
            println!("No reminders.");
        }
        for r in items {
            println!(
                "{}  {} min before {} {} by {}",
                r.local_id,
                r.offset_minutes,
                if r.entry_id.is_some() {
                    "entry"
                } else {
                    "series"
                },
                r.entry_id
                    .as_deref()
                    .or(r.master_id.as_deref())
                    .unwrap_or("—"),
                r.channel
            );
        }
    }

    pub fn directory(&self, items: &[DirectoryItem]) {
        if self.json {
            return self.print_json(json!(items));
        }
        if items.is_empty() {
            println!("Nothing here yet: run `outpost sync` to pull the directory.");
        }
        for d in items {
            println!(
                "{}  {}{}{}",
                d.server_id,
                d.name,
                d.email
                    .as_deref()
                    .map(|e| format!("  {e}"))
                    .unwrap_or_default(),
                d.status
                    .as_deref()
                    .map(|s| format!(" · {s}"))
                    .unwrap_or_default()
            );
        }
    }
}
