//! The pull that costs what changed (#19): after a first full listing, a run asks the change
//! feed what changed and reads only that; it lists in full again when the cursor expired, when
//! the feed fails, when asked, and to verify the feed, counting what the feed missed.

use crate::common::{obj, rig, rig_with, Rig};
use outpost_devserver::{DemoOptions, DevServerConfig, FaultConfig, FaultKind, FaultRule};
use outpost_platform::Method;
use outpost_replica::{Directory, Entity, OpState, RunReport, Source};
use outpost_sync::{sync_tenant, SyncOptions};
use serde_json::{json, Value};

const CONTACTS: &str = "/api/v1/secure/contacts";
const FEED: &str = "/api/v1/services/realtime/events/missed";

/// How the run pulled: `("feed", changes)` or `("full", reason)`.
fn mode(report: &RunReport) -> (String, Value) {
    let pull = &report.details.as_ref().expect("details")["pull"];
    let mode = pull["mode"].as_str().expect("a pull mode").to_string();
    let what = match mode.as_str() {
        "feed" => pull["changes"].clone(),
        _ => pull["reason"].clone(),
    };
    (mode, what)
}

/// The demo, with fault rules taken at `/_faults`.
fn with_faults() -> DevServerConfig {
    DevServerConfig {
        demo: Some(DemoOptions::default()),
        faults: Some(FaultConfig {
            seed: 1,
            rules: vec![],
        }),
        ..DevServerConfig::default()
    }
}

impl Rig {
    async fn sync_with(&self, options: &SyncOptions) -> RunReport {
        sync_tenant(&self.session, &self.replica, &self.tenant, options)
            .await
            .unwrap()
    }

    /// A run, and how many requests it sent.
    async fn counted_sync(&self) -> (RunReport, u64) {
        let before = self.session.client().requests_sent();
        let report = self.sync().await;
        (report, self.session.client().requests_sent() - before)
    }

    async fn remote_contact(&self, first: &str) -> String {
        let made: Value = self
            .remote
            .send_json(
                Method::POST,
                CONTACTS,
                &json!({"firstName": first, "lastName": "Remote"}),
            )
            .await
            .unwrap();
        made["data"]["id"].as_str().unwrap().to_string()
    }

    async fn remote_delete(&self, path: &str) {
        self.remote
            .request::<Value>(Method::DELETE, path, &[], None)
            .await
            .unwrap();
    }

    /// The local copy of the contact with this server id, if the replica has it.
    fn contact_by_server_id(&self, id: &str) -> Option<Value> {
        let r = self.replica.lock().unwrap();
        r.tenant(&self.tenant)
            .records(Entity::Contact, None)
            .unwrap()
            .into_iter()
            .find(|c| c.server_id.as_deref() == Some(id))
            .map(|c| c.fields)
    }

    fn some_contact(&self) -> (String, String) {
        let r = self.replica.lock().unwrap();
        let c = r
            .tenant(&self.tenant)
            .records(Entity::Contact, None)
            .unwrap()
            .into_iter()
            .next()
            .unwrap();
        (c.local_id, c.server_id.unwrap())
    }
}

#[tokio::test]
async fn a_resync_with_nothing_changed_asks_the_feed_and_little_else() {
    let rig = rig().await;
    let (first, listing) = rig.counted_sync().await;
    assert_eq!(mode(&first), ("full".into(), json!("first")));
    let (again, asked) = rig.counted_sync().await;
    assert_eq!(mode(&again), ("feed".into(), json!(0)), "{again:?}");
    assert_eq!(again.pulled, 0);
    assert!(
        asked <= 5,
        "a no-change resync sent {asked} requests (the full one {listing})"
    );
    assert!(listing > 20, "the first sync lists everything: {listing}");
}

#[tokio::test]
async fn remote_creates_edits_and_deletes_arrive_through_the_feed() {
    let rig = rig().await;
    rig.sync().await;
    let (_, edited) = rig.some_contact();
    let made = rig.remote_contact("Fed").await;
    rig.remote_patch(&edited, json!({"phone": "+49 30 5551234"}))
        .await;
    let doomed = rig.remote_contact("Doomed").await;
    rig.sync().await;
    assert!(rig.contact_by_server_id(&doomed).is_some());
    rig.remote_delete(&format!("{CONTACTS}/{doomed}")).await;

    let (report, asked) = rig.counted_sync().await;
    assert_eq!(mode(&report), ("feed".into(), json!(1)), "{report:?}");
    assert!(rig.contact_by_server_id(&doomed).is_none(), "deleted here");
    assert_eq!(report.details.as_ref().unwrap()["deletedRemotely"], 1);
    assert!(asked <= 5, "one change costs little: {asked}");
    let fed = rig
        .contact_by_server_id(&made)
        .expect("the new contact arrived");
    assert_eq!(fed["firstName"], "Fed");
    let changed = rig.contact_by_server_id(&edited).unwrap();
    assert_eq!(changed["phone"], "+49 30 5551234");
}

