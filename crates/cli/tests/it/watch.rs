//! `outpost watch`: choose a folder, take what is in it (`run --once`), read the reports; a
//! missing folder or no folder at all is said in words.

use crate::common::{json_of, outpost, sign_in_as_admin, text};
use outpost_devserver::{DemoOptions, DevServerConfig};

#[tokio::test]
async fn a_folder_is_chosen_emptied_and_reported_on() {
    let server = outpost_devserver::start(DevServerConfig {
        demo: Some(DemoOptions::default()),
        ..DevServerConfig::default()
    })
    .await
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    sign_in_as_admin(dir, &server.base_url()).await;

    let out = outpost(dir, &["watch", "run", "--once"], None).await;
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("no watched folder yet"),
        "{}",
        text(&out.stderr)
    );
    let inbox = tempfile::tempdir().unwrap();
    let missing = inbox.path().join("nope");
    let out = outpost(
        dir,
        &["watch", "config", "--folder", missing.to_str().unwrap()],
        None,
    )
    .await;
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("there is no folder"));

    let settings = json_of(
        dir,
        &[
            "watch",
            "config",
            "--folder",
            inbox.path().to_str().unwrap(),
        ],
    )
    .await;
    assert_eq!(settings["folder"], inbox.path().to_str().unwrap());
    std::fs::write(
        inbox.path().join("crew.csv"),
        "\u{feff}First name,Last name,Email\nCora,Crew,cora@example.com\n",
    )
    .unwrap();
    std::fs::write(inbox.path().join("broken.vcf"), "BEGIN:VCARD\nFN:Half\n").unwrap();

    let out = outpost(dir, &["watch", "run", "--once"], None).await;
    assert!(out.status.success(), "{}", text(&out.stderr));
    let said = text(&out.stdout);
    assert!(
        said.contains("crew.csv") && said.contains("1 created"),
        "{said}"
    );
    assert!(said.contains("broken.vcf"), "{said}");

    let reports = json_of(dir, &["watch", "reports"]).await;
    assert_eq!(reports.as_array().unwrap().len(), 2, "{reports}");
    let found = json_of(dir, &["contacts", "search", "Crew"]).await;
    assert_eq!(found.as_array().unwrap().len(), 1, "{found}");
    assert!(
        std::fs::read_dir(inbox.path().join("imported"))
            .unwrap()
            .count()
            >= 2
    );
}
