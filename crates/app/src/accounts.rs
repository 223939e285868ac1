//! The accounts this installation knows: server, user, active tenant, where its replica lives.
//! Kept in `accounts.json` in the data folder (owner-only), changed under a lock and written
//! atomically (`json_store.rs`), so processes changing it at once lose nothing. No secrets here:
//! tokens live in the keyring (`vault.rs`).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::AppError;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, TS)]
#[serde(rename_all = "camelCase")]
pub struct Account {
    /// Local id, also the name of the account's folder and keyring item.
    pub id: String,
    pub server_url: String,
    pub email: String,
    /// The user's id on the server.
    pub user_id: String,
    pub display_name: Option<String>,
    pub active_tenant_id: Option<String>,
    pub created_at: String,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct AccountsFile {
    active: Option<String>,
    accounts: Vec<Account>,
}

pub struct AccountRegistry {
    data_dir: PathBuf,
}

impl AccountRegistry {
    pub fn new(data_dir: &Path) -> Self {
        Self {
            data_dir: data_dir.to_path_buf(),
        }
    }

    fn file(&self) -> PathBuf {
        self.data_dir.join("accounts.json")
    }

    /// The folder of one account: its replica and nothing secret.
    pub fn account_dir(&self, account_id: &str) -> PathBuf {
        self.data_dir.join("accounts").join(account_id)
    }

    pub fn replica_path(&self, account_id: &str) -> PathBuf {
        self.account_dir(account_id).join("replica.db")
    }

    fn load(&self) -> Result<AccountsFile, AppError> {
        match std::fs::read(self.file()) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| {
                AppError::new(
                    "accounts_damaged",
                    format!("{} cannot be read: {e}", self.file().display()),
                )
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(AccountsFile::default()),
            Err(e) => Err(io_error(&self.file(), e)),
        }
    }

    fn save(&self, file: &AccountsFile) -> Result<(), AppError> {
        let text = serde_json::to_vec_pretty(file).expect("accounts encode");
        crate::json_store::write_atomically(&self.file(), &text)
    }

    /// Reads, changes and writes the file under its lock: another process changing it at the
    /// same time waits, so neither update is lost.
    fn update<T>(
        &self,
        change: impl FnOnce(&mut AccountsFile) -> Result<T, AppError>,
    ) -> Result<T, AppError> {
        let _writing = crate::json_store::writing(&self.file())?;
        let mut file = self.load()?;
        let out = change(&mut file)?;
        self.save(&file)?;
        Ok(out)
    }

    pub fn list(&self) -> Result<(Vec<Account>, Option<String>), AppError> {
        let file = self.load()?;
        Ok((file.accounts, file.active))
    }

    pub fn get(&self, id: &str) -> Result<Option<Account>, AppError> {
        Ok(self.load()?.accounts.into_iter().find(|a| a.id == id))
    }

    pub fn active(&self) -> Result<Option<Account>, AppError> {
        let file = self.load()?;
        Ok(file
            .active
            .and_then(|id| file.accounts.into_iter().find(|a| a.id == id)))
    }

    /// The account of this user on this server, if one exists already.
    pub fn find(&self, server_url: &str, user_id: &str) -> Result<Option<Account>, AppError> {
        Ok(self
            .load()?
            .accounts
            .into_iter()
            .find(|a| a.server_url == server_url && a.user_id == user_id))
    }

    /// Adds or replaces (by id) an account, and makes it the active one.
    pub fn upsert_active(&self, account: Account) -> Result<(), AppError> {
        self.update(|file| {
            file.active = Some(account.id.clone());
            match file.accounts.iter_mut().find(|a| a.id == account.id) {
                Some(existing) => *existing = account,
                None => file.accounts.push(account),
            }
            Ok(())
        })
    }

    pub fn set_active(&self, id: Option<&str>) -> Result<(), AppError> {
        self.update(|file| {
            if let Some(id) = id {
                if !file.accounts.iter().any(|a| a.id == id) {
                    return Err(AppError::new(
                        "not_found",
                        format!("there is no account {id:?}"),
                    ));
                }
            }
            file.active = id.map(str::to_string);
            Ok(())
        })
    }

    pub fn set_tenant(&self, id: &str, tenant_id: Option<&str>) -> Result<(), AppError> {
        self.update(|file| {
            let account = file
                .accounts
                .iter_mut()
                .find(|a| a.id == id)
                .ok_or_else(|| AppError::new("not_found", format!("there is no account {id:?}")))?;
            account.active_tenant_id = tenant_id.map(str::to_string);
            Ok(())
        })
    }

    /// Forgets an account; `wipe` also deletes its replica folder.
    pub fn remove(&self, id: &str, wipe: bool) -> Result<(), AppError> {
        self.update(|file| {
            file.accounts.retain(|a| a.id != id);
            if file.active.as_deref() == Some(id) {
                file.active = None;
            }
            Ok(())
        })?;
        if wipe {
            let dir = self.account_dir(id);
            match std::fs::remove_dir_all(&dir) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(io_error(&dir, e)),
            }
        }
        Ok(())
    }
}

pub(crate) fn io_error(path: &Path, e: std::io::Error) -> AppError {
    AppError::new("storage", format!("{}: {e}", path.display()))
}

pub(crate) fn write_owner_only(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut f = options.open(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn account(id: &str, server: &str, user: &str) -> Account {
        Account {
            id: id.into(),
            server_url: server.into(),
            email: format!("{user}@example.com"),
            user_id: user.into(),
            display_name: None,
            active_tenant_id: None,
            created_at: "2026-11-24T00:00:00Z".into(),
        }
    }

    #[test]
    fn accounts_are_kept_side_by_side_and_switched() {
        let dir = tempfile::tempdir().unwrap();
        let reg = AccountRegistry::new(dir.path());
        assert!(reg.active().unwrap().is_none());
        reg.upsert_active(account("a", "https://one", "u1"))
            .unwrap();
        reg.upsert_active(account("b", "https://two", "u1"))
            .unwrap();
        assert_eq!(reg.active().unwrap().unwrap().id, "b");
        reg.set_active(Some("a")).unwrap();
        assert_eq!(reg.active().unwrap().unwrap().id, "a");
        assert_eq!(reg.list().unwrap().0.len(), 2);
        assert_eq!(reg.find("https://two", "u1").unwrap().unwrap().id, "b");
        assert!(reg.set_active(Some("nope")).is_err());
    }

    #[test]
    fn the_file_is_owner_only_and_removal_can_wipe_the_replica() {
        let dir = tempfile::tempdir().unwrap();
        let reg = AccountRegistry::new(dir.path());
        reg.upsert_active(account("a", "https://one", "u1"))
            .unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join("accounts.json"))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        std::fs::create_dir_all(reg.account_dir("a")).unwrap();
        std::fs::write(reg.replica_path("a"), b"x").unwrap();
        reg.remove("a", false).unwrap();
        assert!(reg.replica_path("a").exists(), "keep means keep");
        reg.upsert_active(account("a", "https://one", "u1"))
            .unwrap();
        reg.remove("a", true).unwrap();
        assert!(!reg.account_dir("a").exists());
        assert!(reg.active().unwrap().is_none());
    }

    #[test]
    fn a_damaged_file_is_reported_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("accounts.json"), b"{broken").unwrap();
        let reg = AccountRegistry::new(dir.path());
        let err = reg.list().unwrap_err();
        assert_eq!(err.code, "accounts_damaged");
        assert_eq!(
            std::fs::read(dir.path().join("accounts.json")).unwrap(),
            b"{broken"
        );
    }
}
