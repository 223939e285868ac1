//! How the CLI prints: words for people by default, one JSON document with `--json`.

use outpost_app::bridge::RunningBridge;
use outpost_app::{AppError, AppInfo, ServerHealth};
use serde_json::json;

#[derive(Debug, Clone, Copy)]
pub struct Output {
    pub json: bool,
}

impl Output {
    fn print_json(&self, value: serde_json::Value) {
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
}
