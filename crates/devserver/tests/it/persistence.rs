//! The SQLite storage of record (`DevServerConfig::data`): what a client wrote is there after a
//! restart on the same file, a write whose answer was lost is in the file, and a file that is
//! not the devserver's (or is of another schema version) is refused untouched, and no password,
//! token or backup code is in the file as it was given.

use crate::common;

use std::path::{Path, PathBuf};

use common::{acme, northwind, send, Method, Rig};
use outpost_devserver::{demo, start, DemoOptions, DevServerConfig, FaultConfig, RunningServer};
use serde_json::{json, Value};

/// A fresh directory under the system's temp dir, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> Self {
        let dir = std::env::temp_dir().join(format!("outpost-devserver-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    fn file(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

async fn try_server_on(data: &Path, faults: Option<FaultConfig>) -> anyhow::Result<RunningServer> {
    start(DevServerConfig {
        demo: Some(DemoOptions::default()),
        data: Some(data.to_path_buf()),
        faults,
        ..DevServerConfig::default()
    })
    .await
}

async fn server_on(data: &Path, faults: Option<FaultConfig>) -> RunningServer {
    try_server_on(data, faults).await.unwrap()
}

fn id(v: &Value) -> String {
    v["data"]["id"].as_str().unwrap().to_string()
}

/// Signs the demo admin in on its own: (access, refresh).
async fn login(rig: &Rig) -> (String, String) {
    login_as(rig, demo::ADMIN_EMAIL, demo::ADMIN_PASSWORD).await
}

/// Signs a user in: (access, refresh).
async fn login_as(rig: &Rig, email: &str, password: &str) -> (String, String) {
    let (s, b) = send(
        rig.http
            .post(format!(
                "{}/api/v1/public/auth/login",
                rig.server.base_url()
            ))
            .json(&json!({ "email": email, "password": password })),
    )
    .await
    .parts();
    assert_eq!(s, 200, "{email}: {b}");
    let text = |k: &str| b[k].as_str().unwrap().to_string();
    (text("accessToken"), text("refreshToken"))
}

async fn refresh(rig: &Rig, token: &str) -> (u16, Value) {
    send(
        rig.http
            .post(format!(
                "{}/api/v1/public/auth/refresh",
                rig.server.base_url()
            ))
            .json(&json!({ "refreshToken": token })),
    )
    .await
    .parts()
}

async fn ok(rig: &Rig, method: Method, path: &str, body: Value) -> Value {
    let (s, b) = rig.as_admin(method, path, Some(body)).await;
    assert!(s == 200 || s == 201, "{path}: {s} {b}");
    b
}

/// The newest stamp the server handed out in `v` (created, updated, deleted).
fn newest_stamp(v: &Value, newest: &mut String) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                let stamped = [
                    "createdAt",
                    "updatedAt",
                    "deletedAt",
                    "created_at",
                    "updated_at",
                ];
                if let (true, Some(s)) = (stamped.contains(&k.as_str()), x.as_str()) {
                    if s > newest.as_str() {
                        *newest = s.to_string();
                    }
                }
                newest_stamp(x, newest);
            }
        }
        Value::Array(a) => a.iter().for_each(|x| newest_stamp(x, newest)),
        _ => {}
    }
}

