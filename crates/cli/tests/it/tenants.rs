//! The tenant itself from the terminal: shown after a sync, suspended offline and reactivated
//! through syncs with the history kept, a bad move refused naming the field, and a member of a
//! tenant refused up front with the reason.

use crate::common::{json_of, outpost, sign_in_as_admin, text};
use outpost_devserver::{demo, DemoOptions, DevServerConfig};
use outpost_tests::link::Link;

#[tokio::test]
async fn an_admin_suspends_and_reactivates_offline_and_a_member_is_refused() {
    let server = outpost_devserver::start(DevServerConfig {
        demo: Some(DemoOptions::default()),
        ..DevServerConfig::default()
    })
    .await
    .unwrap();
    let link = Link::to(server.addr()).await;
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    sign_in_as_admin(dir, &link.base_url()).await;
    let northwind = demo::tenant_id("northwind");
    json_of(dir, &["tenants", "use", &northwind]).await;
    json_of(dir, &["sync"]).await;
    let shown = json_of(dir, &["tenants", "show"]).await;
    assert_eq!(shown["fields"]["name"], "Northwind Clinics");
    assert_eq!(shown["fields"]["status"], "active");
    let metrics = json_of(dir, &["tenants", "metrics"]).await;
    assert_eq!(metrics["snapshot"]["body"]["tenantId"], northwind.as_str());
    assert!(metrics["snapshot"]["readAt"].is_string(), "{metrics}");

    link.cut().await;
    let bad = outpost(dir, &["tenants", "upgrade", "--to", "trial"], None).await;
    assert!(!bad.status.success());
    assert!(
        text(&bad.stderr).contains("target_type"),
        "{}",
        text(&bad.stderr)
    );
    let queued = json_of(dir, &["tenants", "suspend", "--reason", "Audit"]).await;
    assert!(queued["hasPendingOps"].as_bool().unwrap(), "{queued}");
    let waiting = json_of(dir, &["outbox", "ls"]).await;
    assert_eq!(waiting.as_array().unwrap().len(), 1, "{waiting}");

    link.restore().await;
    // The move goes first; the suspended tenant's data cannot be read after it, and the run
    // says why.
    let suspended = outpost(dir, &["sync"], None).await;
    assert!(
        text(&suspended.stderr).contains("is inactive"),
        "{}",
        text(&suspended.stderr)
    );
    let shown = json_of(dir, &["tenants", "show"]).await;
    assert_eq!(shown["fields"]["status"], "inactive", "{shown}");
    let history = json_of(dir, &["tenants", "history"]).await;
    assert_eq!(history["body"][0]["action"], "suspend", "{history}");
    assert_eq!(history["body"][0]["reason"], "Audit");
    let words = outpost(dir, &["tenants", "history"], None).await;
    assert!(
        text(&words.stdout).contains("suspend: active → inactive (Audit)"),
        "{}",
        text(&words.stdout)
    );

    json_of(dir, &["tenants", "reactivate"]).await;
    json_of(dir, &["sync"]).await;
    let shown = json_of(dir, &["tenants", "show"]).await;
    assert_eq!(shown["fields"]["status"], "active", "{shown}");
    let limit = json_of(
        dir,
        &[
            "tenants",
            "rate-limits",
            "add",
            "--pattern",
            "/api/v1/secure/contacts*",
            "--max",
            "100",
            "--window",
            "60",
            "--scope",
            "per_user",
        ],
    )
    .await;
    let bad = outpost(
        dir,
        &["tenants", "rate-limits", "add", "--pattern", "/x"],
        None,
    )
    .await;
    assert!(
        text(&bad.stderr).contains("max_requests"),
        "{}",
        text(&bad.stderr)
    );
    json_of(
        dir,
        &[
            "tenants",
            "settings",
            "set",
            "general",
            "timezone=Europe/Lisbon",
        ],
    )
    .await;
    let bad = outpost(dir, &["tenants", "settings", "set", "colours", "a=b"], None).await;
    assert!(
        text(&bad.stderr).contains("category"),
        "{}",
        text(&bad.stderr)
    );
    let domain = json_of(dir, &["tenants", "domains", "add", "api.northwind.test"]).await;
    let local = domain["localId"].as_str().unwrap().to_string();
    let edited = json_of(dir, &["tenants", "edit", "--name", "Northwind Care"]).await;
    assert_eq!(edited["fields"]["name"], "Northwind Care");
    let synced = json_of(dir, &["sync"]).await;
    assert_eq!(synced["run"]["outcome"], "ok", "{synced}");
    let settings = json_of(dir, &["tenants", "settings", "ls"]).await;
    let general = settings
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["fields"]["category"] == "general")
        .unwrap();
    assert_eq!(general["fields"]["settings"]["timezone"], "Europe/Lisbon");
    assert_eq!(general["hasPendingOps"], false, "{general}");
    json_of(dir, &["tenants", "domains", "verify", &local]).await;
    json_of(dir, &["sync"]).await;
    let domains = json_of(dir, &["tenants", "domains", "ls"]).await;
    assert_eq!(domains[0]["fields"]["status"], "verified", "{domains}");
    let limits = json_of(dir, &["tenants", "rate-limits", "ls"]).await;
    assert_eq!(limits.as_array().unwrap().len(), 1, "{limits}");
    assert!(limits[0]["serverId"].is_string(), "{limits} from {limit}");

    // A guest of Acme is refused before anything is queued.
    let guest = tempfile::tempdir().unwrap();
    let guest = guest.path();
    let login = outpost(
        guest,
        &[
            "--server",
            &link.base_url(),
            "login",
            "--email",
            demo::GUEST_EMAIL,
            "--password-stdin",
        ],
        Some(&format!("{}\n", demo::GUEST_PASSWORD)),
    )
    .await;
    assert!(login.status.success(), "{}", text(&login.stderr));
    let refused = outpost(guest, &["tenants", "suspend"], None).await;
    assert!(!refused.status.success());
    let words = text(&refused.stderr);
    assert!(
        words.contains("only owners and admins can suspend the tenant"),
        "{words}"
    );
    let waiting = json_of(guest, &["outbox", "ls"]).await;
    assert!(waiting.as_array().unwrap().is_empty(), "{waiting}");
}

