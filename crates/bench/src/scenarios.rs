//! The measures, each through the same commands the UI calls.

use std::io::BufWriter;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{anyhow, Context, Result};
use chrono::{Duration as Days, TimeZone, Utc};
use outpost_app::commands::accounts::SignInArgs;
use outpost_app::commands::calendars::{FieldsArgs, WindowArgs};
use outpost_app::commands::contacts::{
    ContactIdArgs, CreateContactArgs, SearchContactsArgs, UpdateContactArgs,
};
use outpost_app::commands::import::{DuplicatePolicy, ImportArgs};
use outpost_app::commands::sync::SyncNowArgs;
use outpost_app::{App, AppConfig, AppError};
use outpost_interop::{ical, vcard, Fields};
use outpost_platform::{MemoryTokens, Method, PlatformClient, Secret, ServerUrl, Session, Tokens};
use outpost_replica::{ContactQuery, ContactSummary};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::{json, Value};

use crate::measure::{time_async, Row, Samples};
use crate::{server, Args};

const ADMIN: &str = "admin@outpost.example";
const PASSWORD: &str = "outpost-demo";

/// Sizes of one run.
struct Plan {
    scale: String,
    push_ops: usize,
    edits: usize,
    queries: usize,
    views: usize,
    ics_events: usize,
    vcf_contacts: usize,
}

impl Plan {
    fn of(args: &Args) -> Plan {
        if args.small {
            Plan {
                scale: args.scale.clone().unwrap_or_else(|| "2000".into()),
                push_ops: 300,
                edits: 200,
                queries: 100,
                views: 20,
                ics_events: 200,
                vcf_contacts: 1000,
            }
        } else {
            Plan {
                scale: args.scale.clone().unwrap_or_else(|| "large".into()),
                push_ops: 10_000,
                edits: 2_000,
                queries: 1_000,
                views: 200,
                ics_events: 10_000,
                vcf_contacts: 100_000,
            }
        }
    }
}

pub(crate) fn app_error(e: AppError) -> anyhow::Error {
    anyhow!("{} ({})", e.message, e.code)
}

/// A fresh client: its own data folder, signed in for this run only (no keyring).
pub(crate) async fn fresh_app(url: &str) -> Result<(Arc<App>, tempfile::TempDir)> {
    let dir = tempfile::tempdir()?;
    let app = App::new(AppConfig {
        data_dir: dir.path().to_path_buf(),
        server_url: None,
        demo: false,
    })
    .map_err(app_error)?;
    app.sign_in(SignInArgs {
        server_url: url.to_string(),
        email: ADMIN.into(),
        password: PASSWORD.into(),
        remember_me: false,
    })
    .await
    .map_err(app_error)?;
    Ok((Arc::new(app), dir))
}

/// A colleague's session on the server, for the remote changes of the resync measure.
async fn remote(url: &str, tenant: &str) -> Result<Session> {
    let client = PlatformClient::new(ServerUrl::parse(url)?)?;
    let login = client.login(ADMIN, &Secret::new(PASSWORD), false).await?;
    let s = Session::new(
        client,
        Tokens::new(login.access_token, login.refresh_token, login.expires_in),
        Arc::new(MemoryTokens),
    );
    s.set_tenant(Some(tenant.to_string()));
    Ok(s)
}

/// CPU seconds this process has used (user + system), from /proc (Linux clock ticks of 1/100 s).
fn cpu_seconds() -> f64 {
    std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|s| {
            let after = s.rsplit_once(')')?.1;
            let fields: Vec<&str> = after.split_whitespace().collect();
            let utime: f64 = fields.get(11)?.parse().ok()?;
            let stime: f64 = fields.get(12)?.parse().ok()?;
            Some((utime + stime) / 100.0)
        })
        .unwrap_or(f64::NAN)
}

fn secs(d: Duration) -> f64 {
    d.as_secs_f64()
}

