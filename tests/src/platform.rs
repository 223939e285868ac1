//! Sessions on a server made directly through the platform API, not through Outpost: what a
//! colleague working elsewhere looks like to the replica under test.

use std::sync::Arc;

use outpost_platform::{MemoryTokens, PlatformClient, Secret, ServerUrl, Session, Tokens};

/// Signs in as `email` at `base_url` and works in `tenant`.
pub async fn session_as(base_url: &str, email: &str, password: &str, tenant: &str) -> Session {
    let client = PlatformClient::new(ServerUrl::parse(base_url).expect("a server URL"))
        .expect("a platform client");
    let login = client
        .login(email, &Secret::new(password), false)
        .await
        .unwrap_or_else(|e| panic!("signing in as {email}: {e}"));
    let session = Session::new(
        client,
        Tokens::new(login.access_token, login.refresh_token, login.expires_in),
        Arc::new(MemoryTokens),
    );
    session.set_tenant(Some(tenant.to_string()));
    session
}