#[tokio::test]
async fn a_remote_delete_of_a_contact_edited_here_waits_as_a_conflict() {
    let rig = rig().await;
    rig.sync().await;
    let (local, server) = rig.some_contact();
    {
        let r = rig.replica.lock().unwrap();
        r.tenant(&rig.tenant)
            .update_contact(
                Source::User,
                &local,
                obj(json!({"email": "mine@example.com"})),
            )
            .unwrap();
    }
    // Deleted on the server before the edit goes: the push finds it gone, and the feed names
    // the delete too; the edit is not thrown away.
    rig.remote_delete(&format!("{CONTACTS}/{server}")).await;
    let report = rig.sync().await;
    assert_eq!(report.conflicts, 1, "{report:?}");
    assert_eq!(rig.outbox_states(), vec![OpState::Conflict]);
    assert_eq!(rig.local(&local)["email"], "mine@example.com");
}

#[tokio::test]
async fn group_members_and_links_changed_remotely_arrive_through_the_feed() {
    let rig = rig().await;
    rig.sync().await;
    let (group, user, contact) = {
        let r = rig.replica.lock().unwrap();
        let scope = r.tenant(&rig.tenant);
        let group = scope.records(Entity::Group, None).unwrap()[0]
            .server_id
            .clone()
            .unwrap();
        let members = scope.group_members(&group).unwrap();
        let user = scope
            .directory(Directory::Users)
            .unwrap()
            .into_iter()
            .map(|u| u.server_id)
            .find(|u| !members.contains(u))
            .expect("a user outside the group");
        let linked: Vec<String> = scope
            .linked_contacts("user", &user)
            .unwrap()
            .into_iter()
            .filter_map(|l| l.contact.server_id)
            .collect();
        let contact = scope
            .records(Entity::Contact, None)
            .unwrap()
            .into_iter()
            .filter_map(|c| c.server_id)
            .find(|c| !linked.contains(c))
            .unwrap();
        (group, user, contact)
    };
    let _: Value = rig
        .remote
        .send_json(
            Method::POST,
            &format!("/api/v1/secure/groups/{group}/members"),
            &json!({ "userId": user }),
        )
        .await
        .unwrap();
    let _: Value = rig
        .remote
        .send_json(
            Method::POST,
            &format!("/api/v1/secure/users/{user}/contacts"),
            &json!({ "contactId": contact }),
        )
        .await
        .unwrap();

    let (report, asked) = rig.counted_sync().await;
    assert_eq!(mode(&report), ("feed".into(), json!(2)), "{report:?}");
    // Who am I, what changed, the group's members, the contact's links: not one request per
    // user, space and resource.
    assert!(asked <= 5, "{asked} requests");
    let r = rig.replica.lock().unwrap();
    let scope = r.tenant(&rig.tenant);
    assert!(scope.group_members(&group).unwrap().contains(&user));
    assert!(scope
        .linked_contacts("user", &user)
        .unwrap()
        .iter()
        .any(|l| l.contact.server_id.as_deref() == Some(contact.as_str())));
}

#[tokio::test]
async fn a_cursor_older_than_the_feed_keeps_lists_in_full_then_follows_again() {
    let rig = rig_with(DevServerConfig {
        demo: Some(DemoOptions::default()),
        events_kept_per_tenant: 3,
        ..DevServerConfig::default()
    })
    .await;
    rig.sync().await;
    let mut made = Vec::new();
    for n in 0..5 {
        made.push(rig.remote_contact(&format!("Past{n}")).await);
    }
    let report = rig.sync().await;
    assert_eq!(mode(&report), ("full".into(), json!("cursorExpired")));
    for id in &made {
        assert!(rig.contact_by_server_id(id).is_some(), "{id} arrived");
    }
    let later = rig.remote_contact("Later").await;
    let report = rig.sync().await;
    assert_eq!(mode(&report), ("feed".into(), json!(1)), "{report:?}");
    assert!(rig.contact_by_server_id(&later).is_some());
}

