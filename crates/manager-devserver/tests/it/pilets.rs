//! Pilet packages: upload, list, download and delete over REST, metadata over GraphQL, and the
//! public feed of an application (the highest enabled version of each pilet).

use serde_json::{json, Value};

use crate::common::{self, Server};

/// A small gzip stream (an empty stored block): what the upload route accepts.
const GZIP: &[u8] = &[
    0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0,
];

async fn upload(
    server: &Server,
    path: &str,
    bytes: &[u8],
    description: Option<&str>,
) -> (u16, Value) {
    let mut form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(bytes.to_vec()).file_name("pilet.tgz"),
    );
    if let Some(d) = description {
        form = form.text("description", d.to_owned());
    }
    let res = server
        .http
        .post(server.url(path))
        .bearer_auth(&server.token)
        .multipart(form)
        .send()
        .await
        .unwrap();
    (
        res.status().as_u16(),
        res.json().await.unwrap_or(Value::Null),
    )
}

async fn get(server: &Server, path: &str, token: Option<&str>) -> reqwest::Response {
    let mut req = server.http.get(server.url(path));
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    req.send().await.unwrap()
}

#[tokio::test]
async fn pilets_are_uploaded_listed_downloaded_and_deleted() {
    let server = common::examples().await;
    let (status, made) = upload(
        &server,
        "/pilets/project-uuid/@my-org/my-pilet/1.2.0",
        GZIP,
        Some("New"),
    )
    .await;
    assert_eq!(status, 200, "{made}");
    assert_eq!(made["name"], "@my-org/my-pilet");
    assert_eq!(made["size"], GZIP.len());
    assert!(made["hash"].as_str().unwrap().starts_with("sha256-"));
    assert_eq!(made["enabled"], true);

    let listed: Value = get(
        &server,
        "/pilets/project-uuid?enabled=true",
        Some(&server.token.clone()),
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(listed["count"], 2);
    let versions: Vec<&str> = listed["packages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["version"].as_str().unwrap())
        .collect();
    assert_eq!(versions, ["1.0.0", "1.2.0"]);

    let file = get(
        &server,
        "/pilets/project-uuid/@my-org/my-pilet/1.2.0",
        Some(&server.token.clone()),
    )
    .await;
    assert_eq!(file.headers()["content-type"], "application/gzip");
    assert_eq!(
        file.headers()["content-disposition"],
        "attachment; filename=\"my-org-my-pilet-1.2.0.tgz\""
    );
    assert_eq!(file.bytes().await.unwrap().as_ref(), GZIP);

    let gone = server
        .http
        .delete(server.url("/pilets/project-uuid/@my-org/my-pilet/1.2.0"))
        .bearer_auth(&server.token)
        .send()
        .await
        .unwrap();
    assert_eq!(
        gone.json::<Value>().await.unwrap(),
        json!({ "success": true })
    );
    let missing = get(
        &server,
        "/pilets/project-uuid/@my-org/my-pilet/1.2.0",
        Some(&server.token.clone()),
    )
    .await;
    assert_eq!(missing.status(), 404);
    let body: Value = missing.json().await.unwrap();
    assert_eq!(
        (body["code"].as_str(), body["status"].as_u64()),
        (Some("NOT_FOUND"), Some(404))
    );
    server.stop().await;
}

#[tokio::test]
async fn uploads_are_checked_and_need_a_person() {
    let server = common::examples().await;
    let (status, body) = upload(
        &server,
        "/pilets/project-uuid/@my-org/x/1.0.0",
        b"plain text",
        None,
    )
    .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (400, Some("BAD_USER_INPUT"))
    );
    assert!(body["error"].as_str().unwrap().starts_with("file"));
    let (status, body) = upload(&server, "/pilets/project-uuid/Bad Name/1.0.0", GZIP, None).await;
    assert_eq!(status, 400);
    assert!(
        body["error"].as_str().unwrap().starts_with("name"),
        "{body}"
    );
    let (status, body) = upload(&server, "/pilets/project-uuid/ok/one", GZIP, None).await;
    assert_eq!(status, 400);
    assert!(
        body["error"].as_str().unwrap().starts_with("version"),
        "{body}"
    );
    let res = get(&server, "/pilets/project-uuid", None).await;
    assert_eq!(res.status(), 401);
    server.stop().await;
}

#[tokio::test]
async fn metadata_changes_over_graphql_and_the_feed_follows() {
    let server = common::examples().await;
    upload(
        &server,
        "/pilets/project-uuid/@my-org/my-pilet/1.1.0",
        GZIP,
        None,
    )
    .await;
    upload(
        &server,
        "/pilets/project-uuid/other-pilet/0.1.0",
        GZIP,
        None,
    )
    .await;
    let feed = |server: &Server| {
        let url = server.url("/pilet-feed/app-uuid");
        let http = server.http.clone();
        async move {
            http.get(url)
                .send()
                .await
                .unwrap()
                .json::<Value>()
                .await
                .unwrap()
        }
    };
    let items = feed(&server).await["items"].clone();
    assert_eq!(items.as_array().unwrap().len(), 2);
    assert_eq!(
        items[0]["version"], "1.1.0",
        "the highest version of a name"
    );
    assert_eq!(items[0]["spec"], "v2");
    assert!(items[0]["link"]
        .as_str()
        .unwrap()
        .ends_with("/pilets/project-uuid/@my-org/my-pilet/1.1.0"));

    let off = server
        .ok("mutation { disablePiletPackage(projectId: \"project-uuid\", name: \"@my-org/my-pilet\", version: \"1.1.0\") { enabled } }", json!({}))
        .await;
    assert_eq!(off["disablePiletPackage"]["enabled"], false);
    assert_eq!(
        feed(&server).await["items"][0]["version"],
        "1.0.0",
        "the highest enabled one"
    );
    let updated = server
        .ok("mutation { updatePiletPackage(projectId: \"project-uuid\", name: \"other-pilet\", version: \"0.1.0\", description: \"Other\", enabled: false) { description enabled } }", json!({}))
        .await;
    assert_eq!(
        updated["updatePiletPackage"],
        json!({ "description": "Other", "enabled": false })
    );
    let listed = server
        .ok("{ piletPackages(projectId: \"project-uuid\", enabled: false) { count packages { name version } } }", json!({}))
        .await;
    assert_eq!(listed["piletPackages"]["count"], 2);
    server
        .ok("mutation { enablePiletPackage(projectId: \"project-uuid\", name: \"@my-org/my-pilet\", version: \"1.1.0\") { enabled } }", json!({}))
        .await;
    assert_eq!(feed(&server).await["items"].as_array().unwrap().len(), 1);
    let e = server
        .fails("{ piletPackage(projectId: \"project-uuid\", name: \"@my-org/my-pilet\", version: \"9.9.9\") { id } }", json!({}))
        .await;
    assert_eq!(e.code, "NOT_FOUND");
    server.stop().await;
}
