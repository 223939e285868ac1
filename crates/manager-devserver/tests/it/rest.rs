//! The seed's REST routes for the Proxy and for backends: machine-user validation and check,
//! register-backend, validate-proxy-auth, frontend-config; errors in the seed's REST body.

use serde_json::{json, Value};

use crate::common::{self, Server};

async fn machine_token(server: &Server, username: &str) -> (String, String) {
    let made = server
        .ok(
            r#"mutation($u: String!) { createMachineUserWithCredentials(tenantId: "tenant-uuid",
                input: { name: "Svc", username: $u, hashedKey: "__GENERATE_TOKEN__" }) {
                generatedToken machineUser { id } } }"#,
            json!({ "u": username }),
        )
        .await;
    let m = &made["createMachineUserWithCredentials"];
    (
        m["generatedToken"].as_str().unwrap().to_owned(),
        m["machineUser"]["id"].as_str().unwrap().to_owned(),
    )
}

/// Status and body of a REST answer.
async fn answer(res: reqwest::Response) -> (u16, Value) {
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

fn is_rest_error(body: &Value, status: u16, code: &str) {
    assert_eq!(body["status"], status, "{body}");
    assert_eq!(body["code"], code, "{body}");
    assert!(
        body["error"].as_str().is_some_and(|e| !e.is_empty()),
        "{body}"
    );
}

#[tokio::test]
async fn machine_users_are_validated_and_checked() {
    let server = common::examples().await;
    let (token, id) = machine_token(&server, "proxy-svc").await;
    let post = |body: Value| {
        server
            .http
            .post(server.url("/api/validate-machine-user"))
            .json(&body)
            .send()
    };
    let (status, body) = answer(
        post(json!({ "username": "proxy-svc", "token": token }))
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(
        body,
        json!({ "valid": true, "tenantId": "tenant-uuid", "machineUserId": id })
    );
    let (status, body) = answer(
        post(json!({ "username": "proxy-svc", "token": "wrong" }))
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 401);
    is_rest_error(&body, 401, "INVALID_CREDENTIALS");
    let (status, body) = answer(post(json!({ "username": 5 })).await.unwrap()).await;
    assert_eq!(status, 400);
    is_rest_error(&body, 400, "BAD_REQUEST");

    let check = |auth: String| {
        server
            .http
            .get(server.url("/api/machine/check"))
            .header("Authorization", auth)
            .send()
    };
    let (status, body) = answer(check(format!("Bearer {token}")).await.unwrap()).await;
    assert_eq!(
        (status, &body),
        (
            200,
            &json!({ "authenticated": true, "machineUserId": id, "tenantId": "tenant-uuid" })
        )
    );
    let (status, body) = answer(check("Bearer mmu_wrong".into()).await.unwrap()).await;
    assert_eq!(status, 401);
    is_rest_error(&body, 401, "INVALID_CREDENTIALS");
    let (status, body) = answer(check(format!("Bearer {}", server.token)).await.unwrap()).await;
    assert_eq!(status, 403, "a person is not a machine user");
    is_rest_error(&body, 403, "FORBIDDEN");
    server.stop().await;
}

#[tokio::test]
async fn a_machine_user_registers_its_backend_once_per_name() {
    let server = common::examples().await;
    let (token, id) = machine_token(&server, "payments").await;
    let register = |body: Value| {
        server
            .http
            .post(server.url("/api/machine/register-backend"))
            .header("Authorization", format!("Bearer {token}"))
            .json(&body)
            .send()
    };
    let body = json!({ "name": "Payment Service", "callbackUrl": "https://payment.example.com/triggers/callback", "description": "Handles payment processing triggers" });
    let (status, first) = answer(register(body.clone()).await.unwrap()).await;
    assert_eq!(status, 200);
    assert_eq!(first["machineUserId"], id);
    assert_eq!(
        first["callbackUrl"],
        "https://payment.example.com/triggers/callback"
    );
    let (_, again) = answer(register(body).await.unwrap()).await;
    assert_eq!(
        again["id"], first["id"],
        "the same name is the same backend"
    );
    let (status, bad) = answer(
        register(json!({ "name": "X", "callbackUrl": "not a url" }))
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 400);
    is_rest_error(&bad, 400, "BAD_USER_INPUT");
    assert!(
        bad["error"].as_str().unwrap().starts_with("callbackUrl"),
        "{bad}"
    );
    let audit = server
        .ok(r#"{ auditLogs(projectID: "project-uuid", filters: [{ field: "entityType", value: "backend" }]) { action metadata } }"#, json!({}))
        .await;
    let actions: Vec<&Value> = audit["auditLogs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| &a["action"])
        .collect();
    assert_eq!(actions, [&json!("create"), &json!("update")]);
    assert_eq!(audit["auditLogs"][0]["metadata"]["machineUserId"], id);
    server.stop().await;
}

#[tokio::test]
async fn the_proxy_validates_a_users_token() {
    let server = common::examples().await;
    let post = |token: &str| {
        server
            .http
            .post(server.url("/api/validate-proxy-auth"))
            .json(&json!({ "token": token }))
            .send()
    };
    let (status, body) = answer(post(&server.token).await.unwrap()).await;
    assert_eq!(
        (status, body),
        (
            200,
            json!({ "valid": true, "userId": "admin-uuid", "username": "admin" })
        )
    );
    let (status, body) = answer(post("mpat_nobody").await.unwrap()).await;
    assert_eq!(status, 401);
    is_rest_error(&body, 401, "INVALID_CREDENTIALS");
    server.stop().await;
}

#[tokio::test]
async fn frontend_config_is_the_applications_effective_frontend_settings() {
    let server = common::examples().await;
    // The project sets themes, locales and defaults; the application adds its own theme.
    server
        .ok(
            r#"mutation { createFrontendSettings(input: { applicationID: "app-uuid",
                moduleConfig: { DefaultTheme: "dark", EnabledModules: ["dashboard"],
                KeyValuePairs: [{ Key: "feature_flag", Value: "true" }] } }) { id } }"#,
            json!({}),
        )
        .await;
    let res = server
        .http
        .get(server.url("/api/frontend-config/app-uuid"))
        .send()
        .await
        .unwrap();
    let (status, body) = answer(res).await;
    assert_eq!(status, 200);
    assert_eq!(
        body,
        json!({
            "applicationId": "app-uuid",
            "moduleConfig": {
                "EnabledModules": ["dashboard"],
                "EnabledThemes": ["light", "dark"],
                "DefaultTheme": "dark",
                "EnabledLocales": ["en"],
                "DefaultLocale": "en",
                "KeyValuePairs": [{ "Key": "feature_flag", "Value": "true" }],
            }
        })
    );
    let res = server
        .http
        .get(server.url("/api/frontend-config/no-such-app"))
        .send()
        .await
        .unwrap();
    let (status, body) = answer(res).await;
    assert_eq!(status, 404);
    is_rest_error(&body, 404, "NOT_FOUND");
    server.stop().await;
}

#[tokio::test]
async fn graphiql_explores_the_schema_at_gql() {
    let server = common::examples().await;
    let page = server.http.get(server.url("/gql")).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(
        html.contains("graphiql") && html.contains("/query"),
        "{html}"
    );
    server.stop().await;
}
