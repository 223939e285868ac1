//! The history of sync runs, for the sync center: what each run pulled, pushed, skipped and
//! failed.

use rusqlite::params;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::{ReplicaError, Result};
use crate::scope::TenantScope;
use crate::util::{new_id, now_text};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum RunOutcome {
    Running,
    Ok,
    Partial,
    Failed,
}

impl RunOutcome {
    fn as_str(self) -> &'static str {
        match self {
            RunOutcome::Running => "running",
            RunOutcome::Ok => "ok",
            RunOutcome::Partial => "partial",
            RunOutcome::Failed => "failed",
        }
    }
    fn parse(text: &str) -> RunOutcome {
        match text {
            "running" => RunOutcome::Running,
            "ok" => RunOutcome::Ok,
            "partial" => RunOutcome::Partial,
            _ => RunOutcome::Failed,
        }
    }
}

/// What a finished run did.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct RunReport {
    pub pulled: u32,
    pub pushed: u32,
    pub skipped: u32,
    pub failed: u32,
    pub conflicts: u32,
    pub error: Option<String>,
    #[ts(type = "Record<string, unknown> | null")]
    pub details: Option<Value>,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct SyncRun {
    pub run_id: String,
    pub trigger: String,
    pub started_at: String,
    pub finished_at: Option<String>,
    pub outcome: RunOutcome,
    pub report: RunReport,
}

impl TenantScope<'_> {
    /// Records the start of a run (`trigger`: manual, timer, reconnect...). Returns its id.
    pub fn start_sync_run(&self, trigger: &str) -> Result<String> {
        let run_id = new_id();
        self.conn
            .prepare_cached("INSERT INTO sync_runs (run_id, tenant_id, trigger, started_at, outcome) VALUES (?1, ?2, ?3, ?4, 'running')")?
            .execute(params![run_id, self.tenant, trigger, now_text()])?;
        Ok(run_id)
    }

    pub fn finish_sync_run(
        &self,
        run_id: &str,
        outcome: RunOutcome,
        report: &RunReport,
    ) -> Result<()> {
        if outcome == RunOutcome::Running {
            return Err(ReplicaError::invalid(
                "outcome",
                "a finished run is ok, partial or failed",
            ));
        }
        let changed = self
            .conn
            .prepare_cached(
                "UPDATE sync_runs SET finished_at = ?3, outcome = ?4, pulled = ?5, pushed = ?6, skipped = ?7, failed = ?8,
                    conflicts = ?9, error = ?10, details = ?11 WHERE tenant_id = ?1 AND run_id = ?2",
            )?
            .execute(params![
                self.tenant,
                run_id,
                now_text(),
                outcome.as_str(),
                report.pulled,
                report.pushed,
                report.skipped,
                report.failed,
                report.conflicts,
                report.error,
                report.details.as_ref().map(serde_json::to_string).transpose()?
            ])?;
        if changed == 0 {
            return Err(ReplicaError::NotFound {
                entity: "sync run",
                id: run_id.to_string(),
            });
        }
        Ok(())
    }

    /// The latest runs, newest first.
    pub fn sync_runs(&self, limit: u32) -> Result<Vec<SyncRun>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT run_id, trigger, started_at, finished_at, outcome, pulled, pushed, skipped, failed, conflicts, error, details
             FROM sync_runs WHERE tenant_id = ?1 ORDER BY started_at DESC, run_id DESC LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![self.tenant, limit], |r| {
            let outcome: String = r.get(4)?;
            let details: Option<String> = r.get(11)?;
            Ok(SyncRun {
                run_id: r.get(0)?,
                trigger: r.get(1)?,
                started_at: r.get(2)?,
                finished_at: r.get(3)?,
                outcome: RunOutcome::parse(&outcome),
                report: RunReport {
                    pulled: r.get(5)?,
                    pushed: r.get(6)?,
                    skipped: r.get(7)?,
                    failed: r.get(8)?,
                    conflicts: r.get(9)?,
                    error: r.get(10)?,
                    details: details.and_then(|d| serde_json::from_str(&d).ok()),
                },
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}
