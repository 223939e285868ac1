//! Server profiles: the servers this installation knows, each a name the user chose and a base
//! URL. Kept in `servers.json` in the data folder (owner-only, changed under a lock and written
//! atomically: `json_store.rs`); nothing secret. Sign-in remembers a server it has no profile
//! for, named after its host.

use std::path::{Path, PathBuf};

use outpost_platform::ServerUrl;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::accounts::io_error;
use crate::error::AppError;

/// Longest name a profile may have: it is shown in a menu.
const MAX_NAME: usize = 60;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, TS)]
#[serde(rename_all = "camelCase")]
pub struct ServerProfile {
    pub name: String,
    /// The server's root address, checked: HTTPS except on loopback.
    pub url: String,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct ServersFile {
    servers: Vec<ServerProfile>,
}

pub struct ServerProfiles {
    file: PathBuf,
}

fn invalid(field: &str, message: String) -> AppError {
    AppError::new("validation", message).with_details(serde_json::json!({ "field": field }))
}

impl ServerProfiles {
    pub fn new(data_dir: &Path) -> Self {
        Self {
            file: data_dir.join("servers.json"),
        }
    }

    fn load(&self) -> Result<ServersFile, AppError> {
        match std::fs::read(&self.file) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| {
                AppError::new(
                    "servers_damaged",
                    format!("{} cannot be read: {e}", self.file.display()),
                )
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(ServersFile::default()),
            Err(e) => Err(io_error(&self.file, e)),
        }
    }

    fn save(&self, file: &ServersFile) -> Result<(), AppError> {
        let text = serde_json::to_vec_pretty(file).expect("servers encode");
        crate::json_store::write_atomically(&self.file, &text)
    }

    /// Every profile, by name.
    pub fn list(&self) -> Result<Vec<ServerProfile>, AppError> {
        let mut servers = self.load()?.servers;
        servers.sort_by_key(|s| s.name.to_lowercase());
        Ok(servers)
    }

    /// Adds a profile, or changes the one named `replaces` (its name, its URL or both). Names
    /// are unique regardless of case; so are URLs.
    pub fn save_profile(
        &self,
        name: &str,
        url: &str,
        replaces: Option<&str>,
    ) -> Result<ServerProfile, AppError> {
        let _writing = crate::json_store::writing(&self.file)?;
        self.save_profile_locked(name, url, replaces)
    }

