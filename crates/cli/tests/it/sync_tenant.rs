//! `outpost sync --tenant T` syncs another of the user's tenants, named by id, slug or name,
//! and leaves the tenant the user works in as it was; an unknown tenant is refused in words.

use crate::common::{json_of, outpost, sign_in_as_admin, text};
use outpost_devserver::{demo, DemoOptions, DevServerConfig};

fn active_slug(tenants: &serde_json::Value) -> String {
    tenants
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["active"] == true)
        .and_then(|t| t["slug"].as_str())
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn another_tenant_is_synced_and_the_active_one_stays() {
    let server = outpost_devserver::start(DevServerConfig {
        demo: Some(DemoOptions::default()),
        ..DevServerConfig::default()
    })
    .await
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    sign_in_as_admin(dir, &server.base_url()).await;
    let tenants = json_of(dir, &["tenants", "ls", "--refresh"]).await;
    assert_eq!(active_slug(&tenants), "acme-field");

    let out = outpost(dir, &["sync", "--tenant", "Northwind Clinics"], None).await;
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("Synced:"),
        "{}",
        text(&out.stdout)
    );
    let tenants = json_of(dir, &["tenants", "ls"]).await;
    assert_eq!(
        active_slug(&tenants),
        "acme-field",
        "the active tenant stays"
    );
    let here = json_of(dir, &["contacts", "ls"]).await;
    assert_eq!(here["total"], 0, "the active tenant was not synced: {here}");

    // Northwind's data is in its replica now, readable without another sync.
    let northwind = demo::tenant_id("northwind");
    let out = outpost(dir, &["tenants", "use", &northwind], None).await;
    assert!(out.status.success(), "{}", text(&out.stderr));
    let there = json_of(dir, &["contacts", "ls"]).await;
    assert!(there["total"].as_u64().unwrap() > 0, "{there}");

    let out = outpost(dir, &["sync", "--tenant", "nowhere"], None).await;
    assert_eq!(out.status.code(), Some(1));
    let said = text(&out.stderr);
    assert!(
        said.contains("no tenant \"nowhere\" among yours") && said.contains("acme-field"),
        "{said}"
    );
}