#[tokio::test]
async fn the_audit_log_is_searched_offline() {
    let server = outpost_devserver::start(DevServerConfig {
        demo: Some(DemoOptions::default()),
        ..DevServerConfig::default()
    })
    .await
    .unwrap();
    let link = Link::to(server.addr()).await;
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    sign_in_as_admin(dir, &link.base_url()).await;
    json_of(dir, &["groups", "add", "--name", "Audited"]).await;
    json_of(dir, &["sync"]).await;
    json_of(dir, &["sync"]).await;
    link.cut().await;
    let group = json_of(dir, &["groups", "ls"]).await;
    let id = group
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["fields"]["name"] == "Audited")
        .and_then(|g| g["serverId"].as_str())
        .unwrap()
        .to_string();
    let history = json_of(dir, &["audit", "ls", "--record", &id]).await;
    assert_eq!(history.as_array().unwrap().len(), 1, "{history}");
    assert_eq!(history[0]["actor"], demo::admin_id().as_str());
    let by_admin = json_of(
        dir,
        &[
            "audit",
            "ls",
            "--actor",
            &demo::admin_id(),
            "--type",
            "group",
            "--since",
            "2026-01-01",
        ],
    )
    .await;
    assert!(
        by_admin
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["resourceId"] == id.as_str()),
        "{by_admin}"
    );
    let none = json_of(
        dir,
        &["audit", "ls", "--record", &id, "--until", "2000-01-01"],
    )
    .await;
    assert!(none.as_array().unwrap().is_empty(), "{none}");
    let bad = outpost(dir, &["audit", "ls", "--since", "last week"], None).await;
    assert!(!bad.status.success());
    assert!(text(&bad.stderr).contains("since"), "{}", text(&bad.stderr));
}
