//! Contacts whose e-mail or url is an edge case of the platform's formats (RFC 5321 mailbox,
//! RFC 3986 URI), imported from a vCard and from a CSV: the preview gives each card the verdict
//! the apply then gives it (the preview used to say "Create" for cards the apply refused, and
//! to refuse valid addresses such as `user@localhost`), the valid edge values are imported as
//! they are and sync without a failure, and each refused one is named with its field and the
//! line of its value (the EMAIL or URL line of a vCard, not its BEGIN line; a CSV's row line),
//! its message not repeating the field.

use outpost_app::commands::import::{DuplicatePolicy, FileFormat, ImportItem, ItemAction};
use outpost_app::App;

use super::{contact_named, file, import_args, signed_in};

/// (last name, email, url, the fields refused). Each refusal points at its field's line
/// whether the reader's own check finds it (Plain: what no address can be) or the platform's
/// check of the whole record (the others).
const CARDS: &[(&str, &str, &str, &[&str])] = &[
    ("Localhost", "user@localhost", "https://example.com/", &[]),
    ("Quoted", "\"q r\"@example.com", "x:", &[]),
    (
        "Literal",
        "user@[IPv6:2001:db8::1]",
        "http://[::1]:8080/",
        &[],
    ),
    ("Lower", "user@[ipv6:::1]", "urn:isbn:0451450523", &[]),
    (
        "Dots",
        "a..b@example.com",
        "https://example.com/",
        &["email"],
    ),
    (
        "Umlaut",
        "ü@example.com",
        "https://example.com/",
        &["email"],
    ),
    ("Idn", "a@müller.de", "https://example.com/", &["email"]),
    ("Angle", "angle@example.com", "http://a<b", &["url"]),
    (
        "Letter",
        "letter@example.com",
        "https://example.com/ä",
        &["url"],
    ),
    (
        "Both",
        "both.@example.com",
        "http://a#b#c",
        &["email", "url"],
    ),
    (
        "Plain",
        "plain(at)example.com",
        "https://example.com/",
        &["email"],
    ),
];

/// How many cards are valid.
fn valid() -> u32 {
    CARDS.iter().filter(|c| c.3.is_empty()).count() as u32
}

/// Each card as seven lines: BEGIN, VERSION, N, FN, EMAIL, URL, END.
fn vcard() -> String {
    CARDS
        .iter()
        .map(|(last, email, url, _)| {
            format!(
                "BEGIN:VCARD\r\nVERSION:3.0\r\nN:{last};Edge;;;\r\nFN:Edge {last}\r\n\
                 EMAIL:{email}\r\nURL:{url}\r\nEND:VCARD\r\n"
            )
        })
        .collect()
}

/// A header line, then one row a line.
fn csv() -> String {
    let quote = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    let mut text = String::from("First Name,Last Name,E-mail Address,Web Page\n");
    for (last, email, url, _) in CARDS {
        text.push_str(&format!("Edge,{last},{},{}\n", quote(email), quote(url)));
    }
    text
}

/// The line of card `i`'s `field`: in a vCard the EMAIL or URL line (the card starts on
/// `7 * i + 1`), in a CSV the row's line.
fn line_of(format: FileFormat, i: usize, field: &str) -> u32 {
    let i = i as u32;
    match (format, field) {
        (FileFormat::Vcf, "email") => 7 * i + 5,
        (FileFormat::Vcf, "url") => 7 * i + 6,
        (FileFormat::Vcf, other) => panic!("no line for {other}"),
        _ => i + 2,
    }
}

/// The item of card `last`.
fn item<'a>(items: &'a [ImportItem], last: &str) -> &'a ImportItem {
    items
        .iter()
        .find(|i| i.label == format!("Edge {last}"))
        .unwrap_or_else(|| panic!("{last} is not listed: {items:?}"))
}

async fn imports_as_the_preview_said(app: &App, format: FileFormat, text: &str) {
    let dir = tempfile::tempdir().unwrap();
    let name = format!("edge.{}", format.name());
    let path = file(dir.path(), &name, text);
    let preview = app
        .import_preview(import_args(&path, DuplicatePolicy::Skip))
        .await
        .unwrap();
    let applied = app
        .import_apply(import_args(&path, DuplicatePolicy::Skip))
        .await
        .unwrap();

    let counts = |o: &outpost_app::commands::import::ImportOutcome| {
        (o.created, o.updated, o.skipped, o.failed)
    };
    assert_eq!(
        counts(&preview),
        (valid(), 0, 0, CARDS.len() as u32 - valid()),
        "{preview:?}"
    );
    // The same verdict, line, field and message for every card.
    assert_eq!(counts(&applied), counts(&preview), "{applied:?}");
    assert_eq!(applied.items, preview.items);

    for (i, (last, email, url, refused)) in CARDS.iter().enumerate() {
        let got = item(&applied.items, last);
        if refused.is_empty() {
            assert_eq!(got.action, ItemAction::Create, "{got:?}");
            let fields = contact_named(app, &format!("Edge {last}")).await;
            assert_eq!(
                (fields["email"].as_str(), fields["url"].as_str()),
                (Some(*email), Some(*url)),
                "{last}"
            );
            continue;
        }
        assert_eq!(got.action, ItemAction::Error, "{got:?}");
        let named: Vec<(u32, &str)> = got
            .problems
            .iter()
            .map(|p| (p.line, p.field.as_deref().unwrap_or("")))
            .collect();
        let wanted: Vec<(u32, &str)> = refused
            .iter()
            .map(|f| (line_of(format, i, f), *f))
            .collect();
        assert_eq!(named, wanted, "{email} {url}: {got:?}");
        // The card itself still starts where it starts.
        let item_line = match format {
            FileFormat::Vcf => 7 * i as u32 + 1,
            _ => i as u32 + 2,
        };
        assert_eq!(got.line, item_line, "{got:?}");
        for p in &got.problems {
            let field = p.field.as_deref().unwrap_or("");
            assert!(
                !p.message.starts_with(&format!("{field}:")),
                "the field is named twice: {p:?}"
            );
        }
    }
}

/// The valid edge values reach the devserver, which takes them (it follows the same RFCs):
/// the sync pushes every imported card and fails none.
async fn syncs_without_a_failure(app: &App) {
    let sync = app.sync_now(Default::default()).await.unwrap();
    assert_eq!(sync.run.report.pushed, valid(), "{sync:?}");
    assert_eq!(sync.run.report.failed, 0, "{sync:?}");
    assert_eq!(sync.status.outbox.failed, 0, "{sync:?}");
}

#[tokio::test]
async fn a_vcard_with_edge_addresses_imports_as_its_preview_said() {
    let dir = tempfile::tempdir().unwrap();
    let (server, app) = signed_in(dir.path()).await;
    imports_as_the_preview_said(&app, FileFormat::Vcf, &vcard()).await;
    syncs_without_a_failure(&app).await;
    server.shutdown().await.unwrap();
}

#[tokio::test]
async fn a_csv_with_edge_addresses_imports_as_its_preview_said() {
    let dir = tempfile::tempdir().unwrap();
    let (server, app) = signed_in(dir.path()).await;
    imports_as_the_preview_said(&app, FileFormat::Csv, &csv()).await;
    syncs_without_a_failure(&app).await;
    server.shutdown().await.unwrap();
}
