//! Every public type the UI sees renders to TypeScript (the app generates the bindings from
//! these derives), in camelCase, with JSON objects as records. Records, outbox ops and
//! conflicts reach the UI typed by the app's views instead.

use outpost_replica::*;
use ts_rs::{Config, TS};

#[test]
fn public_types_render_to_typescript() {
    let cfg = Config::new().with_large_int("number");
    let decls = [
        OutboxSummary::decl(&cfg),
        Resolution::decl(&cfg),
        Choice::decl(&cfg),
        ConflictKind::decl(&cfg),
        ContactQuery::decl(&cfg),
        ContactSort::decl(&cfg),
        ContactPage::decl(&cfg),
        ContactSummary::decl(&cfg),
        ContactReference::decl(&cfg),
        LinkedContact::decl(&cfg),
        CalendarSummary::decl(&cfg),
        Participant::decl(&cfg),
        ReminderSummary::decl(&cfg),
        WindowItem::decl(&cfg),
        FreeBusy::decl(&cfg),
        FreeBusySlot::decl(&cfg),
        EntryHit::decl(&cfg),
        RunReport::decl(&cfg),
        SyncRun::decl(&cfg),
        RunOutcome::decl(&cfg),
        Directory::decl(&cfg),
        DirectoryItem::decl(&cfg),
        TenantInfo::decl(&cfg),
        Entity::decl(&cfg),
        Source::decl(&cfg),
        OpKind::decl(&cfg),
        OpState::decl(&cfg),
        RemoteDelete::decl(&cfg),
    ];
    let all = decls.join("\n");
    for expected in [
        "hasPendingOps: boolean",
        "raw: Record<string, unknown>",
        "\"recurrence_master\"",
        "\"in_flight\"",
        "instanceDate: string | null",
        "total: number",
    ] {
        assert!(all.contains(expected), "{expected} missing in:\n{all}");
    }
    assert!(!all.contains("_id:"), "snake_case leaked into:\n{all}");
}
