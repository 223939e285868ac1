//! The directory and contact links through the sync cycle: users, groups, spaces and resources
//! pulled read-only; links made, made primary and removed offline reach the server; links
//! removed on the server go here.

use crate::common::{obj, rig, Rig};
use outpost_platform::Method;
use outpost_replica::{Directory, Entity, OpState, Source};
use serde_json::{json, Value};

impl Rig {
    /// After a first sync: the first user of the directory, and a contact made here (not sent).
    async fn user_and_new_contact(&self, first: &str, last: &str) -> (String, String) {
        self.sync().await;
        let r = self.replica.lock().unwrap();
        let scope = r.tenant(&self.tenant);
        let user = scope.directory(Directory::Users).unwrap()[0]
            .server_id
            .clone();
        let contact = scope
            .create_contact(
                Source::User,
                obj(json!({ "firstName": first, "lastName": last })),
            )
            .unwrap()
            .local_id;
        (user, contact)
    }

    async fn links_of_user(&self, user: &str) -> Vec<Value> {
        let v: Value = self
            .remote
            .get(&format!("/api/v1/secure/users/{user}/contacts"), &[])
            .await
            .unwrap();
        v["data"].as_array().unwrap().clone()
    }
}

#[tokio::test]
async fn links_made_offline_reach_the_server_and_remote_unlinks_come_back() {
    let rig = rig().await;
    let report = rig.sync().await;
    assert_eq!(report.failed, 0, "{report:?}");
    let (user, contact) = {
        let r = rig.replica.lock().unwrap();
        let scope = r.tenant(&rig.tenant);
        let users = scope.directory(Directory::Users).unwrap();
        assert!(users.len() >= 2, "the demo's users are pulled: {users:?}");
        assert!(!scope.directory(Directory::Spaces).unwrap().is_empty());
        assert!(!scope.directory(Directory::Resources).unwrap().is_empty());
        assert!(!scope.directory(Directory::Groups).unwrap().is_empty());
        // The demo links every user to two contacts, one primary; they arrive too.
        let linked = scope.linked_contacts("user", &users[0].server_id).unwrap();
        assert_eq!(linked.len(), 2, "{linked:?}");
        assert_eq!(linked.iter().filter(|l| l.is_primary).count(), 1);
        let contact = scope
            .create_contact(
                Source::User,
                obj(json!({ "firstName": "Lia", "lastName": "Linked" })),
            )
            .unwrap()
            .local_id;
        (users[0].server_id.clone(), contact)
    };

    // Linked offline, then made primary: both go out; the other primary gives way.
    let link = {
        let r = rig.replica.lock().unwrap();
        let scope = r.tenant(&rig.tenant);
        let link = scope
            .link_contact(Source::User, &contact, "user", &user, false)
            .unwrap()
            .local_id;
        scope.set_primary_link(Source::User, &link, true).unwrap();
        link
    };
    let report = rig.sync().await;
    assert_eq!((report.failed, report.conflicts), (0, 0), "{report:?}");
    let contact_id = rig.server_id(&contact);
    let on_server = rig.links_of_user(&user).await;
    let mine = on_server
        .iter()
        .find(|l| l["contact_id"] == contact_id.as_str())
        .expect("the link is on the server");
    assert_eq!(mine["is_primary"], true);
    assert_eq!(
        on_server.iter().filter(|l| l["is_primary"] == true).count(),
        1,
        "one primary per user"
    );

    // Unlinked offline: gone from the server.
    {
        let r = rig.replica.lock().unwrap();
        r.tenant(&rig.tenant)
            .unlink_contact(Source::User, &link)
            .unwrap();
    }
    rig.sync().await;
    assert!(rig
        .links_of_user(&user)
        .await
        .iter()
        .all(|l| l["contact_id"] != contact_id.as_str()));

    // A colleague removes a demo link on the server: it goes here too.
    let victim = rig.links_of_user(&user).await[0].clone();
    let victim_contact = victim["contact_id"].as_str().unwrap();
    rig.remote
        .request::<Value>(
            Method::DELETE,
            &format!("/api/v1/secure/users/{user}/contacts/{victim_contact}"),
            &[],
            None,
        )
        .await
        .unwrap();
    rig.sync().await;
    let r = rig.replica.lock().unwrap();
    let scope = r.tenant(&rig.tenant);
    assert!(scope
        .get(Entity::ContactLink, victim["id"].as_str().unwrap())
        .is_err());
    assert_eq!(scope.linked_contacts("user", &user).unwrap().len(), 1);
}