#[tokio::test]
async fn everything_a_client_wrote_survives_a_restart() {
    let dir = TempDir::new();
    let file = dir.file("devserver.db");
    let rig = Rig::signed_in(server_on(&file, None).await).await;

    // Contacts: one created and edited, one deleted.
    let kept = ok(
        &rig,
        Method::POST,
        "/contacts",
        json!({ "firstName": "Kept" }),
    )
    .await;
    let kept = id(&kept);
    ok(
        &rig,
        Method::PATCH,
        &format!("/contacts/{kept}"),
        json!({ "lastName": "Edited" }),
    )
    .await;
    let gone = ok(
        &rig,
        Method::POST,
        "/contacts",
        json!({ "firstName": "Gone" }),
    )
    .await;
    let gone = id(&gone);
    let (s, _) = rig
        .as_admin(Method::DELETE, &format!("/contacts/{gone}"), None)
        .await;
    assert_eq!(s, 204);
    // A contact link.
    let admin = demo::admin_id();
    ok(
        &rig,
        Method::POST,
        &format!("/users/{admin}/contacts"),
        json!({ "contactId": kept, "isPrimary": true }),
    )
    .await;

    // A calendar, an edited entry, a series with an overridden and a cancelled occurrence, a
    // reminder.
    let cal = rig.calendar("Kept calendar", "Europe/Berlin").await;
    let cal = cal["id"].as_str().unwrap().to_string();
    let entry = ok(
        &rig,
        Method::POST,
        "/calendar/entries",
        json!({ "calendarId": cal, "kind": "event", "title": "Standup", "timezone": "Europe/Berlin",
                "startsAt": "2030-06-01T07:00:00Z", "endsAt": "2030-06-01T08:00:00Z" }),
    )
    .await;
    let entry = id(&entry);
    ok(
        &rig,
        Method::PATCH,
        &format!("/calendar/entries/{entry}"),
        json!({ "title": "Daily standup" }),
    )
    .await;
    let master = ok(
        &rig,
        Method::POST,
        "/calendar/recurrence-masters",
        json!({ "calendarId": cal, "rootEntryId": entry, "startsAt": "2030-06-01T07:00:00Z",
                "timezone": "Europe/Berlin", "frequency": "daily" }),
    )
    .await;
    let master = id(&master);
    let instances_path = format!(
        "/calendar/recurrence-masters/{master}/instances?from=2030-06-01T00:00:00Z&to=2030-06-06T00:00:00Z&limit=50"
    );
    let (s, list) = rig.as_admin(Method::GET, &instances_path, None).await;
    assert_eq!(s, 200, "{list}");
    let occurrence = |i: usize| list["data"][i]["id"].as_str().unwrap().to_string();
    ok(
        &rig,
        Method::PATCH,
        &format!("/calendar/recurrence-instances/{}", occurrence(1)),
        json!({ "titleOverride": "Moved", "startsAt": "2030-06-02T13:00:00Z", "endsAt": "2030-06-02T14:00:00Z" }),
    )
    .await;
    ok(
        &rig,
        Method::PATCH,
        &format!("/calendar/recurrence-instances/{}", occurrence(2)),
        json!({ "instanceState": "cancelled" }),
    )
    .await;
    ok(
        &rig,
        Method::POST,
        "/calendar/reminders",
        json!({ "calendarId": cal, "calendarEntryId": entry, "channel": "email", "offsetMinutes": 30 }),
    )
    .await;

    // A tenant status change through the lifecycle.
    ok(
        &rig,
        Method::POST,
        &format!("/tenants/{}/lifecycle/suspend", northwind()),
        json!({ "reason": "Unpaid invoice" }),
    )
    .await;

    // A refresh token rotated: the first is retired, the second is the live one.
    let (_, first) = login(&rig).await;
    let (s, pair) = refresh(&rig, &first).await;
    assert_eq!(s, 200, "{pair}");
    let newest = pair["refreshToken"].as_str().unwrap().to_string();

    let reads = [
        "/contacts?limit=100".to_string(),
        format!("/contacts/{kept}"),
        format!("/users/{admin}/contacts"),
        format!("/contacts/{kept}/references"),
        "/calendar/".to_string(),
        format!("/calendar/entries/{entry}"),
        format!("/calendar/recurrence-masters/{master}"),
        instances_path.clone(),
        format!("/calendar/{cal}/reminders"),
        format!("/tenants/{}", northwind()),
        format!("/tenants/{}/lifecycle/history", northwind()),
        "/tenants".to_string(),
        "/audit-logs?limit=200".to_string(),
    ];
    let mut before = Vec::new();
    let mut stamp = String::new();
    for path in &reads {
        let (s, b) = rig.as_admin(Method::GET, path, None).await;
        assert_eq!(s, 200, "{path}: {b}");
        newest_stamp(&b, &mut stamp);
        before.push(b);
    }
    assert!(stamp.starts_with("20"), "{stamp}");
    rig.server.shutdown().await.unwrap();

    // The same file again: the same answers, not a second demo.
    let rig = Rig::signed_in(server_on(&file, None).await).await;
    for (path, was) in reads.iter().zip(&before) {
        let (s, b) = rig.as_admin(Method::GET, path, None).await;
        assert_eq!(s, 200, "{path}: {b}");
        if path.starts_with("/audit-logs") {
            // The new sign-ins leave no audit rows; the rows are the same ones.
            assert_eq!(&b["data"], &was["data"], "{path}");
        } else {
            assert_eq!(&b, was, "{path} answers as before the restart");
        }
    }
    let (s, _) = rig
        .as_admin(Method::GET, &format!("/contacts/{gone}"), None)
        .await;
    assert_eq!(s, 404, "the deleted contact stays deleted");
    let (s, b) = rig
        .secure(
            &rig.admin,
            Some(&northwind()),
            Method::GET,
            "/contacts",
            None,
        )
        .await;
    assert_eq!(s, 403, "northwind is still suspended: {b}");

    let (s, b) = refresh(&rig, &first).await;
    assert_eq!(s, 401, "the rotated refresh token stays retired: {b}");
    let (s, b) = refresh(&rig, &newest).await;
    assert_eq!(s, 200, "the newest refresh token still works: {b}");

    // New rows get new ids and newer stamps.
    let fresh = ok(
        &rig,
        Method::POST,
        "/contacts",
        json!({ "firstName": "After" }),
    )
    .await;
    let all = before[0]["data"].as_array().unwrap();
    assert!(all.iter().all(|c| c["id"] != fresh["data"]["id"]));
    let created = fresh["data"]["created_at"].as_str().unwrap();
    assert!(created > stamp.as_str(), "{created} after {stamp}");
    let (s, b) = rig
        .secure(
            &rig.admin,
            Some(&acme()),
            Method::GET,
            "/contacts?limit=100",
            None,
        )
        .await;
    assert_eq!(s, 200);
    assert_eq!(
        b["pagination"]["total"].as_u64().unwrap(),
        before[0]["pagination"]["total"].as_u64().unwrap() + 1
    );
    rig.server.shutdown().await.unwrap();
}

