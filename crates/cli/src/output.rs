//! How the CLI prints: words for people by default, one JSON document with `--json`.

use outpost_app::bridge::RunningBridge;
use outpost_app::commands::accounts::SignOutReport;
use outpost_app::{AppError, AppInfo, ServerHealth, SessionState, TenantView};
use serde_json::json;

#[derive(Debug, Clone, Copy)]
pub struct Output {
    pub json: bool,
}

impl Output {
    pub(crate) fn print_json(&self, value: serde_json::Value) {
        println!(
            "{}",
            serde_json::to_string_pretty(&value).expect("JSON encodes")
        );
    }

    pub fn error(&self, e: &AppError) {
        if self.json {
            eprintln!("{}", serde_json::to_string(e).expect("JSON encodes"));
        } else {
            eprintln!("error: {} ({})", e.message, e.code);
        }
    }

    pub fn app_info(&self, info: &AppInfo) {
        if self.json {
            return self.print_json(json!(info));
        }
        println!("Outpost {}", info.version);
        println!("data folder:    {}", info.data_dir);
        println!("replica schema: {}", info.replica_schema);
        println!(
            "server:         {}",
            info.server_url.as_deref().unwrap_or("(none set up)")
        );
    }

    pub fn server_health(&self, h: &ServerHealth) {
        if self.json {
            return self.print_json(json!(h));
        }
        println!(
            "{} is {} (version {}, {} ms)",
            h.server_url,
            h.status,
            h.version.as_deref().unwrap_or("unknown"),
            h.latency_ms
        );
    }

    pub fn bridge_started(&self, bridge: &RunningBridge) {
        if self.json {
            // One line, so a test harness can read it as soon as it is printed.
            println!(
                "{}",
                json!({ "origin": bridge.origin(), "secret": bridge.secret(), "uiUrl": bridge.ui_url() })
            );
        } else {
            println!("Outpost bridge on {}", bridge.origin());
            println!("Open {}", bridge.ui_url());
            println!("Ctrl-C stops it.");
        }
    }

    pub fn session(&self, s: &SessionState) {
        if self.json {
            return self.print_json(json!(s));
        }
        match (&s.active_account, &s.active_tenant) {
            (Some(a), Some(t)) if s.signed_in => println!(
                "Signed in to {} as {} · tenant {} ({})",
                a.server_url,
                a.email,
                t.name,
                t.role.as_deref().unwrap_or("no role")
            ),
            (Some(a), None) if s.signed_in => {
                println!(
                    "Signed in to {} as {} · no tenant open",
                    a.server_url, a.email
                )
            }
            (Some(a), _) => println!(
                "{} on {} is not signed in: run `outpost login`",
                a.email, a.server_url
            ),
            (None, _) => println!("No account yet: run `outpost --server URL login`"),
        }
    }

    pub fn sign_out(&self, r: &SignOutReport) {
        if self.json {
            return self.print_json(json!(r));
        }
        println!(
            "Signed out{}.",
            if r.revoked_on_server {
                ""
            } else {
                " (the server could not be reached; its session ends when it expires)"
            }
        );
        if r.replica_wiped {
            println!("The local replica was deleted.");
        } else {
            println!(
                "The local replica was kept{}.",
                if r.unsynced_edits > 0 {
                    format!(
                        " with {} unsynced edit(s); they sync after the next sign-in",
                        r.unsynced_edits
                    )
                } else {
                    String::new()
                }
            );
        }
    }

    pub fn accounts(&self, s: &SessionState) {
        if self.json {
            return self.print_json(json!({ "accounts": s.accounts, "activeAccount": s.active_account, "signedIn": s.signed_in }));
        }
        if s.accounts.is_empty() {
            println!("No accounts yet: run `outpost --server URL login`");
        }
        let active = s.active_account.as_ref().map(|a| a.id.as_str());
        for a in &s.accounts {
            let mark = if Some(a.id.as_str()) == active {
                "*"
            } else {
                " "
            };
            println!("{mark} {}  {}  {}", a.id, a.email, a.server_url);
        }
    }

    pub fn servers(&self, servers: &[outpost_app::servers::ServerProfile]) {
        if self.json {
            return self.print_json(json!(servers));
        }
        if servers.is_empty() {
            println!("No servers yet: `outpost servers add NAME URL`, or sign in to one.");
        }
        let width = servers
            .iter()
            .map(|s| s.name.chars().count())
            .max()
            .unwrap_or(0);
        for s in servers {
            println!("{:<width$}  {}", s.name, s.url);
        }
    }

    pub fn tenants(&self, tenants: &[TenantView]) {
        if self.json {
            return self.print_json(json!(tenants));
        }
        for t in tenants {
            let mark = if t.active { "*" } else { " " };
            println!(
                "{mark} {}  {}  {}{}{}",
                t.id,
                t.name,
                t.role.as_deref().unwrap_or("-"),
                t.status
                    .as_deref()
                    .map(|s| format!(" · {s}"))
                    .unwrap_or_default(),
                if t.is_default { " · default" } else { "" }
            );
        }
    }
}