#[tokio::test]
async fn a_failing_feed_falls_back_to_the_full_listing() {
    let rig = rig_with(with_faults()).await;
    rig.sync().await;
    let made = rig.remote_contact("Listed").await;
    let broken = FaultRule {
        method: Some("GET".into()),
        path: format!("{FEED}*"),
        kind: FaultKind::Error { status: 503 },
        rate: 1.0,
        times: None,
    };
    let _: Value = rig
        .remote
        .send_json(Method::POST, "/_faults", &broken)
        .await
        .unwrap();
    let report = rig.sync().await;
    assert_eq!(mode(&report), ("full".into(), json!("feedFailed")));
    assert!(rig.contact_by_server_id(&made).is_some());
    let _: Value = rig
        .remote
        .send_json(
            Method::PUT,
            "/_faults",
            &FaultConfig {
                seed: 1,
                rules: vec![],
            },
        )
        .await
        .unwrap();
    // The failed feed left no cursor: the next run takes the feed's end before listing, and
    // the one after follows the feed again.
    let report = rig.sync().await;
    assert_eq!(mode(&report).0, "full");
    let report = rig.sync().await;
    assert_eq!(mode(&report), ("feed".into(), json!(0)));
}

#[tokio::test]
async fn a_verification_lists_in_full_and_counts_what_the_feed_missed() {
    let rig = rig().await;
    rig.sync().await;
    let missed = rig.remote_contact("Unannounced").await;
    // The feed loses the event: the replica's cursor is moved past it, as if the remote had
    // never said. A run that follows the feed does not see the contact.
    let head = {
        let remote = outpost_sync::PlatformRemote::new(rig.session.in_tenant(&rig.tenant));
        use outpost_sync::remote::{Feed, Remote};
        match remote.changes_since(None, 500).await.unwrap() {
            Feed::Changes { next, .. } => next,
            other => panic!("{other:?}"),
        }
    };
    rig.replica
        .lock()
        .unwrap()
        .set_setting(&format!("sync.feed.platform.{}.cursor", rig.tenant), &head)
        .unwrap();
    let report = rig.sync().await;
    assert_eq!(mode(&report), ("feed".into(), json!(0)));
    assert!(rig.contact_by_server_id(&missed).is_none());

    let verify = SyncOptions {
        verify_every: chrono::Duration::zero(),
        ..SyncOptions::default()
    };
    let report = rig.sync_with(&verify).await;
    assert_eq!(mode(&report), ("full".into(), json!("verify")));
    assert_eq!(
        report.details.as_ref().unwrap()["pull"]["missedByFeed"],
        1,
        "{report:?}"
    );
    assert!(rig.contact_by_server_id(&missed).is_some());
    // Verified a moment ago: the next run follows the feed again.
    let report = rig.sync().await;
    assert_eq!(mode(&report).0, "feed");
}

#[tokio::test]
async fn a_create_whose_answer_was_lost_is_recognised_in_what_the_feed_brings() {
    let rig = rig_with(with_faults()).await;
    rig.sync().await;
    let lose = FaultRule {
        method: Some("POST".into()),
        path: format!("{CONTACTS}*"),
        kind: FaultKind::LoseResponse,
        rate: 1.0,
        times: Some(1),
    };
    let _: Value = rig
        .remote
        .send_json(Method::POST, "/_faults", &lose)
        .await
        .unwrap();
    let local = {
        let r = rig.replica.lock().unwrap();
        r.tenant(&rig.tenant)
            .create_contact(
                Source::User,
                obj(json!({"firstName": "Lost", "lastName": "Answer"})),
            )
            .unwrap()
            .local_id
    };
    // The create reaches the server, its answer does not; the same run's pull follows the
    // feed, which names the new contact: it is the create from here, not a second contact.
    let report = rig.sync().await;
    assert_eq!(mode(&report).0, "feed", "{report:?}");
    // The push counted the create as failed; the pull found it made: nothing waits.
    assert_eq!(report.failed, 1, "{report:?}");
    assert!(rig.outbox_states().is_empty(), "{report:?}");
    let on_server = rig
        .server_contacts()
        .await
        .into_iter()
        .filter(|c| c["first_name"] == "Lost")
        .count();
    assert_eq!(on_server, 1);
    let here = rig
        .replica
        .lock()
        .unwrap()
        .tenant(&rig.tenant)
        .records(Entity::Contact, None)
        .unwrap()
        .into_iter()
        .filter(|c| c.fields["firstName"] == "Lost")
        .map(|c| c.local_id)
        .collect::<Vec<_>>();
    assert_eq!(here, vec![local]);
}