async fn all_contacts(app: &App) -> Result<Vec<ContactSummary>> {
    let page = app
        .list_contacts(ContactQuery {
            limit: 1_000_000,
            ..ContactQuery::default()
        })
        .await
        .map_err(app_error)?;
    Ok(page.items)
}

pub async fn run(args: &Args) -> Result<Vec<Row>> {
    let plan = Plan::of(args);
    let runs = args.runs.max(1);
    let mut rng = StdRng::seed_from_u64(7);
    eprintln!("starting the devserver (--scale {})…", plan.scale);
    let server = server::start(&plan.scale)?;
    let mut rows = Vec::new();

    // Initial sync: a new replica pulls the whole tenant.
    let mut rates = Vec::new();
    let mut shares = Vec::new();
    let mut records = 0;
    let mut first_requests = 0;
    let mut first_phases = String::new();
    let mut kept = None;
    for i in 0..runs {
        eprintln!("initial sync {}/{runs}…", i + 1);
        let (app, dir) = fresh_app(&server.url).await?;
        let cpu = cpu_seconds();
        let (outcome, took) = time_async(app.sync_now(Default::default())).await;
        let outcome = outcome.map_err(app_error)?;
        records = outcome.run.report.pulled;
        first_requests = requests(&outcome.run.report);
        first_phases = phase_words(&outcome.run.report);
        rates.push(f64::from(records) / secs(took));
        shares.push((cpu_seconds() - cpu) / secs(took) * 100.0);
        kept = Some((app, dir));
    }
    let (app, _dir) = kept.context("at least one run")?;
    let rates = Samples::new(rates);
    let shares = Samples::new(shares);
    rows.push(Row {
        what: format!(
            "initial sync ({records} records, {first_requests} requests; {first_phases})"
        ),
        measured: format!("{:.0} records/s", rates.median()),
        spread: format!("{:.0}–{:.0}", rates.min(), rates.max()),
        target: "≥ 50,000 records/s".into(),
        met: Some(rates.median() >= 50_000.0),
    });
    rows.push(Row {
        what: "initial sync: client's share of the time (CPU of the client / wall time)".into(),
        measured: format!("{:.0} %", shares.median()),
        spread: format!("{:.0}–{:.0} %", shares.min(), shares.max()),
        target: "—".into(),
        met: None,
    });

    // Resync with nothing changed: it asks the change feed, and nothing else.
    let mut took = Vec::new();
    let mut phases = String::new();
    let mut asked = 0;
    for _ in 0..runs {
        let (r, t) = time_async(app.sync_now(Default::default())).await;
        let report = r.map_err(app_error)?.run.report;
        phases = phase_words(&report);
        asked = asked.max(requests(&report));
        took.push(t);
    }
    let s = Samples::of_durations(&took);
    rows.push(Row {
        what: format!("resync, nothing changed ({asked} requests; {phases})"),
        measured: format!("{:.0} ms", s.median()),
        spread: format!("{:.0}–{:.0} ms", s.min(), s.max()),
        target: "≤ 5 requests, < 100 ms".into(),
        met: Some(asked <= 5 && s.median() < 100.0),
    });

    // A verification: the same replica lists everything, as it does on its cadence.
    let mut took = Vec::new();
    let mut listed = 0;
    for _ in 0..runs {
        let full = SyncNowArgs { full: Some(true) };
        let (r, t) = time_async(app.sync_now(full)).await;
        listed = listed.max(requests(&r.map_err(app_error)?.run.report));
        took.push(t);
    }
    let s = Samples::of_durations(&took);
    rows.push(Row {
        what: format!(
            "resync listing everything (daily verification, `--full`; {listed} requests)"
        ),
        measured: format!("{:.2} s", s.median() / 1000.0),
        spread: format!("{:.2}–{:.2} s", s.min() / 1000.0, s.max() / 1000.0),
        target: "—".into(),
        met: None,
    });

    // Resync after 1% of the contacts changed on the server.
    let tenant = app
        .sync_status(Default::default())
        .await
        .map_err(app_error)?
        .tenant_id;
    let colleague = remote(&server.url, &tenant).await?;
    let contacts = all_contacts(&app).await?;
    let share = (contacts.len() / 100).max(1);
    let mut took = Vec::new();
    let mut asked = 0;
    for round in 0..runs {
        for c in contacts.iter().skip(round * share).take(share) {
            let id = c
                .server_id
                .as_deref()
                .context("a pulled contact has a server id")?;
            let _: Value = colleague
                .send_json(
                    Method::PATCH,
                    &format!("/api/v1/secure/contacts/{id}"),
                    &json!({ "notes": format!("changed in round {round}") }),
                )
                .await?;
        }
        let (r, t) = time_async(app.sync_now(Default::default())).await;
        asked = asked.max(requests(&r.map_err(app_error)?.run.report));
        took.push(t);
    }
    let s = Samples::of_durations(&took);
    rows.push(Row {
        what: format!("resync after 1% changed remotely ({share} contacts, {asked} requests)"),
        measured: format!("{:.0} ms", s.median()),
        spread: format!("{:.0}–{:.0} ms", s.min(), s.max()),
        target: "requests ∝ changes, < 500 ms".into(),
        // Proportional: a read per change, plus the feed's pages, who-am-I and the audit log.
        met: Some(asked as usize <= share + share / 10 + 10 && s.median() < 500.0),
    });
    if args.sync_only {
        return Ok(rows);
    }

    // A local edit with its outbox row.
    let mut took = Vec::new();
    for i in 0..plan.edits {
        let c = &contacts[rng.random_range(0..contacts.len())];
        let fields = json!({ "notes": format!("local edit {i}") });
        let (r, t) = time_async(app.update_contact(UpdateContactArgs {
            id: c.local_id.clone(),
            fields: fields.as_object().cloned().unwrap_or_default(),
        }))
        .await;
        r.map_err(app_error)?;
        took.push(t);
    }
    let s = Samples::of_durations(&took);
    rows.push(Row {
        what: format!("local edit with its outbox row ({} edits)", plan.edits),
        measured: format!("p50 {:.3} ms, p99 {:.3} ms", s.median(), s.percentile(99.0)),
        spread: format!("{:.3}–{:.3} ms", s.min(), s.max()),
        target: "p50 < 1 ms".into(),
        met: Some(s.median() < 1.0),
    });
    // Those edits go out with the push below.

    // Pushing offline edits: creates, updates and deletes.
    let creates = plan.push_ops * 4 / 10;
    let deletes = plan.push_ops / 5;
    // The edits of the latency measure wait in the outbox too and go out with these.
    let updates = plan.push_ops.saturating_sub(creates + deletes + plan.edits);
    for i in 0..creates {
        let fields = json!({ "firstName": "Bench", "lastName": format!("Create{i}"), "phone": format!("+1 555 {i:06}") });
        app.create_contact(CreateContactArgs {
            fields: fields.as_object().cloned().unwrap_or_default(),
        })
        .await
        .map_err(app_error)?;
    }
    for (i, c) in contacts.iter().rev().take(updates).enumerate() {
        let fields = json!({ "phone": format!("+1 556 {i:06}") });
        app.update_contact(UpdateContactArgs {
            id: c.local_id.clone(),
            fields: fields.as_object().cloned().unwrap_or_default(),
        })
        .await
        .map_err(app_error)?;
    }
    for c in contacts.iter().skip(contacts.len() / 2).take(deletes) {
        app.delete_contact(ContactIdArgs {
            id: c.local_id.clone(),
        })
        .await
        .map_err(app_error)?;
    }
    let (outcome, t) = time_async(app.sync_now(Default::default())).await;
    let outcome = outcome.map_err(app_error)?;
    let pushed = outcome.run.report.pushed;
    let push_ms = phase_millis(&outcome.run.report, "push").unwrap_or(t.as_millis() as f64);
    let rate = f64::from(pushed) / (push_ms / 1000.0);
    rows.push(Row {
        what: format!("push of {pushed} offline edits (creates, updates, deletes)"),
        measured: format!("{rate:.0} ops/s"),
        spread: format!(
            "one run: push {:.1} s of a {:.1} s sync",
            push_ms / 1000.0,
            secs(t)
        ),
        target: "≥ 1,000 ops/s".into(),
        met: Some(rate >= 1000.0),
    });

    // Contact search by prefix.
    let names: Vec<String> = all_contacts(&app)
        .await?
        .into_iter()
        .map(|c| c.display_name)
        .filter(|n| n.chars().count() >= 3)
        .collect();
    let mut took = Vec::new();
    for _ in 0..plan.queries {
        let name = &names[rng.random_range(0..names.len())];
        let prefix: String = name.chars().take(rng.random_range(2..4)).collect();
        let (r, t) = time_async(app.search_contacts(SearchContactsArgs {
            query: prefix,
            limit: Some(50),
        }))
        .await;
        r.map_err(app_error)?;
        took.push(t);
    }
    let s = Samples::of_durations(&took);
    rows.push(Row {
        what: format!(
            "contact search by prefix over {} contacts ({} queries, 50 results)",
            names.len(),
            plan.queries
        ),
        measured: format!("p50 {:.2} ms, p99 {:.2} ms", s.median(), s.percentile(99.0)),
        spread: format!("{:.2}–{:.2} ms", s.min(), s.max()),
        target: "p99 < 5 ms".into(),
        met: Some(s.percentile(99.0) < 5.0),
    });

    // Month and week views over every calendar, series expanded.
    for (label, days, target) in [("month", 31, Some(20.0)), ("week", 7, None)] {
        let mut took = Vec::new();
        let mut items = 0;
        for _ in 0..plan.views {
            let start = Utc::now() - Days::days(60) + Days::days(rng.random_range(0..300));
            let from =
                Utc.from_utc_datetime(&start.date_naive().and_hms_opt(0, 0, 0).expect("midnight"));
            let (r, t) = time_async(app.calendar_window(WindowArgs {
                calendar_ids: vec![],
                from: from.to_rfc3339(),
                to: (from + Days::days(days)).to_rfc3339(),
            }))
            .await;
            items += r.map_err(app_error)?.len();
            took.push(t);
        }
        let s = Samples::of_durations(&took);
        rows.push(Row {
            what: format!(
                "{label} view over every calendar ({} views, {} items each on average)",
                plan.views,
                items / plan.views.max(1)
            ),
            measured: format!("p50 {:.2} ms, p99 {:.2} ms", s.median(), s.percentile(99.0)),
            spread: format!("{:.2}–{:.2} ms", s.min(), s.max()),
            target: target.map_or("—".into(), |t| format!("p99 < {t} ms")),
            met: target.map(|t| s.percentile(99.0) < t),
        });
    }

    // Imports through the offline edits and the outbox.
    let files = tempfile::tempdir()?;
    let ics = files.path().join("events.ics");
    write_ics(&ics, plan.ics_events)?;
    let calendar = app
        .create_calendar(FieldsArgs::new(
            json!({ "kind": "tenant_shared", "name": "Imported", "timezone": "Europe/Berlin" })
                .as_object()
                .cloned()
                .unwrap_or_default(),
        ))
        .await
        .map_err(app_error)?;
    let (outcome, t) = time_async(app.import_apply(ImportArgs {
        path: ics.display().to_string(),
        calendar_id: Some(calendar.local_id),
        duplicates: DuplicatePolicy::Skip,
        format: None,
        mapping: None,
    }))
    .await;
    let outcome = outcome.map_err(app_error)?;
    rows.push(Row {
        what: format!(".ics import of {} events", outcome.created),
        measured: format!(
            "{:.1} s ({:.0} events/s)",
            secs(t),
            f64::from(outcome.created) / secs(t)
        ),
        spread: "one run".into(),
        target: "—".into(),
        met: None,
    });
    let vcf = files.path().join("contacts.vcf");
    write_vcf(&vcf, plan.vcf_contacts)?;
    let (outcome, t) = time_async(app.import_apply(ImportArgs {
        path: vcf.display().to_string(),
        calendar_id: None,
        duplicates: DuplicatePolicy::Skip,
        format: None,
        mapping: None,
    }))
    .await;
    let outcome = outcome.map_err(app_error)?;
    rows.push(Row {
        what: format!(".vcf import of {} contacts", outcome.created),
        measured: format!(
            "{:.1} s ({:.0} contacts/s)",
            secs(t),
            f64::from(outcome.created) / secs(t)
        ),
        spread: "one run".into(),
        target: "—".into(),
        met: None,
    });

    if let Some(mib) = outpost_app::diagnostics::resident_mib() {
        rows.push(Row {
            what: "resident memory of the client with the large replica open (after every measure above)".into(),
            measured: format!("{mib:.0} MiB"),
            spread: "—".into(),
            target: "< 200 MB".into(),
            met: Some(mib * 1.048_576 < 200.0),
        });
    }
    drop(server);
    Ok(rows)
}

