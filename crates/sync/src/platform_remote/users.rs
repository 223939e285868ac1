//! The tenant's users on the platform, where their routes differ from a plain record's:
//! - a create (`POST /users/`) requires a password, which is a secret and so never an op's
//!   field: the remote makes a long random one that is sent once and kept nowhere. Nobody can
//!   sign in with it; the administrator hands the user a temporary password from
//!   `reset-password`.
//! - the create takes no names (first, middle, last): a user made offline and named before the
//!   sync gets them by a PATCH right after the POST.
//! - `POST /users/{id}/reset-password` answers a temporary password, once: it is asked for
//!   online and handed to the caller, never stored.

use outpost_model::RecordType;
use outpost_platform::{Method, PlatformError, Secret, TenantSession};
use outpost_replica::Fields;
use rand::distr::{Alphanumeric, SampleString};
use serde_json::Value;

use super::paths::{self as ep, USERS};

/// Characters of the password a create sends: far past guessing, and past any length rule.
const CREATE_PASSWORD_CHARS: usize = 40;

/// Makes the user: the create's fields with a random password, then the names in a PATCH when
/// the op carries them. The answer is the user as the last request answered it.
pub async fn create(http: &TenantSession<'_>, body: &Fields) -> Result<Value, PlatformError> {
    let create_fields = RecordType::User
        .descriptor()
        .create
        .map(|s| s.fields)
        .unwrap_or_default();
    let (mut post, patch): (Fields, Fields) = body
        .clone()
        .into_iter()
        .partition(|(k, _)| create_fields.iter().any(|f| f.name == k));
    let password = Secret::new(Alphanumeric.sample_string(&mut rand::rng(), CREATE_PASSWORD_CHARS));
    post.insert("password".into(), Value::String(password.expose().into()));
    let made = ep::post(http, "/api/v1/secure/users/", &Value::Object(post)).await?;
    if patch.is_empty() {
        return Ok(made);
    }
    let id = made
        .get("id")
        .and_then(Value::as_str)
        .ok_or_else(|| PlatformError::Schema {
            what: "user".into(),
            reason: "the created user has no id".into(),
        })?;
    ep::update(
        http,
        Method::PATCH,
        &format!("{USERS}/{id}"),
        &Value::Object(patch),
    )
    .await
}

/// A temporary password for the user `id` (the server's id); the old one stops working.
pub async fn reset_password(http: &TenantSession<'_>, id: &str) -> Result<Secret, PlatformError> {
    let answer: Value = http
        .send_json(
            Method::POST,
            &format!("{USERS}/{id}/reset-password"),
            &Value::Object(Fields::new()),
        )
        .await?;
    answer
        .get("data")
        .and_then(|d| d.get("password"))
        .and_then(Value::as_str)
        .map(Secret::new)
        .ok_or_else(|| PlatformError::Schema {
            what: "reset-password".into(),
            reason: "the answer has no password".into(),
        })
}
