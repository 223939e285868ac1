//! `outpost-bench --import-mb N`: imports a ~N MB .vcf, .csv and .ics (one-off events and some
//! weekly series with a changed occurrence after each 50th event) into a fresh replica through
//! the app's import commands, a preview then an apply, each format in its own child process so
//! the peak resident memory (VmHWM) is that format's. The devserver is only there to sign in: the
//! import itself is offline.

use std::io::{BufWriter, Write};
use std::path::Path;
use std::time::Instant;

use anyhow::{anyhow, Context, Result};
use outpost_app::commands::calendars::FieldsArgs;
use outpost_app::commands::import::{DuplicatePolicy, ImportArgs};
use serde_json::json;

use crate::measure::Row;

const FORMATS: [&str; 3] = ["vcf", "csv", "ics"];

/// The peak resident memory of this process so far, in MiB.
pub(crate) fn peak_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

fn write_file(path: &Path, format: &str, bytes: u64) -> Result<usize> {
    let mut out = BufWriter::new(std::fs::File::create(path)?);
    let mut written = 0u64;
    let mut items = 0usize;
    if format == "csv" {
        let head = "First Name,Last Name,E-mail Address,Mobile Phone,Notes\n";
        out.write_all(head.as_bytes())?;
        written += head.len() as u64;
    }
    if format == "ics" {
        let head = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Outpost//Bench//EN\r\n";
        out.write_all(head.as_bytes())?;
        written += head.len() as u64;
    }
    while written < bytes {
        let i = items;
        let day = 1 + i % 28;
        let text = match format {
            "vcf" => format!(
                "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Imported;Card{i};;;\r\nFN:Card{i} Imported\r\nEMAIL;TYPE=work:card{i}@import.example\r\nTEL;TYPE=cell:+1 557 {i:07}\r\nORG:Example Field Services\r\nNOTE:Met at the {i}th site visit\\, follow up in spring.\r\nEND:VCARD\r\n"
            ),
            "csv" => format!(
                "Card{i},Imported,card{i}@import.example,+1 557 {i:07},\"Met at the {i}th site visit, follow up in spring.\"\n"
            ),
            _ if i % 50 == 0 => format!(
                "BEGIN:VEVENT\r\nUID:series-{i}@bench\r\nSUMMARY:Weekly check {i}\r\nDTSTART;TZID=Europe/Berlin:202701{day:02}T090000\r\nDTEND;TZID=Europe/Berlin:202701{day:02}T093000\r\nRRULE:FREQ=WEEKLY;COUNT=10\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:series-{i}@bench\r\nRECURRENCE-ID;TZID=Europe/Berlin:202701{:02}T090000\r\nSUMMARY:Weekly check {i}, moved\r\nDTSTART;TZID=Europe/Berlin:202701{:02}T110000\r\nDTEND;TZID=Europe/Berlin:202701{:02}T113000\r\nEND:VEVENT\r\n",
                day + 7, day + 7, day + 7
            ),
            _ => format!(
                "BEGIN:VEVENT\r\nUID:event-{i}@bench\r\nSUMMARY:Site visit {i}\r\nLOCATION:Depot {}\r\nDTSTART;TZID=Europe/Berlin:202702{day:02}T{:02}0000\r\nDTEND;TZID=Europe/Berlin:202702{day:02}T{:02}3000\r\nDESCRIPTION:Bring the ladder and the spare filters.\r\nEND:VEVENT\r\n",
                i % 40, 8 + i % 9, 8 + i % 9
            ),
        };
        out.write_all(text.as_bytes())?;
        written += text.len() as u64;
        items += 1;
    }
    if format == "ics" {
        out.write_all(b"END:VCALENDAR\r\n")?;
    }
    out.flush()?;
    Ok(items)
}