    /// [`ServerProfiles::save_profile`] for a caller that holds the write lock.
    fn save_profile_locked(
        &self,
        name: &str,
        url: &str,
        replaces: Option<&str>,
    ) -> Result<ServerProfile, AppError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(invalid("name", "give the server a name".into()));
        }
        if name.chars().count() > MAX_NAME {
            return Err(invalid(
                "name",
                format!("the name is longer than {MAX_NAME} characters"),
            ));
        }
        let url = ServerUrl::parse(url)
            .map_err(|e| invalid("url", e.to_string()))?
            .to_string();
        let mut file = self.load()?;
        let same = |a: &str, b: &str| a.to_lowercase() == b.to_lowercase();
        if let Some(old) = replaces {
            if !file.servers.iter().any(|s| same(&s.name, old)) {
                return Err(AppError::new(
                    "not_found",
                    format!("there is no server profile named {old:?}"),
                ));
            }
        }
        let others = || {
            file.servers
                .iter()
                .filter(|s| replaces.is_none_or(|old| !same(&s.name, old)))
        };
        if let Some(taken) = others().find(|s| same(&s.name, name)) {
            return Err(invalid(
                "name",
                format!("a server profile is already named {:?}", taken.name),
            ));
        }
        if let Some(taken) = others().find(|s| s.url == url) {
            return Err(invalid(
                "url",
                format!("{url} is already the server {:?}", taken.name),
            ));
        }
        let profile = ServerProfile {
            name: name.to_string(),
            url,
        };
        file.servers
            .retain(|s| replaces.is_none_or(|old| !same(&s.name, old)));
        file.servers.push(profile.clone());
        self.save(&file)?;
        Ok(profile)
    }

    /// Forgets a profile. Accounts on that server stay: they keep their own address.
    pub fn remove(&self, name: &str) -> Result<(), AppError> {
        let _writing = crate::json_store::writing(&self.file)?;
        let mut file = self.load()?;
        let before = file.servers.len();
        file.servers
            .retain(|s| s.name.to_lowercase() != name.trim().to_lowercase());
        if file.servers.len() == before {
            return Err(AppError::new(
                "not_found",
                format!("there is no server profile named {name:?}"),
            ));
        }
        self.save(&file)
    }

    /// The profile named `name` (any case).
    pub fn find(&self, name: &str) -> Result<Option<ServerProfile>, AppError> {
        let wanted = name.trim().to_lowercase();
        Ok(self
            .load()?
            .servers
            .into_iter()
            .find(|s| s.name.to_lowercase() == wanted))
    }

    /// After a sign-in: a server without a profile gets one, named after its host (and port).
    pub fn remember(&self, url: &ServerUrl) -> Result<(), AppError> {
        let text = url.to_string();
        // Held from the check to the write: two sign-ins at once add one profile, not two.
        let _writing = crate::json_store::writing(&self.file)?;
        let file = self.load()?;
        if file.servers.iter().any(|s| s.url == text) {
            return Ok(());
        }
        let host = text.split("://").nth(1).unwrap_or(&text).to_string();
        let mut name = host.clone();
        let mut n = 2;
        while file
            .servers
            .iter()
            .any(|s| s.name.to_lowercase() == name.to_lowercase())
        {
            name = format!("{host} ({n})");
            n += 1;
        }
        self.save_profile_locked(&name, &text, None).map(|_| ())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> (tempfile::TempDir, ServerProfiles) {
        let dir = tempfile::tempdir().unwrap();
        let store = ServerProfiles::new(dir.path());
        (dir, store)
    }

    #[test]
    fn profiles_are_added_renamed_and_removed() {
        let (_dir, s) = store();
        s.save_profile("Production", "https://api.example.com/", None)
            .unwrap();
        s.save_profile("local", "http://127.0.0.1:8080", None)
            .unwrap();
        let names: Vec<String> = s.list().unwrap().into_iter().map(|p| p.name).collect();
        assert_eq!(names, ["local", "Production"]);
        assert_eq!(
            s.find("production").unwrap().unwrap().url,
            "https://api.example.com"
        );

        s.save_profile("Prod EU", "https://eu.example.com", Some("PRODUCTION"))
            .unwrap();
        assert!(s.find("Production").unwrap().is_none());
        assert_eq!(
            s.find("prod eu").unwrap().unwrap().url,
            "https://eu.example.com"
        );
        s.remove("Prod EU").unwrap();
        assert_eq!(s.list().unwrap().len(), 1);
        let err = s.remove("Prod EU").unwrap_err();
        assert_eq!(err.code, "not_found");
    }

    #[test]
    fn bad_names_and_addresses_are_refused_in_words() {
        let (_dir, s) = store();
        s.save_profile("Prod", "https://api.example.com", None)
            .unwrap();
        let cases = [
            ("", "https://x.example.com", "give the server a name"),
            ("Other", "http://api.example.com", "HTTPS is required"),
            ("Other", "https://api.example.com/api/v1", "root address"),
            ("PROD", "https://x.example.com", "already named \"Prod\""),
            (
                "Other",
                "https://api.example.com",
                "already the server \"Prod\"",
            ),
        ];
        for (name, url, said) in cases {
            let err = s.save_profile(name, url, None).unwrap_err();
            assert!(err.message.contains(said), "{name} {url}: {}", err.message);
        }
        let long = "x".repeat(61);
        assert!(s
            .save_profile(&long, "https://y.example.com", None)
            .is_err());
        let err = s
            .save_profile("New", "https://z.example.com", Some("nope"))
            .unwrap_err();
        assert_eq!(err.code, "not_found");
        assert_eq!(s.list().unwrap().len(), 1, "nothing stored by a refusal");
    }

    #[test]
    fn a_server_signed_in_to_is_remembered_once_named_after_its_host() {
        let (dir, s) = store();
        s.save_profile("127.0.0.1:9000", "https://other.example.com", None)
            .unwrap();
        let url = ServerUrl::parse("http://127.0.0.1:9000").unwrap();
        s.remember(&url).unwrap();
        s.remember(&url).unwrap();
        let all = s.list().unwrap();
        assert_eq!(all.len(), 2);
        assert!(all
            .iter()
            .any(|p| p.name == "127.0.0.1:9000 (2)" && p.url == "http://127.0.0.1:9000"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join("servers.json"))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[test]
    fn a_damaged_file_is_reported_not_overwritten() {
        let (dir, s) = store();
        std::fs::write(dir.path().join("servers.json"), b"{ not json").unwrap();
        let err = s
            .save_profile("Prod", "https://api.example.com", None)
            .unwrap_err();
        assert_eq!(err.code, "servers_damaged");
        assert_eq!(
            std::fs::read(dir.path().join("servers.json")).unwrap(),
            b"{ not json"
        );
    }
}
