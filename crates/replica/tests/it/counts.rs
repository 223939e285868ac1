//! The overview's counts: live records of the tenant only.

use crate::common::*;
use outpost_replica::{Source, TenantCounts};

#[test]
fn counts_are_the_tenants_live_records_only() {
    let t = open();
    let scope = t.replica.tenant(TENANT);
    assert_eq!(scope.counts().unwrap(), TenantCounts::default());
    calendar(&scope, "Ops", "Europe/Berlin");
    let gone = contact(&scope, "Ann", "Gone", "ann@example.com");
    contact(&scope, "Bo", "Here", "bo@example.com");
    contact(&scope, "Cy", "Here", "cy@example.com");
    scope.delete_contact(Source::User, &gone.local_id).unwrap();
    let other = t.replica.tenant(OTHER_TENANT);
    contact(&other, "Di", "Elsewhere", "di@example.com");

    let counts = scope.counts().unwrap();
    assert_eq!((counts.contacts, counts.calendars), (2, 1));
    assert_eq!(other.counts().unwrap().contacts, 1);
}