/// One format, in this process: prints a JSON line for the parent.
pub async fn child(server_url: &str, format: &str, mb: f64) -> Result<()> {
    let (app, _dir) = crate::scenarios::fresh_app(server_url).await?;
    let files = tempfile::tempdir()?;
    let path = files.path().join(format!("big.{format}"));
    let bytes = (mb * 1024.0 * 1024.0) as u64;
    let items = write_file(&path, format, bytes)?;
    let size = std::fs::metadata(&path)?.len();
    let calendar_id = if format == "ics" {
        let cal = app
            .create_calendar(FieldsArgs::new(
                json!({ "kind": "tenant_shared", "name": "Imported", "timezone": "Europe/Berlin" })
                    .as_object()
                    .cloned()
                    .unwrap_or_default(),
            ))
            .await
            .map_err(crate::scenarios::app_error)?;
        Some(cal.local_id)
    } else {
        None
    };
    let args = || ImportArgs {
        path: path.display().to_string(),
        calendar_id: calendar_id.clone(),
        duplicates: DuplicatePolicy::Skip,
        format: None,
        mapping: None,
    };
    let started = Instant::now();
    let preview = app
        .import_preview(args())
        .await
        .map_err(crate::scenarios::app_error)?;
    let preview_s = started.elapsed().as_secs_f64();
    let peak_preview = peak_mib().unwrap_or(f64::NAN);
    let started = Instant::now();
    let applied = app
        .import_apply(args())
        .await
        .map_err(crate::scenarios::app_error)?;
    let apply_s = started.elapsed().as_secs_f64();
    let total = |o: &outpost_app::commands::import::ImportOutcome| {
        o.created + o.updated + o.skipped + o.failed
    };
    println!(
        "{}",
        json!({
            "format": format, "mb": size as f64 / 1048576.0, "written": items,
            "items": total(&applied), "created": applied.created, "failed": applied.failed,
            "listed": applied.items.len(), "previewItems": total(&preview),
            "previewSeconds": preview_s, "applySeconds": apply_s,
            "peakAfterPreviewMib": peak_preview, "peakMib": peak_mib(),
        })
    );
    Ok(())
}

/// Every format in its own child process; one row each.
pub fn run(mb: f64) -> Result<Vec<Row>> {
    eprintln!("starting the devserver (for signing in only)…");
    let server = crate::server::start("2000")?;
    let exe = std::env::current_exe()?;
    let mut rows = Vec::new();
    for format in FORMATS {
        eprintln!("importing a {mb} MB .{format} in a child process…");
        let out = std::process::Command::new(&exe)
            .args([
                "--import-child",
                format,
                "--import-mb",
                &mb.to_string(),
                "--server-url",
                &server.url,
            ])
            .stderr(std::process::Stdio::inherit())
            .output()?;
        if !out.status.success() {
            return Err(anyhow!("the .{format} import failed: {}", out.status));
        }
        let text = String::from_utf8_lossy(&out.stdout);
        let v: serde_json::Value = serde_json::from_str(text.lines().last().unwrap_or_default())
            .context("the child's report")?;
        let items = v["items"].as_f64().unwrap_or(0.0);
        rows.push(Row {
            what: format!(
                "import of a {:.1} MB .{format} ({} items), preview then apply, into a fresh replica",
                v["mb"].as_f64().unwrap_or(0.0),
                v["items"]
            ),
            measured: format!(
                "preview {:.0} items/s, apply {:.0} items/s; peak RSS {:.0} MiB (after the preview {:.0} MiB)",
                items / v["previewSeconds"].as_f64().unwrap_or(f64::NAN),
                items / v["applySeconds"].as_f64().unwrap_or(f64::NAN),
                v["peakMib"].as_f64().unwrap_or(f64::NAN),
                v["peakAfterPreviewMib"].as_f64().unwrap_or(f64::NAN),
            ),
            spread: "one run".into(),
            target: "memory bounded".into(),
            met: None,
        });
    }
    drop(server);
    Ok(rows)
}
