//! An imported vCard whose email or url the platform would refuse is refused on import, as an
//! error of that card naming the field, and never reaches the server: the next sync pushes
//! only the good card and fails nothing. The values here are ones the vCard reader itself lets
//! through (it refuses only what no address can be), so it is the replica's validator, which
//! the import runs on each planned card (the preview and the apply alike), that must catch them.
//! The refusal points at the EMAIL or URL line that holds the value, not at BEGIN:VCARD.

use outpost_app::commands::accounts::SignInArgs;
use outpost_app::commands::import::{DuplicatePolicy, ImportArgs, ItemAction};
use outpost_app::{App, AppConfig};
use outpost_devserver::{demo, DemoOptions, DevServerConfig};

/// (first name, email, url, the field the platform refuses)
const CARDS: &[(&str, &str, &str, Option<&str>)] = &[
    ("Good", "good@example.com", "https://example.com", None),
    (
        "Dots",
        "a..b@example.com",
        "https://example.com",
        Some("email"),
    ),
    (
        "Umlaut",
        "ü@example.com",
        "https://example.com",
        Some("email"),
    ),
    ("Idn", "a@müller.de", "https://example.com", Some("email")),
    ("Angle", "angle@example.com", "http://a<b", Some("url")),
    (
        "Letter",
        "letter@example.com",
        "https://example.com/ä",
        Some("url"),
    ),
];

#[tokio::test]
async fn imported_cards_with_addresses_the_platform_refuses_fail_on_import_not_at_sync() {
    std::env::set_var("OUTPOST_KEYRING", "kernel");
    let server = outpost_devserver::start(DevServerConfig {
        demo: Some(DemoOptions::default()),
        ..DevServerConfig::default()
    })
    .await
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let app = App::new(AppConfig {
        data_dir: dir.path().to_path_buf(),
        server_url: None,
        demo: false,
    })
    .unwrap();
    app.sign_in(SignInArgs {
        server_url: server.base_url(),
        email: demo::ADMIN_EMAIL.into(),
        password: demo::ADMIN_PASSWORD.into(),
        remember_me: false,
    })
    .await
    .unwrap();
    app.sync_now(Default::default()).await.unwrap();

    let vcf: String = CARDS
        .iter()
        .map(|(first, email, url, _)| {
            format!(
                "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Format;{first};;;\r\nFN:{first} Format\r\n\
                 EMAIL:{email}\r\nURL:{url}\r\nEND:VCARD\r\n"
            )
        })
        .collect();
    let path = dir.path().join("cards.vcf");
    std::fs::write(&path, vcf).unwrap();
    let outcome = app
        .import_apply(ImportArgs {
            path: path.display().to_string(),
            calendar_id: None,
            duplicates: DuplicatePolicy::Create,
            format: None,
            mapping: None,
        })
        .await
        .unwrap();

    assert_eq!(outcome.created, 1, "{outcome:?}");
    assert_eq!(outcome.failed, CARDS.len() as u32 - 1, "{outcome:?}");
    for (i, (first, email, url, refused)) in CARDS.iter().enumerate() {
        let item = outcome
            .items
            .iter()
            .find(|i| i.label.starts_with(first))
            .unwrap_or_else(|| panic!("{first} is not listed: {outcome:?}"));
        match refused {
            None => assert_eq!(item.action, ItemAction::Create, "{item:?}"),
            Some(field) => {
                assert_eq!(item.action, ItemAction::Error, "{email} {url}: {item:?}");
                let fields: Vec<_> = item.problems.iter().map(|p| p.field.as_deref()).collect();
                assert_eq!(fields, [Some(*field)], "{email} {url}: {item:?}");
                // Each card is seven lines: BEGIN, VERSION, N, FN, EMAIL, URL, END.
                let begin = 7 * i as u32 + 1;
                let at = if *field == "email" {
                    begin + 4
                } else {
                    begin + 5
                };
                assert_eq!(
                    (item.line, item.problems[0].line),
                    (begin, at),
                    "{email} {url}: {item:?}"
                );
            }
        }
    }

    let sync = app.sync_now(Default::default()).await.unwrap();
    assert_eq!(sync.run.report.pushed, 1, "{sync:?}");
    assert_eq!(sync.run.report.failed, 0, "{sync:?}");
    assert_eq!(sync.status.outbox.failed, 0, "{sync:?}");
    server.shutdown().await.unwrap();
}
