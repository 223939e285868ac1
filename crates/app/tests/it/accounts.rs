//! Accounts end to end against a real devserver: sign-in with and without a second factor,
//! tokens in the keyring (the kernel keyring here; scripts/test.sh runs the tests inside a
//! private keyring session), refresh with rotation, revocation, tenants, sign-out, and a scan
//! for token strings wherever they must never be.

use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use outpost_app::commands::accounts::{
    ListTenantsArgs, SecondFactorMethod, SignInArgs, SignOutArgs, TenantArgs,
    VerifySecondFactorArgs,
};
use outpost_app::vault::{Vault, VaultBackend};
use outpost_app::{dispatch, App, AppConfig, SignInStatus};
use outpost_devserver::{demo, DemoOptions, DevServerConfig, RunningServer};
use serde_json::json;

async fn server(ttl: Duration) -> RunningServer {
    outpost_devserver::start(DevServerConfig {
        demo: Some(DemoOptions::default()),
        access_token_ttl: ttl,
        ..DevServerConfig::default()
    })
    .await
    .unwrap()
}

fn app(dir: &Path) -> App {
    std::env::set_var("OUTPOST_KEYRING", "kernel");
    App::new(AppConfig {
        data_dir: dir.to_path_buf(),
        server_url: None,
        demo: false,
    })
    .unwrap()
}

fn admin(server: &RunningServer, remember_me: bool) -> SignInArgs {
    SignInArgs {
        server_url: server.base_url(),
        email: demo::ADMIN_EMAIL.into(),
        password: demo::ADMIN_PASSWORD.into(),
        remember_me,
    }
}

fn vault() -> Vault {
    Vault::open(VaultBackend::KernelKeyring, "outpost").unwrap()
}

/// Every byte of every file under `dir`.
fn all_bytes(dir: &Path) -> Vec<u8> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(all_bytes(&path));
        } else {
            out.extend(std::fs::read(&path).unwrap());
        }
    }
    out
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

#[tokio::test]
async fn a_remembered_sign_in_survives_a_restart_and_its_tokens_stay_in_the_keyring() {
    let server = server(Duration::from_secs(3600)).await;
    let dir = tempfile::tempdir().unwrap();
    let first = app(dir.path());
    // Through the dispatcher, as the UI calls it: the answer is what crosses IPC.
    let answer = dispatch(
        &first,
        "sign_in",
        json!({ "serverUrl": server.base_url(), "email": demo::ADMIN_EMAIL, "password": demo::ADMIN_PASSWORD, "rememberMe": true }),
    )
    .await
    .unwrap();
    assert_eq!(answer["status"], "signed_in");
    assert_eq!(
        answer["session"]["activeTenant"]["name"],
        "Acme Field Services"
    );
    assert_eq!(answer["session"]["tenants"].as_array().unwrap().len(), 3);
    let account_id = answer["session"]["activeAccount"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let tokens = vault()
        .load_tokens(&account_id)
        .unwrap()
        .expect("in the keyring");

    // A new process: the same data folder and keyring, no password.
    drop(first);
    let second = app(dir.path());
    let state = dispatch(&second, "session_state", json!({})).await.unwrap();
    assert_eq!(state["signedIn"], true);
    assert_eq!(state["keyring"], "kernel-keyring");
    let tenants = dispatch(&second, "list_tenants", json!({ "refresh": true }))
        .await
        .unwrap();
    assert_eq!(tenants.as_array().unwrap().len(), 3);

    // The secrets are nowhere but the keyring: not in the files, not in what the UI got.
    let files = all_bytes(dir.path());
    let ipc = format!("{answer}{state}{tenants}");
    for secret in [
        tokens.access.expose(),
        tokens.refresh.expose(),
        demo::ADMIN_PASSWORD,
    ] {
        assert!(!contains(&files, secret), "a secret is in the data folder");
        assert!(!ipc.contains(secret), "a secret crossed IPC");
    }
}

#[tokio::test]
async fn a_sign_in_not_remembered_ends_with_the_process() {
    let server = server(Duration::from_secs(3600)).await;
    let dir = tempfile::tempdir().unwrap();
    let first = app(dir.path());
    let outcome = first.sign_in(admin(&server, false)).await.unwrap();
    let id = outcome.session.active_account.unwrap().id;
    assert!(vault().load_tokens(&id).unwrap().is_none());
    drop(first);
    let state = app(dir.path())
        .session_state(Default::default())
        .await
        .unwrap();
    assert!(!state.signed_in);
    assert_eq!(
        state.active_account.unwrap().email,
        demo::ADMIN_EMAIL,
        "the sign-in screen can offer it"
    );
}

#[tokio::test]
async fn a_wrong_password_says_so_and_creates_nothing() {
    let server = server(Duration::from_secs(3600)).await;
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path());
    let mut args = admin(&server, true);
    args.password = "definitely-wrong".into();
    let err = app.sign_in(args).await.unwrap_err();
    assert_eq!(err.code, "wrong_credentials");
    assert!(!err.message.contains("definitely-wrong"));
    let state = app.session_state(Default::default()).await.unwrap();
    assert!(state.accounts.is_empty() && !state.signed_in);
}