/// The requests a run sent, from its details.
pub(crate) fn requests(report: &outpost_replica::RunReport) -> u64 {
    report
        .details
        .as_ref()
        .and_then(|d| d.get("requests"))
        .and_then(Value::as_u64)
        .unwrap_or(0)
}

fn phase_millis(report: &outpost_replica::RunReport, phase: &str) -> Option<f64> {
    report.details.as_ref()?.get("millis")?.get(phase)?.as_f64()
}

/// "push 0.0 s, contacts 1.2 s, ..." from a run's timings.
fn phase_words(report: &outpost_replica::RunReport) -> String {
    [
        "push",
        "feed",
        "apply",
        "listings",
        "calendars",
        "directory",
    ]
    .iter()
    .filter_map(|p| phase_millis(report, p).map(|ms| format!("{p} {:.1} s", ms / 1000.0)))
    .collect::<Vec<_>>()
    .join(", ")
}

fn write_ics(path: &std::path::Path, events: usize) -> Result<()> {
    let start = Utc::now() + Days::days(30);
    let entries = (0..events)
        .map(|i| {
            let at = start + Days::minutes(i as i64 * 97);
            let mut entry = Fields::new();
            entry.insert("title".into(), json!(format!("Imported event {i}")));
            entry.insert("startsAt".into(), json!(at.to_rfc3339()));
            entry.insert(
                "endsAt".into(),
                json!((at + Days::minutes(45)).to_rfc3339()),
            );
            entry.insert("timezone".into(), json!("Europe/Berlin"));
            entry.insert("isAllDay".into(), json!(false));
            entry.insert("status".into(), json!("confirmed"));
            ical::EntryExport {
                uid: format!("bench-{i}@outpost"),
                entry,
                series: None,
            }
        })
        .collect();
    let mut out = BufWriter::new(std::fs::File::create(path)?);
    ical::export(
        &mut out,
        &[ical::CalendarExport {
            name: "Bench".into(),
            timezone: "Europe/Berlin".into(),
            entries,
        }],
    )?;
    Ok(())
}

fn write_vcf(path: &std::path::Path, contacts: usize) -> Result<()> {
    let cards: Vec<Fields> = (0..contacts)
        .map(|i| {
            json!({
                "firstName": format!("Card{i}"), "lastName": "Imported",
                "email": format!("card{i}@import.example"), "phone": format!("+1 557 {i:06}"),
            })
            .as_object()
            .cloned()
            .unwrap_or_default()
        })
        .collect();
    let mut out = BufWriter::new(std::fs::File::create(path)?);
    vcard::export(&mut out, &cards, vcard::Version::V4)?;
    Ok(())
}
