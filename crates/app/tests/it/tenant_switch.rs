//! Switching tenant while a sync runs: the switch stops the run and waits for it to end, the
//! edits it had not sent stay waiting in their own tenant, and the next sync of that tenant
//! sends each exactly once, into that tenant only.

use std::time::Duration;

use outpost_app::commands::accounts::{SignInArgs, TenantArgs};
use outpost_app::commands::contacts::CreateContactArgs;
use outpost_app::commands::sync::SyncStatusArgs;
use outpost_app::{App, AppConfig};
use outpost_devserver::{demo, DemoOptions, DevServerConfig};
use serde_json::{json, Value};

async fn last_names(server: &outpost_devserver::RunningServer, tenant: &str) -> Vec<String> {
    let remote = outpost_tests::platform::session_as(
        &server.base_url(),
        demo::ADMIN_EMAIL,
        demo::ADMIN_PASSWORD,
        tenant,
    )
    .await;
    let v: Value = remote
        .get("/api/v1/secure/contacts", &[("limit", "200".into())])
        .await
        .unwrap();
    let mut names: Vec<String> = v["data"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["last_name"].as_str())
        .filter(|l| l.starts_with("Switched-"))
        .map(str::to_string)
        .collect();
    names.sort();
    names
}

#[tokio::test]
async fn a_tenant_switch_stops_the_run_and_its_edits_stay_in_their_tenant() {
    let server = outpost_devserver::start(DevServerConfig {
        demo: Some(DemoOptions::default()),
        faults: Some(outpost_tests::faults::slow_contact_creates(200)),
        ..DevServerConfig::default()
    })
    .await
    .unwrap();
    std::env::set_var("OUTPOST_KEYRING", "kernel");
    let dir = tempfile::tempdir().unwrap();
    let app = App::new(AppConfig {
        data_dir: dir.path().to_path_buf(),
        server_url: None,
        demo: false,
    })
    .unwrap();
    app.sign_in(SignInArgs {
        server_url: server.base_url(),
        email: demo::ADMIN_EMAIL.into(),
        password: demo::ADMIN_PASSWORD.into(),
        remember_me: false,
    })
    .await
    .unwrap();
    let (acme, northwind) = (demo::tenant_id("acme-field"), demo::tenant_id("northwind"));
    app.sync_now(Default::default()).await.unwrap();
    for i in 0..8 {
        let fields = json!({ "firstName": "Ten", "lastName": format!("Switched-{i:02}") });
        app.create_contact(CreateContactArgs {
            fields: fields.as_object().unwrap().clone(),
        })
        .await
        .unwrap();
    }

    let run = app.sync_now(Default::default());
    let switch = async {
        loop {
            let status = app.sync_status(SyncStatusArgs {}).await.unwrap();
            if status.outbox.in_flight > 0 {
                return app
                    .use_tenant(TenantArgs {
                        tenant_id: northwind.clone(),
                    })
                    .await
                    .unwrap();
            }
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
    };
    let (result, state) = tokio::join!(run, switch);
    assert_eq!(
        result.expect_err("the switch stopped the run").code,
        "cancelled"
    );
    assert_eq!(
        state.active_tenant.as_ref().map(|t| t.id.as_str()),
        Some(northwind.as_str()),
        "{state:?}"
    );
    assert!(
        last_names(&server, &northwind).await.is_empty(),
        "nothing of acme's went to northwind"
    );

    // Northwind's own sync sends nothing of acme's; back in acme the edits go, once each.
    app.sync_now(Default::default()).await.unwrap();
    assert!(last_names(&server, &northwind).await.is_empty());
    app.use_tenant(TenantArgs {
        tenant_id: acme.clone(),
    })
    .await
    .unwrap();
    app.sync_now(Default::default()).await.unwrap();
    let expected: Vec<String> = (0..8).map(|i| format!("Switched-{i:02}")).collect();
    assert_eq!(
        last_names(&server, &acme).await,
        expected,
        "each once, in acme"
    );
    assert!(last_names(&server, &northwind).await.is_empty());
}