#[tokio::test]
async fn a_write_whose_answer_is_lost_is_in_the_file() {
    let dir = TempDir::new();
    let file = dir.file("lost.db");
    let rig = Rig::signed_in(server_on(&file, Some(FaultConfig::default())).await).await;
    let rule = json!({ "method": "POST", "path": "/api/v1/secure/contacts", "kind": "lose_response", "times": 1 });
    let res = rig
        .http
        .post(format!("{}/_faults", rig.server.base_url()))
        .json(&rule)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let cut = reqwest::Client::builder()
        .pool_max_idle_per_host(0)
        .build()
        .unwrap()
        .post(format!("{}/api/v1/secure/contacts", rig.server.base_url()))
        .bearer_auth(&rig.admin)
        .header("X-Tenant-ID", acme())
        .json(&json!({ "firstName": "Unanswered" }))
        .send()
        .await;
    assert!(cut.is_err(), "the answer is lost");

    // The server is still running; the row is in the file already.
    let db =
        rusqlite::Connection::open_with_flags(&file, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    let n: i64 = db
        .query_row(
            "SELECT count(*) FROM contacts WHERE tenant_id = ?1 AND json_extract(body, '$.json.first_name') = 'Unanswered'",
            [acme()],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(n, 1);
    drop(db);
    rig.server.shutdown().await.unwrap();
}

async fn refused(file: &Path) -> String {
    let bytes = std::fs::read(file).unwrap();
    let err = match try_server_on(file, None).await {
        Ok(_) => panic!("{} was accepted", file.display()),
        Err(e) => format!("{e:#}"),
    };
    assert!(err.contains(&file.display().to_string()), "{err}");
    assert_eq!(std::fs::read(file).unwrap(), bytes, "the file is unchanged");
    err
}

#[tokio::test]
async fn files_that_are_not_ours_or_newer_are_refused_untouched() {
    let dir = TempDir::new();

    let garbage = dir.file("garbage.db");
    std::fs::write(
        &garbage,
        b"this is not a database, just some text\n".repeat(200),
    )
    .unwrap();
    let err = refused(&garbage).await;
    assert!(err.contains("not a devserver database"), "{err}");

    let foreign = dir.file("foreign.db");
    {
        let db = rusqlite::Connection::open(&foreign).unwrap();
        db.execute_batch("CREATE TABLE notes (x TEXT); INSERT INTO notes VALUES ('mine');")
            .unwrap();
    }
    let err = refused(&foreign).await;
    assert!(err.contains("not a devserver database"), "{err}");

    // A file a newer devserver wrote: made by this one, then its version raised.
    let newer = dir.file("newer.db");
    server_on(&newer, None).await.shutdown().await.unwrap();
    {
        let db = rusqlite::Connection::open(&newer).unwrap();
        db.pragma_update(None, "journal_mode", "DELETE").unwrap();
        db.pragma_update(None, "user_version", 99).unwrap();
    }
    let err = refused(&newer).await;
    assert!(err.contains("schema version 99"), "{err}");

    // Files older devservers wrote, refused rather than misread: schema 1 kept passwords and
    // tokens as given, schema 2 removed unlinked contact links and kept no contact's deleter,
    // schema 3 had none of the administration's tables.
    for version in [1, 2, 3] {
        let older = dir.file(&format!("older-{version}.db"));
        server_on(&older, None).await.shutdown().await.unwrap();
        {
            let db = rusqlite::Connection::open(&older).unwrap();
            db.pragma_update(None, "journal_mode", "DELETE").unwrap();
            db.pragma_update(None, "user_version", version).unwrap();
        }
        let err = refused(&older).await;
        assert!(
            err.contains(&format!("schema version {version}, older")),
            "{err}"
        );
    }
}

/// Every text (and blob, read lossily) of every row of every table in the file.
fn every_text(file: &Path) -> Vec<String> {
    let db =
        rusqlite::Connection::open_with_flags(file, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    let tables: Vec<String> = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(tables.iter().any(|t| t == "users"), "{tables:?}");
    let mut out = Vec::new();
    for table in tables {
        let mut stmt = db.prepare(&format!("SELECT * FROM \"{table}\"")).unwrap();
        let columns = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        while let Some(row) = rows.next().unwrap() {
            for i in 0..columns {
                use rusqlite::types::ValueRef;
                match row.get_ref(i).unwrap() {
                    ValueRef::Text(t) | ValueRef::Blob(t) => {
                        out.push(format!("{table}: {}", String::from_utf8_lossy(t)))
                    }
                    _ => {}
                }
            }
        }
    }
    out
}

async fn use_backup(rig: &Rig, token: &str, code: &str) -> (u16, Value) {
    let body = json!({ "code": code });
    rig.secure(
        token,
        None,
        Method::POST,
        "/auth/2fa/use-backup",
        Some(body),
    )
    .await
}

#[tokio::test]
async fn no_password_token_or_backup_code_is_stored_as_given() {
    let dir = TempDir::new();
    let file = dir.file("devserver.db");
    let rig = Rig::signed_in(server_on(&file, None).await).await;
    let (access, refresh_token) = login(&rig).await;
    // A TOTP setup's fresh backup codes are kept until it is verified.
    let (s, b) = rig
        .secure(
            &access,
            None,
            Method::POST,
            "/auth/2fa/enable/totp",
            Some(json!({})),
        )
        .await;
    assert_eq!(s, 200, "{b}");
    let setup_codes: Vec<String> = b["data"]["backup_codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_string())
        .collect();
    assert!(!setup_codes.is_empty());
    // The demo TOTP user's documented backup codes: one spent before the restart.
    let (tech, _) = login_as(&rig, demo::TOTP_USER_EMAIL, demo::TOTP_USER_PASSWORD).await;
    let (s, b) = use_backup(&rig, &tech, demo::BACKUP_CODES[0]).await;
    assert_eq!(s, 200, "{b}");
    rig.server.shutdown().await.unwrap();

    let texts = every_text(&file);
    assert!(
        texts.iter().any(|t| t.starts_with("users: ")),
        "users are stored"
    );
    let mut secrets = vec![
        demo::ADMIN_PASSWORD.to_string(),
        access.clone(),
        refresh_token.clone(),
        rig.admin.clone(),
        rig.guest.clone(),
    ];
    secrets.extend(demo::BACKUP_CODES.iter().map(|c| c.to_string()));
    secrets.extend(setup_codes);
    for secret in &secrets {
        let found: Vec<&String> = texts
            .iter()
            .filter(|t| t.contains(secret.as_str()))
            .collect();
        assert!(found.is_empty(), "{secret} is stored as given: {found:?}");
    }

    // After a restart on the same file: sign-in, the refresh token from before, its new access
    // token, and the backup codes (the spent one stays spent) all work.
    let server = server_on(&file, None).await;
    let rig = Rig::signed_in(server).await;
    login(&rig).await;
    let (s, b) = refresh(&rig, &refresh_token).await;
    assert_eq!(s, 200, "{b}");
    let fresh = b["accessToken"].as_str().unwrap().to_string();
    let (s, b) = rig
        .secure(&fresh, None, Method::GET, "/auth/me", None)
        .await;
    assert_eq!(s, 200, "{b}");
    let (s, _) = rig
        .secure(&access, None, Method::GET, "/auth/me", None)
        .await;
    assert_eq!(
        s, 200,
        "the access token from before the restart still works"
    );
    let (s, b) = refresh(&rig, &refresh_token).await;
    assert_eq!(s, 401, "a used refresh token stays used: {b}");
    let (tech, _) = login_as(&rig, demo::TOTP_USER_EMAIL, demo::TOTP_USER_PASSWORD).await;
    let (s, b) = use_backup(&rig, &tech, demo::BACKUP_CODES[0]).await;
    assert_eq!(s, 400, "spent before the restart: {b}");
    let (s, b) = use_backup(&rig, &tech, demo::BACKUP_CODES[1]).await;
    assert_eq!(s, 200, "{b}");
    rig.server.shutdown().await.unwrap();
}

#[tokio::test]
async fn a_file_of_schema_4_is_upgraded_in_place_keeping_its_data() {
    let dir = TempDir::new();
    let file = dir.file("four.db");
    let rig = Rig::signed_in(server_on(&file, None).await).await;
    let (s, made) = rig
        .as_admin(
            Method::POST,
            "/contacts",
            Some(json!({ "firstName": "Kept" })),
        )
        .await;
    assert_eq!(s, 201, "{made}");
    rig.server.shutdown().await.unwrap();
    {
        // What a devserver of schema 4 wrote: everything but the feed's events.
        let db = rusqlite::Connection::open(&file).unwrap();
        db.execute_batch("DROP TABLE events;").unwrap();
        db.pragma_update(None, "user_version", 4).unwrap();
    }
    let rig = Rig::signed_in(server_on(&file, None).await).await;
    let path = format!("/contacts/{}", id(&made));
    let (s, b) = rig.as_admin(Method::GET, &path, None).await;
    assert_eq!(s, 200, "the data is kept: {b}");
    let feed = format!(
        "{}/api/v1/services/realtime/events/missed",
        rig.server.base_url()
    );
    let read = || {
        send(
            rig.http
                .get(&feed)
                .bearer_auth(&rig.admin)
                .header("X-Tenant-ID", acme()),
        )
    };
    let (s, b) = read().await.parts();
    assert_eq!(s, 200, "{b}");
    assert_eq!(b["data"], json!([]), "the feed starts empty");
    let (s, _) = rig
        .as_admin(Method::PATCH, &path, Some(json!({ "notes": "upgraded" })))
        .await;
    assert_eq!(s, 200);
    let (_, b) = read().await.parts();
    assert_eq!(b["data"][0]["event_type"], "contact:updated", "{b}");
    rig.server.shutdown().await.unwrap();
    let db = rusqlite::Connection::open(&file).unwrap();
    let version: i32 = db
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, 5);
}
