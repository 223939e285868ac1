//! The tenant's users as records: made and edited offline, sent once, merged with edits made on
//! the server, a lost create found by its address, a refusal kept with the server's words, and
//! a temporary password asked for online and kept nowhere, against a real devserver.

use crate::common::{obj, rig, Rig};
use outpost_devserver::demo;
use outpost_platform::Method;
use outpost_replica::{Directory, Entity, OpState, Record, Source};
use outpost_sync::PlatformRemote;
use serde_json::{json, Value};

const USERS: &str = "/api/v1/secure/users";

impl Rig {
    async fn server_users(&self) -> Vec<Value> {
        let v: Value = self
            .remote
            .get(&format!("{USERS}/"), &[("limit", "200".into())])
            .await
            .unwrap();
        v["data"].as_array().unwrap().clone()
    }

    fn local_users(&self) -> Vec<Record> {
        let r = self.replica.lock().unwrap();
        r.tenant(&self.tenant).records(Entity::User, None).unwrap()
    }

    fn make_user(&self, fields: Value) -> String {
        let r = self.replica.lock().unwrap();
        r.tenant(&self.tenant)
            .create_record(Source::User, Entity::User, obj(fields))
            .unwrap()
            .local_id
    }

    fn edit_user(&self, id: &str, patch: Value) {
        let r = self.replica.lock().unwrap();
        r.tenant(&self.tenant)
            .update_record(Source::User, Entity::User, id, obj(patch))
            .unwrap();
    }

    async fn remote_edit_user(&self, id: &str, patch: Value) {
        let _: Value = self
            .remote
            .send_json(Method::PATCH, &format!("{USERS}/{id}"), &patch)
            .await
            .unwrap();
    }
}

fn with_email<'a>(users: &'a [Value], email: &str) -> Vec<&'a Value> {
    users.iter().filter(|u| u["email"] == email).collect()
}

#[tokio::test]
async fn a_user_made_and_named_offline_reaches_the_server_once() {
    let rig = rig().await;
    rig.sync().await;
    let before = rig.local_users().len();
    assert!(before > 0, "the tenant's users are pulled as records");
    assert_eq!(
        rig.replica
            .lock()
            .unwrap()
            .tenant(&rig.tenant)
            .directory(Directory::Users)
            .unwrap()
            .len(),
        before,
        "the directory lists them"
    );
    let local = rig.make_user(json!({"email": "night.nurse@example.com", "locale": "de"}));
    // Names are no part of the platform's create: they follow in a PATCH of their own.
    rig.edit_user(&local, json!({"firstName": "Nora", "lastName": "Nacht"}));
    let report = rig.sync().await;
    assert_eq!(
        report.pushed, 1,
        "one create, the names folded in: {report:?}"
    );
    assert!(rig.outbox_states().is_empty());
    let server = rig.server_users().await;
    let made = with_email(&server, "night.nurse@example.com");
    assert_eq!(made.len(), 1);
    assert_eq!(made[0]["first_name"], "Nora");
    assert_eq!(made[0]["last_name"], "Nacht");
    assert_eq!(made[0]["locale"], "de");

    let report = rig.sync().await;
    assert_eq!(report.pushed, 0);
    assert_eq!(rig.local_users().len(), before + 1, "nothing twice");
    let here = rig
        .local_users()
        .into_iter()
        .find(|u| u.local_id == local)
        .unwrap();
    assert_eq!(here.server_id.as_deref(), made[0]["id"].as_str());
    assert_eq!(
        here.fields["status"], "active",
        "where it stands, from the server"
    );
    let stored = serde_json::to_string(&here.fields).unwrap();
    assert!(
        !stored.contains("password"),
        "no password is kept: {stored}"
    );
}

#[tokio::test]
async fn remote_profile_edits_merge_and_a_clash_waits_as_a_conflict() {
    let rig = rig().await;
    rig.sync().await;
    let u = rig
        .local_users()
        .into_iter()
        .find(|u| u.fields["email"] != demo::ADMIN_EMAIL)
        .unwrap();
    let id = u.server_id.clone().unwrap();
    rig.edit_user(&u.local_id, json!({"displayName": "Renamed here"}));
    rig.remote_edit_user(&id, json!({"locale": "fr"})).await;
    rig.sync().await;
    let server = rig.server_users().await;
    let now = server.iter().find(|s| s["id"] == id.as_str()).unwrap();
    assert_eq!(now["display_name"], "Renamed here");
    assert_eq!(now["locale"], "fr");
    let here = rig
        .local_users()
        .into_iter()
        .find(|l| l.local_id == u.local_id)
        .unwrap();
    assert_eq!(here.fields["locale"], "fr", "the server's edit arrived");

    rig.edit_user(&u.local_id, json!({"lastName": "Mine"}));
    rig.remote_edit_user(&id, json!({"lastName": "Theirs"}))
        .await;
    let report = rig.sync().await;
    assert_eq!(report.conflicts, 1, "{report:?}");
    assert_eq!(rig.outbox_states(), [OpState::Conflict]);
    let r = rig.replica.lock().unwrap();
    let conflict = r.tenant(&rig.tenant).conflicts().unwrap().remove(0);
    assert_eq!(conflict.fields, ["lastName"]);
    assert_eq!(conflict.local.unwrap()["lastName"], "Mine");
    assert_eq!(conflict.remote.unwrap()["lastName"], "Theirs");
}