#[tokio::test]
async fn the_second_factor_is_asked_for_and_checked() {
    let server = server(Duration::from_secs(3600)).await;
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path());
    let outcome = app
        .sign_in(SignInArgs {
            server_url: server.base_url(),
            email: demo::TOTP_USER_EMAIL.into(),
            password: demo::TOTP_USER_PASSWORD.into(),
            remember_me: true,
        })
        .await
        .unwrap();
    assert_eq!(outcome.status, SignInStatus::SecondFactorRequired);
    assert!(!outcome.session.signed_in);
    assert_eq!(
        outcome.session.pending_second_factor.unwrap().email,
        demo::TOTP_USER_EMAIL
    );

    let err = app
        .verify_second_factor(VerifySecondFactorArgs {
            method: SecondFactorMethod::Totp,
            code: "000000".into(),
        })
        .await
        .unwrap_err();
    assert_eq!(err.code, "wrong_code");

    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let code =
        outpost_devserver::totp::code_at(&demo::totp_secret(DemoOptions::default()), now).unwrap();
    let outcome = app
        .verify_second_factor(VerifySecondFactorArgs {
            method: SecondFactorMethod::Totp,
            code,
        })
        .await
        .unwrap();
    assert_eq!(outcome.status, SignInStatus::SignedIn);
    assert!(outcome.session.signed_in);
    // The invited membership in Northwind is listed but not usable.
    let northwind = outcome
        .session
        .tenants
        .iter()
        .find(|t| t.name == "Northwind Clinics")
        .unwrap();
    assert_eq!(northwind.status.as_deref(), Some("invited"));
}

