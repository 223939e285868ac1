//! The HTTP client: one per server profile.

use std::time::Duration;

use serde::de::DeserializeOwned;

use crate::error::{ApiErrorBody, PlatformError};
use crate::server_url::ServerUrl;
use crate::wire::Health;

#[derive(Clone)]
pub struct PlatformClient {
    base: ServerUrl,
    http: reqwest::Client,
}

impl PlatformClient {
    pub fn new(base: ServerUrl) -> Result<Self, PlatformError> {
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(5))
            .timeout(Duration::from_secs(30))
            .user_agent(concat!("Outpost/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| PlatformError::Unreachable {
                url: base.to_string(),
                reason: e.to_string(),
            })?;
        Ok(Self { base, http })
    }

    pub fn base_url(&self) -> &ServerUrl {
        &self.base
    }

    /// `GET /api/v1/system/health`: is the server there, and which version is it.
    pub async fn health(&self) -> Result<Health, PlatformError> {
        let url = self.base.join("/api/v1/system/health");
        let response = self
            .http
            .get(&url)
            .send()
            .await
            .map_err(|e| transport_error(&url, e))?;
        read_json(response, "system health").await
    }
}

fn transport_error(url: &str, e: reqwest::Error) -> PlatformError {
    if e.is_timeout() {
        return PlatformError::Timeout {
            url: url.to_string(),
        };
    }
    // reqwest's Display hides the cause ("error sending request"); the chain says why.
    let mut reason = e.to_string();
    let mut source = std::error::Error::source(&e);
    while let Some(s) = source {
        reason = format!("{reason}: {s}");
        source = s.source();
    }
    PlatformError::Unreachable {
        url: url.to_string(),
        reason,
    }
}

async fn read_json<T: DeserializeOwned>(
    response: reqwest::Response,
    what: &str,
) -> Result<T, PlatformError> {
    let status = response.status();
    let bytes = response
        .bytes()
        .await
        .map_err(|e| transport_error(what, e))?;
    if !status.is_success() {
        return Err(match serde_json::from_slice::<ApiErrorBody>(&bytes) {
            Ok(body) => PlatformError::Api {
                status: status.as_u16(),
                body,
            },
            Err(_) => PlatformError::UnexpectedStatus {
                status: status.as_u16(),
            },
        });
    }
    serde_json::from_slice(&bytes).map_err(|e| PlatformError::Schema {
        what: what.to_string(),
        reason: e.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use outpost_devserver::{start, DevServerConfig};

    #[tokio::test]
    async fn health_of_a_running_devserver() {
        let server = start(DevServerConfig::default()).await.unwrap();
        let client = PlatformClient::new(ServerUrl::parse(&server.base_url()).unwrap()).unwrap();
        let health = client.health().await.unwrap();
        assert_eq!(health.status, "ok");
        server.shutdown().await.unwrap();
    }

    #[tokio::test]
    async fn a_closed_port_is_reported_as_offline() {
        // Bind then drop: the port is free and nothing listens on it.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let client =
            PlatformClient::new(ServerUrl::parse(&format!("http://127.0.0.1:{port}")).unwrap())
                .unwrap();
        let err = client.health().await.unwrap_err();
        assert_eq!(err.code(), "offline", "{err}");
    }
}
