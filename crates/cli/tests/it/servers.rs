//! Server profiles from the terminal: add, list, rename, remove; `--server NAME` signs in to the
//! named server; a server signed in to by address is remembered; bad names and addresses are
//! refused in words.

use crate::common::{json_of, outpost, text};
use outpost_devserver::{demo, DemoOptions, DevServerConfig};

#[tokio::test]
async fn named_servers_are_kept_and_sign_in_takes_a_name() {
    let server = outpost_devserver::start(DevServerConfig {
        demo: Some(DemoOptions::default()),
        ..DevServerConfig::default()
    })
    .await
    .unwrap();
    let url = server.base_url();
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();

    let out = outpost(dir, &["servers", "ls"], None).await;
    assert!(
        text(&out.stdout).contains("No servers yet"),
        "{}",
        text(&out.stdout)
    );
    let out = outpost(dir, &["servers", "add", "Field lab", &url], None).await;
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains(&format!("Field lab  {url}")));

    let out = outpost(
        dir,
        &["servers", "add", "Prod", "http://api.example.com"],
        None,
    )
    .await;
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("HTTPS is required except for loopback addresses"),
        "{}",
        text(&out.stderr)
    );
    let out = outpost(
        dir,
        &["servers", "add", "field LAB", "https://x.example.com"],
        None,
    )
    .await;
    assert!(
        text(&out.stderr).contains("already named \"Field lab\""),
        "{}",
        text(&out.stderr)
    );

    let login = |server: String| async move {
        outpost(
            dir,
            &[
                "--server",
                &server,
                "login",
                "--email",
                demo::ADMIN_EMAIL,
                "--password-stdin",
            ],
            Some(&format!("{}\n", demo::ADMIN_PASSWORD)),
        )
        .await
    };
    let out = login("Nowhere".into()).await;
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("\"Nowhere\" is neither a server address"),
        "{}",
        text(&out.stderr)
    );
    let out = login("field lab".into()).await;
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("Signed in to"),
        "{}",
        text(&out.stdout)
    );
    let servers = json_of(dir, &["servers", "ls"]).await;
    assert_eq!(
        servers.as_array().unwrap().len(),
        1,
        "known already: {servers}"
    );

    let out = outpost(
        dir,
        &["servers", "edit", "Field lab", "--name", "Lab"],
        None,
    )
    .await;
    assert!(out.status.success(), "{}", text(&out.stderr));
    let servers = json_of(dir, &["servers", "ls"]).await;
    assert_eq!(servers[0]["name"], "Lab");
    assert_eq!(servers[0]["url"], url.as_str());
    let out = outpost(dir, &["servers", "rm", "lab"], None).await;
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        json_of(dir, &["servers", "ls"]).await,
        serde_json::json!([])
    );

    // Signing in by address remembers the server, named after its host and port.
    let out = login(url.clone()).await;
    assert!(out.status.success(), "{}", text(&out.stderr));
    let servers = json_of(dir, &["servers", "ls"]).await;
    let host = url.trim_start_matches("http://");
    assert_eq!(servers, serde_json::json!([{ "name": host, "url": url }]));
}
