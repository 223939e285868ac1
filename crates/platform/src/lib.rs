//! Typed client of the platform API (../shared/seeds/platform-api-endpoints.txt).

mod client;
mod error;
mod server_url;
pub mod wire;

pub use client::PlatformClient;
pub use error::{ApiErrorBody, PlatformError};
pub use server_url::ServerUrl;