#[tokio::test]
async fn expired_access_tokens_are_renewed_and_the_keyring_follows_the_rotation() {
    let server = server(Duration::from_secs(1)).await;
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path());
    let id = app
        .sign_in(admin(&server, true))
        .await
        .unwrap()
        .session
        .active_account
        .unwrap()
        .id;
    let before = vault().load_tokens(&id).unwrap().unwrap();
    tokio::time::sleep(Duration::from_millis(1200)).await;
    let tenants = app
        .list_tenants(ListTenantsArgs { refresh: true })
        .await
        .unwrap();
    assert_eq!(tenants.len(), 3);
    let after = vault().load_tokens(&id).unwrap().unwrap();
    assert_ne!(
        before.refresh.expose(),
        after.refresh.expose(),
        "rotated and stored"
    );
    // The retired refresh token no longer works on the server.
    let res = reqwest::Client::new()
        .post(format!("{}/api/v1/public/auth/refresh", server.base_url()))
        .json(&json!({ "refreshToken": before.refresh.expose() }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
}

#[tokio::test]
async fn a_revoked_session_asks_to_sign_in_again_and_keeps_local_data() {
    let server = server(Duration::from_secs(3600)).await;
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path());
    let id = app
        .sign_in(admin(&server, true))
        .await
        .unwrap()
        .session
        .active_account
        .unwrap()
        .id;
    let tokens = vault().load_tokens(&id).unwrap().unwrap();
    // Revoked elsewhere (another device signed this session out).
    reqwest::Client::new()
        .post(format!("{}/api/v1/secure/auth/logout", server.base_url()))
        .bearer_auth(tokens.access.expose())
        .send()
        .await
        .unwrap();
    let err = app
        .list_tenants(ListTenantsArgs { refresh: true })
        .await
        .unwrap_err();
    assert_eq!(err.code, "sign_in_required", "{err:?}");
    let state = app.session_state(Default::default()).await.unwrap();
    assert_eq!(state.tenants.len(), 3, "the replica still has what it had");
    assert!(dir
        .path()
        .join("accounts")
        .join(&id)
        .join("replica.db")
        .exists());
}

#[tokio::test]
async fn tenants_switch_online_and_offline_and_suspended_ones_stay_closed() {
    let server = server(Duration::from_secs(3600)).await;
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path());
    let state = app.sign_in(admin(&server, true)).await.unwrap().session;
    let id_of = |name: &str| {
        state
            .tenants
            .iter()
            .find(|t| t.name == name)
            .unwrap()
            .id
            .clone()
    };
    let err = app
        .use_tenant(TenantArgs {
            tenant_id: id_of("Globex Retail"),
        })
        .await
        .unwrap_err();
    assert_eq!(err.code, "tenant_unavailable");
    let switched = app
        .use_tenant(TenantArgs {
            tenant_id: id_of("Northwind Clinics"),
        })
        .await
        .unwrap();
    assert_eq!(switched.active_tenant.unwrap().name, "Northwind Clinics");

    // Offline: the switch still works, on the replica's list.
    server.shutdown().await.unwrap();
    let back = app
        .use_tenant(TenantArgs {
            tenant_id: id_of("Acme Field Services"),
        })
        .await
        .unwrap();
    assert_eq!(back.active_tenant.unwrap().name, "Acme Field Services");
    let err = app
        .list_tenants(ListTenantsArgs { refresh: true })
        .await
        .unwrap_err();
    assert_eq!(err.code, "offline");
    // The choice is remembered for the next start.
    let again = crate_app_restart(dir.path()).await;
    assert_eq!(again.active_tenant.unwrap().name, "Acme Field Services");
}

async fn crate_app_restart(dir: &Path) -> outpost_app::SessionState {
    app(dir).session_state(Default::default()).await.unwrap()
}

#[tokio::test]
async fn signing_out_keeps_or_wipes_the_replica_and_forgets_the_tokens() {
    let server = server(Duration::from_secs(3600)).await;
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path());
    let id = app
        .sign_in(admin(&server, true))
        .await
        .unwrap()
        .session
        .active_account
        .unwrap()
        .id;
    let replica = dir.path().join("accounts").join(&id).join("replica.db");
    let report = app
        .sign_out(SignOutArgs {
            wipe_replica: false,
        })
        .await
        .unwrap();
    assert!(report.revoked_on_server);
    assert!(!report.session.signed_in && report.session.accounts.is_empty());
    assert!(vault().load_tokens(&id).unwrap().is_none());
    assert!(replica.exists(), "kept");

    // Signing in again finds the same account (and its kept replica).
    let again = app.sign_in(admin(&server, true)).await.unwrap();
    assert_eq!(again.session.active_account.unwrap().id, id);
    let report = app
        .sign_out(SignOutArgs { wipe_replica: true })
        .await
        .unwrap();
    assert!(report.replica_wiped);
    assert!(!replica.exists(), "wiped");
}
