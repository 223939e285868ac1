//! A server's base URL, checked once: HTTPS, except for loopback addresses where plain HTTP is
//! allowed so the devserver and local tests need no certificates.

use std::fmt;
use std::net::IpAddr;

use crate::error::PlatformError;

/// A validated base URL such as `https://api.example.com` (no trailing slash, no path).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerUrl(url::Url);

impl ServerUrl {
    pub fn parse(input: &str) -> Result<Self, PlatformError> {
        let trimmed = input.trim();
        let url = url::Url::parse(trimmed).map_err(|e| PlatformError::InvalidServerUrl {
            url: trimmed.to_string(),
            reason: e.to_string(),
        })?;
        let invalid = |reason: &str| PlatformError::InvalidServerUrl {
            url: trimmed.to_string(),
            reason: reason.to_string(),
        };
        match url.scheme() {
            "https" => {}
            "http" if is_loopback(&url) => {}
            "http" => return Err(invalid("HTTPS is required except for loopback addresses")),
            _ => return Err(invalid("the address must start with https://")),
        }
        if url.host().is_none() {
            return Err(invalid("the address has no host"));
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(invalid("credentials do not belong in the server address"));
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err(invalid("the address must not carry a query or fragment"));
        }
        if url.path() != "/" && !url.path().is_empty() {
            return Err(invalid(
                "give the server's root address; /api/v1 is added by Outpost",
            ));
        }
        Ok(Self(url))
    }

    /// Scheme, host and port: what a redirect must keep to be followed.
    pub fn origin(&self) -> url::Origin {
        self.0.origin()
    }

    /// The URL of an API path such as `/api/v1/system/health`.
    pub fn join(&self, path: &str) -> String {
        let base = self.0.as_str().trim_end_matches('/');
        format!("{base}{path}")
    }
}

impl fmt::Display for ServerUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.as_str().trim_end_matches('/'))
    }
}

fn is_loopback(url: &url::Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_and_loopback_http_are_accepted() {
        assert_eq!(
            ServerUrl::parse("https://api.example.com/")
                .unwrap()
                .to_string(),
            "https://api.example.com"
        );
        assert!(ServerUrl::parse("http://127.0.0.1:8787").is_ok());
        assert!(ServerUrl::parse("http://localhost:8787").is_ok());
        assert!(ServerUrl::parse("http://[::1]:8787").is_ok());
    }

    #[test]
    fn plain_http_to_a_remote_host_is_refused_with_the_reason() {
        let err = ServerUrl::parse("http://api.example.com").unwrap_err();
        assert!(err.to_string().contains("HTTPS is required"), "{err}");
    }

    #[test]
    fn garbage_paths_and_credentials_are_refused() {
        assert!(ServerUrl::parse("not a url").is_err());
        assert!(ServerUrl::parse("ftp://example.com").is_err());
        assert!(ServerUrl::parse("https://user:pw@example.com").is_err());
        assert!(ServerUrl::parse("https://example.com/api/v1").is_err());
    }

    #[test]
    fn join_adds_the_api_path() {
        let url = ServerUrl::parse("https://api.example.com").unwrap();
        assert_eq!(
            url.join("/api/v1/system/health"),
            "https://api.example.com/api/v1/system/health"
        );
    }
}