#[tokio::test]
async fn a_link_relinked_on_the_server_under_a_new_id_replaces_the_one_here() {
    let rig = rig().await;
    rig.sync().await;
    let user = {
        let r = rig.replica.lock().unwrap();
        r.tenant(&rig.tenant).directory(Directory::Users).unwrap()[0]
            .server_id
            .clone()
    };
    let old = rig.links_of_user(&user).await[0].clone();
    let contact = old["contact_id"].as_str().unwrap().to_string();
    // A colleague unlinks the contact and links it again: the same pair, a new link id.
    rig.remote
        .request::<Value>(
            Method::DELETE,
            &format!("/api/v1/secure/users/{user}/contacts/{contact}"),
            &[],
            None,
        )
        .await
        .unwrap();
    let again: Value = rig
        .remote
        .send_json(
            Method::POST,
            &format!("/api/v1/secure/users/{user}/contacts"),
            &json!({ "contactId": contact, "isPrimary": false }),
        )
        .await
        .unwrap();
    let new_id = again["data"]["id"].as_str().unwrap().to_string();
    assert_ne!(new_id, old["id"].as_str().unwrap());

    // The pull meets the new link while the old one is still here: one link for the pair.
    for _ in 0..2 {
        let report = rig.sync().await;
        assert_eq!((report.failed, report.conflicts), (0, 0), "{report:?}");
        assert!(report.error.is_none(), "{report:?}");
    }
    let r = rig.replica.lock().unwrap();
    let scope = r.tenant(&rig.tenant);
    assert!(scope
        .get(Entity::ContactLink, old["id"].as_str().unwrap())
        .is_err());
    let here = scope.get(Entity::ContactLink, &new_id).unwrap();
    assert_eq!(here.server_id.as_deref(), Some(new_id.as_str()));
    let pairs = scope
        .linked_contacts("user", &user)
        .unwrap()
        .into_iter()
        .filter(|l| l.link_id == here.local_id)
        .count();
    assert_eq!(pairs, 1);
}

/// A sync killed while a link's create was on the wire leaves the op in flight; the user then
/// deletes the contact, and the link's row goes with it. The op has no record left, and the
/// contact's delete takes the link off the server anyway: the next syncs settle instead of
/// failing on the missing row for ever (a torture run found this).
#[tokio::test]
async fn a_link_in_flight_when_its_contact_is_deleted_does_not_stop_later_syncs() {
    let rig = rig().await;
    let (user, contact) = rig.user_and_new_contact("Orla", "Orphan").await;
    rig.sync().await;
    let contact_id = rig.server_id(&contact);
    // The link reached the server, then the process died before it heard the answer.
    rig.remote
        .send_json::<Value, _>(
            Method::POST,
            &format!("/api/v1/secure/users/{user}/contacts"),
            &json!({ "contactId": contact_id, "isPrimary": false }),
        )
        .await
        .unwrap();
    {
        let r = rig.replica.lock().unwrap();
        let scope = r.tenant(&rig.tenant);
        scope
            .link_contact(Source::User, &contact, "user", &user, false)
            .unwrap();
        let op = scope
            .outbox(&[OpState::Pending])
            .unwrap()
            .into_iter()
            .find(|op| op.entity == Entity::ContactLink)
            .expect("the link's create is queued");
        scope.mark_in_flight(&op.op_id).unwrap();
        scope.delete_contact(Source::User, &contact).unwrap();
    }
    for _ in 0..2 {
        let report = rig.sync().await;
        assert!(report.error.is_none(), "{report:?}");
        assert_eq!((report.failed, report.conflicts), (0, 0), "{report:?}");
    }
    let open: Vec<_> = rig
        .outbox_states()
        .into_iter()
        .filter(|s| *s != OpState::Done)
        .collect();
    assert!(open.is_empty(), "nothing left to send: {open:?}");
    assert!(rig
        .server_contacts()
        .await
        .iter()
        .all(|c| c["id"] != contact_id.as_str()));
    assert!(rig
        .links_of_user(&user)
        .await
        .iter()
        .all(|l| l["contact_id"] != contact_id.as_str()));
}

/// Unlinked here while the server was out of reach (the delete waits for its retry time), and
/// the contact deleted on the server meanwhile: the link went with the contact there, which is
/// what the unlink asked for. The next sync removes both here, with no conflict to resolve (a
/// torture run found the spurious conflict, which also kept the contact here).
#[tokio::test]
async fn an_unlink_waiting_here_is_done_when_the_server_deleted_the_contact() {
    let rig = rig().await;
    let (user, contact) = rig.user_and_new_contact("Una", "Unlinked").await;
    {
        let r = rig.replica.lock().unwrap();
        r.tenant(&rig.tenant)
            .link_contact(Source::User, &contact, "user", &user, false)
            .unwrap();
    }
    let report = rig.sync().await;
    assert_eq!((report.failed, report.conflicts), (0, 0), "{report:?}");
    let contact_id = rig.server_id(&contact);
    {
        let r = rig.replica.lock().unwrap();
        let scope = r.tenant(&rig.tenant);
        let link = scope.linked_contacts("user", &user).unwrap();
        let link = link
            .iter()
            .find(|l| l.contact.local_id == contact)
            .expect("the link is here");
        scope.unlink_contact(Source::User, &link.link_id).unwrap();
        let op = scope.outbox(&[OpState::Pending]).unwrap().remove(0);
        scope.mark_in_flight(&op.op_id).unwrap();
        scope
            .mark_failed(
                &op.op_id,
                "cannot reach the server",
                Some(chrono::Utc::now() + chrono::Duration::minutes(5)),
            )
            .unwrap();
    }
    rig.remote
        .request::<Value>(
            Method::DELETE,
            &format!("/api/v1/secure/contacts/{contact_id}"),
            &[],
            None,
        )
        .await
        .unwrap();
    let report = rig.sync().await;
    assert!(report.error.is_none(), "{report:?}");
    assert_eq!((report.failed, report.conflicts), (0, 0), "{report:?}");
    let r = rig.replica.lock().unwrap();
    let scope = r.tenant(&rig.tenant);
    assert!(scope.conflicts().unwrap().is_empty());
    assert!(
        scope.outbox(&[]).unwrap().is_empty(),
        "nothing left to send"
    );
    assert_eq!(
        scope.get(Entity::Contact, &contact).unwrap_err().code(),
        "not_found"
    );
}