#[tokio::test]
async fn a_user_whose_create_answer_was_lost_is_found_by_address() {
    let rig = rig().await;
    rig.sync().await;
    let local = rig.make_user(json!({"email": "lost.answer@example.com", "displayName": "Lou"}));
    rig.edit_user(&local, json!({"firstName": "Lou"}));
    rig.sent_unanswered(&local);
    // The POST reached the server (the address in another case, as typed elsewhere); the names'
    // PATCH after it and every answer were lost.
    let _: Value = rig
        .remote
        .send_json(
            Method::POST,
            &format!("{USERS}/"),
            &json!({"email": "Lost.Answer@example.com", "password": "whatever-123",
                    "displayName": "Lou"}),
        )
        .await
        .unwrap();
    let report = rig.sync().await;
    assert!(report.error.is_none(), "{report:?}");
    assert!(rig.outbox_states().is_empty(), "found, not sent again");
    let server = rig.server_users().await;
    assert_eq!(with_email(&server, "lost.answer@example.com").len(), 1);
    let here: Vec<_> = rig
        .local_users()
        .into_iter()
        .filter(|u| u.fields["email"] == "lost.answer@example.com")
        .collect();
    assert_eq!(here.len(), 1);
    assert!(here[0].server_id.is_some());
}

#[tokio::test]
async fn an_address_with_an_account_elsewhere_is_refused_with_the_servers_words() {
    let rig = rig().await;
    rig.sync().await;
    // A user of another tenant: the platform keeps one account per address.
    let elsewhere =
        crate::common::session(&rig.server, demo::ADMIN_EMAIL, demo::ADMIN_PASSWORD).await;
    elsewhere.set_tenant(Some(demo::tenant_id("northwind")));
    let theirs: Value = elsewhere.get(&format!("{USERS}/"), &[]).await.unwrap();
    let email = theirs["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["email"].as_str().unwrap().to_string())
        .find(|e| {
            rig.local_users()
                .iter()
                .all(|l| l.fields["email"] != e.as_str())
        })
        .expect("a user of northwind only");
    rig.make_user(json!({ "email": email }));
    rig.sync().await;
    let r = rig.replica.lock().unwrap();
    let ops = r.tenant(&rig.tenant).outbox(&[]).unwrap();
    assert_eq!(ops.len(), 1);
    assert_eq!(ops[0].state, OpState::Failed);
    let words = ops[0].last_error.clone().unwrap_or_default();
    assert!(words.contains("exists already"), "{words}");
}

#[tokio::test]
async fn a_temporary_password_is_asked_online_and_kept_nowhere() {
    let rig = rig().await;
    rig.sync().await;
    let u = rig
        .local_users()
        .into_iter()
        .find(|u| u.fields["email"] == demo::TOTP_USER_EMAIL)
        .unwrap();
    let remote = PlatformRemote::new(rig.session.in_tenant(&rig.tenant));
    let password = remote
        .reset_user_password(u.server_id.as_deref().unwrap())
        .await
        .unwrap();
    assert!(password.expose().len() >= 12);
    assert!(!format!("{password:?}").contains(password.expose()));
    // The old password stops working; the temporary one signs in.
    let client = outpost_platform::PlatformClient::new(
        outpost_platform::ServerUrl::parse(&rig.server.base_url()).unwrap(),
    )
    .unwrap();
    let old = outpost_platform::Secret::new(demo::TOTP_USER_PASSWORD);
    assert!(client
        .login(demo::TOTP_USER_EMAIL, &old, false)
        .await
        .is_err());
    assert!(client
        .login(demo::TOTP_USER_EMAIL, &password, false)
        .await
        .is_ok());
    rig.sync().await;
    let r = rig.replica.lock().unwrap();
    for file in [r.path().to_path_buf(), r.path().with_extension("db-wal")] {
        let bytes = std::fs::read(&file).unwrap_or_default();
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains(password.expose()),
            "never in {}",
            file.display()
        );
    }
}

#[tokio::test]
async fn bad_user_input_names_the_field_and_stores_nothing() {
    let rig = rig().await;
    let r = rig.replica.lock().unwrap();
    let scope = r.tenant(&rig.tenant);
    for (fields, field) in [
        (json!({"displayName": "no address"}), "email"),
        (json!({"email": "not an address"}), "email"),
        (json!({"email": "a@example.com", "locale": "nl"}), "locale"),
        (
            json!({"email": "a@example.com", "password": "hunter2hunter2"}),
            "password",
        ),
        (
            json!({"email": "a@example.com", "status": "retired"}),
            "status",
        ),
    ] {
        let e = scope
            .create_record(Source::User, Entity::User, obj(fields))
            .unwrap_err();
        assert!(e.to_string().contains(field), "{e}");
    }
    assert!(scope.outbox(&[]).unwrap().is_empty());
    assert!(scope.records(Entity::User, None).unwrap().is_empty());
}
