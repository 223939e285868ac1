//! Typed client of the platform API (../shared/seeds/platform-api-endpoints.txt).

mod account;
mod client;
mod error;
mod secret;
mod server_url;
mod session;
pub mod wire;

pub use account::{DeliveryEnrolment, FactorStatus, TotpEnrolment, TwoFactorStatus};
pub use client::{PlatformClient, MAX_BODY_BYTES, MAX_RETRY_AFTER, TENANT_HEADER};
pub use error::{ApiErrorBody, PlatformError};
pub use reqwest::Method;
pub use secret::Secret;
pub use server_url::ServerUrl;
pub use session::{MemoryTokens, Session, TenantSession, TokenStore, Tokens};
