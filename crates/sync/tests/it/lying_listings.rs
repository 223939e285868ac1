//! A server whose listings lie cannot make the client page for ever or size memory by its
//! word: a total beyond any listing, or a page answered again for the next offset, ends the run
//! with a schema error naming the listing, and nothing the replica holds is lost or deleted.

use std::sync::{Arc, Mutex};

use outpost_devserver::{demo, DemoOptions, DevServerConfig, RunningServer, Scale};
use outpost_replica::Replica;
use outpost_sync::{sync_tenant, SyncOptions};
use outpost_tests::platform::session_as;
use outpost_tests::tamper::Tamper;
use serde_json::{json, Value};

struct Lying {
    _server: RunningServer,
    proxy: Tamper,
    session: outpost_platform::Session,
    replica: Mutex<Replica>,
    tenant: String,
    _dir: tempfile::TempDir,
}

/// A tenant of 450 contacts (three pages) behind a proxy, synced once cleanly.
async fn lying() -> Lying {
    let server = outpost_devserver::start(DevServerConfig {
        demo: Some(DemoOptions {
            scale: Scale::Contacts(450),
            ..DemoOptions::default()
        }),
        ..DevServerConfig::default()
    })
    .await
    .unwrap();
    let proxy = Tamper::to(&server.base_url()).await;
    let tenant = demo::tenant_id("acme-field");
    let session = session_as(
        &proxy.base_url(),
        demo::ADMIN_EMAIL,
        demo::ADMIN_PASSWORD,
        &tenant,
    )
    .await;
    let dir = tempfile::tempdir().unwrap();
    let replica = Mutex::new(Replica::open(dir.path().join("r.db")).unwrap());
    sync_tenant(&session, &replica, &tenant, &SyncOptions::default())
        .await
        .unwrap();
    Lying {
        _server: server,
        proxy,
        session,
        replica,
        tenant,
        _dir: dir,
    }
}

impl Lying {
    fn contacts(&self) -> u32 {
        let r = self.replica.lock().unwrap();
        let counts = r.tenant(&self.tenant).counts().unwrap();
        counts.contacts
    }

    /// A sync through the lie: its error, after checking nothing was lost; then the lie stops
    /// and the next sync settles.
    async fn fails_with(&self) -> String {
        let before = self.contacts();
        assert!(before >= 450, "{before}");
        // The lies are in the listings: the run lists in full, as a verification would.
        let full = SyncOptions {
            full: true,
            ..SyncOptions::default()
        };
        let error = sync_tenant(&self.session, &self.replica, &self.tenant, &full)
            .await
            .expect_err("a lying listing ends the run")
            .to_string();
        assert!(self.proxy.rewritten() > 0, "the proxy lied");
        assert_eq!(self.contacts(), before, "nothing lost or deleted");
        self.proxy.clear();
        sync_tenant(&self.session, &self.replica, &self.tenant, &full)
            .await
            .expect("honest answers again: the run settles");
        assert_eq!(self.contacts(), before);
        error
    }
}

fn is_contact_listing(path: &str) -> bool {
    path.starts_with("/api/v1/secure/contacts?")
}

#[tokio::test]
async fn a_total_beyond_any_listing_is_refused_before_paging() {
    let rig = lying().await;
    rig.proxy.set(|path, v: &mut Value| {
        if !is_contact_listing(path) {
            return false;
        }
        v["pagination"]["total"] = json!(1_000_000_000_000_000u64);
        true
    });
    let error = rig.fails_with().await;
    assert!(
        error.contains("claims 1000000000000000 rows") && error.contains("/contacts"),
        "{error}"
    );
}

#[tokio::test]
async fn a_flat_listing_with_a_huge_total_is_refused_too() {
    let rig = lying().await;
    rig.proxy.set(|path, v: &mut Value| {
        if !path.starts_with("/api/v1/secure/calendar/entries?") {
            return false;
        }
        v["total"] = json!(u64::MAX);
        true
    });
    let error = rig.fails_with().await;
    assert!(
        error.contains(&format!("claims {} rows", u64::MAX)),
        "{error}"
    );
}

#[tokio::test]
async fn a_page_answered_again_for_the_next_offset_ends_the_run() {
    let rig = lying().await;
    let first: Arc<Mutex<Option<Value>>> = Arc::default();
    rig.proxy.set(move |path, v: &mut Value| {
        if !is_contact_listing(path) || !path.contains("limit=200") {
            return false;
        }
        let mut first = first.lock().unwrap();
        if path.contains("offset=0") {
            *first = Some(v["data"].clone());
            return false;
        }
        match first.as_ref() {
            Some(page) => {
                v["data"] = page.clone();
                true
            }
            None => false,
        }
    });
    let error = rig.fails_with().await;
    assert!(error.contains("repeats the page before it"), "{error}");
}
