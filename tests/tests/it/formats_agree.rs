//! The replica's local check of a contact's `email` and `url` against the devserver's, over
//! HTTP: for each value of a table of ordinary and edge-case addresses, both must accept it or
//! both refuse it. A value the replica accepts and the server refuses is an edit that fails
//! with 422 at the next sync instead of being refused where it was typed; one the replica
//! refuses and the server accepts is an address the user cannot save although it is valid.
//! The two checks are written separately from the seed's definitions (RFC 5321 `Mailbox`,
//! RFC 3986 `URI`), so each row also states the verdict those RFCs give, and both must give it.

use outpost_devserver::{demo, DemoOptions, DevServerConfig, RunningServer};
use serde_json::{json, Map, Value};

/// (email, valid by RFC 5321 §4.1.2 with the size limits of §4.5.3.1)
fn emails() -> Vec<(String, bool)> {
    let domain_255 = vec!["b".repeat(63); 4].join(".");
    let fixed: &[(&str, bool)] = &[
        ("anna.mueller@example.co.uk", true),
        ("user@localhost", true),
        ("first.last+tag@mail.example.org", true),
        ("!#$%&'*+-/=?^_`{|}~@example.com", true),
        ("\"quoted local\"@example.com", true),
        ("\"a@b\"@example.com", true),
        ("\"a\\\"b\"@example.com", true),
        ("\"\"@example.com", true),
        ("\"a..b\"@example.com", true),
        ("user@123.example", true),
        ("user@x-1.example", true),
        ("user@[127.0.0.1]", true),
        ("user@[IPv6:2001:db8::1]", true),
        ("user@[IPv6:1:2:3:4:5:6:7:8]", true),
        ("user@[IPv6:::ffff:192.0.2.1]", true),
        // RFC 5234 §2.3: ABNF strings are case-insensitive, so the tag may be lower case.
        ("user@[ipv6:::1]", true),
        // `Snum = 1*3DIGIT`: leading zeros are allowed in a mail address literal.
        ("user@[010.0.0.1]", true),
        ("user@[IPv6:::1.2.3.04]", true),
        ("", false),
        ("anna", false),
        ("@example.com", false),
        ("anna@", false),
        ("a@b@example.com", false),
        ("a..b@example.com", false),
        (".a@example.com", false),
        ("a.@example.com", false),
        ("an na@example.com", false),
        ("a@example..com", false),
        ("a@example.com.", false),
        ("a@-example.com", false),
        ("a@example-.com", false),
        ("a@exa_mple.com", false),
        ("ü@example.com", false),
        ("a@müller.de", false),
        ("Name <a@example.com>", false),
        ("\"a\"b\"@example.com", false),
        ("\"ü\"@example.com", false),
        ("user@[999.0.0.1]", false),
        ("user@[1.2.3]", false),
        ("user@[::1]", false),
        ("user@[IPv6:1::2::3]", false),
        // RFC 5321 §4.1.3: the "::" stands for at least two groups, so at most 6 are written
        // around it (4 with an IPv4 tail); an IPv6 parser takes it for one.
        ("user@[IPv6:1:2:3:4:5:6:7::]", false),
        ("user@[IPv6:1:2:3:4:5::192.0.2.1]", false),
        ("user@[tag:anything]", false),
        ("a@example.com\n", false),
        ("\"tab\there\"@example.com", false),
    ];
    let mut all: Vec<(String, bool)> = fixed.iter().map(|(s, v)| (s.to_string(), *v)).collect();
    all.extend([
        (format!("{}@example.com", "a".repeat(64)), true),
        (format!("{}@example.com", "a".repeat(65)), false),
        (format!("a@{domain_255}"), true),
        (format!("a@c{domain_255}"), false),
    ]);
    all
}

/// (url, an absolute URI by RFC 3986 §3)
const URIS: &[(&str, bool)] = &[
    ("https://example.com/x", true),
    ("HTTPS://EXAMPLE.COM", true),
    ("https://example.com/a?b=1&c=%20#frag", true),
    ("http://user:pw@example.com:8080/p;x=1", true),
    ("file:///etc/hosts", true),
    ("http://[::1]:8080/", true),
    ("http://[2001:db8::192.0.2.1]/", true),
    ("mailto:a@b.c", true),
    ("tel:+1-555-0100", true),
    ("urn:isbn:0451450523", true),
    ("a+b-c.d:x", true),
    ("x:", true),
    ("https://example.com/%C3%A4", true),
    ("", false),
    (":", false),
    ("example.com", false),
    ("/relative/path", false),
    ("://x", false),
    ("1http://x", false),
    ("http://a b", false),
    ("http://a<b", false),
    ("http://example.com/a|b", false),
    ("http://example.com/{x}", false),
    ("http://example.com/a^b", false),
    ("http://example.com/ä", false),
    ("https://müller.de", false),
    ("http://example.com/%zz", false),
    ("http://[1:2:3:4:5:6:7::]/", true),
    ("http://[v1.fe80::a+en1]/", true),
    ("http:///only/a/path", true),
    ("http://example.com/\n", false),
    ("https:", true),
    // RFC 3986 is a grammar, not a character set: these are made of URI characters only but
    // have a second "#", an unclosed or misplaced "[", a port with letters, a second "@" in
    // the authority, an IPv4 address or a zone identifier (RFC 6874, not 3986) in brackets, or
    // an IPv4 tail with a leading zero.
    ("http://a#b#c", false),
    ("http://[::1", false),
    ("http://[::1]x", false),
    ("http://ex[ample].com/", false),
    ("x:[", false),
    ("http://example.com:80a/", false),
    ("http://a@b@c/", false),
    ("http://[1.2.3.4]/", false),
    ("http://[::1%25eth0]/", false),
    ("http://[::01.2.3.4]/", false),
];

async fn token(http: &reqwest::Client, server: &RunningServer) -> String {
    let res: Value = http
        .post(format!("{}/api/v1/public/auth/login", server.base_url()))
        .json(&json!({ "email": demo::ADMIN_EMAIL, "password": demo::ADMIN_PASSWORD }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    res["accessToken"]
        .as_str()
        .unwrap_or_else(|| panic!("no token in {res}"))
        .to_string()
}

/// The devserver's verdict on a contact of just `field: value`: accepted (201) or refused as
/// invalid naming that field (422); any other answer fails the test.
async fn server_accepts(
    http: &reqwest::Client,
    server: &RunningServer,
    token: &str,
    field: &str,
    value: &str,
) -> bool {
    let res = http
        .post(format!("{}/api/v1/secure/contacts", server.base_url()))
        .bearer_auth(token)
        .header("X-Tenant-ID", demo::tenant_id("acme-field"))
        .json(&json!({ field: value }))
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    let body: Value = res.json().await.unwrap_or(Value::Null);
    match status {
        201 => true,
        422 => {
            let text = body.to_string();
            assert!(
                text.contains("VALIDATION_ERROR") && text.contains(&format!("\"{field}\"")),
                "{field} {value:?}: a 422 that does not name the field: {text}"
            );
            false
        }
        _ => panic!("{field} {value:?}: unexpected {status} {body}"),
    }
}

/// The replica's verdict on the same contact; a refusal must name the field.
fn replica_accepts(field: &str, value: &str) -> bool {
    let mut fields = Map::new();
    fields.insert(field.to_string(), Value::String(value.to_string()));
    match outpost_replica::validation::contact_create(&fields) {
        Ok(()) => true,
        Err(e) => {
            assert_eq!(e.field(), Some(field), "{field} {value:?}: {e}");
            false
        }
    }
}

fn verdict(accepts: bool) -> &'static str {
    if accepts {
        "accepts"
    } else {
        "refuses"
    }
}

#[tokio::test]
async fn replica_and_devserver_agree_on_emails_and_urls() {
    let server = outpost_devserver::start(DevServerConfig {
        demo: Some(DemoOptions::default()),
        ..DevServerConfig::default()
    })
    .await
    .unwrap();
    let http = reqwest::Client::new();
    let token = token(&http, &server).await;

    let rows: Vec<(&str, String, bool)> = emails()
        .into_iter()
        .map(|(v, ok)| ("email", v, ok))
        .chain(URIS.iter().map(|(v, ok)| ("url", v.to_string(), *ok)))
        .collect();
    // Every row is checked before failing, so one run lists every disagreement.
    let mut wrong = Vec::new();
    for (field, value, valid) in &rows {
        let replica = replica_accepts(field, value);
        let server_says = server_accepts(&http, &server, &token, field, value).await;
        if replica != server_says || replica != *valid {
            wrong.push(format!(
                "{field} {value:?}: the RFC says {}, the replica {}, the devserver {}",
                if *valid { "valid" } else { "invalid" },
                verdict(replica),
                verdict(server_says),
            ));
        }
    }
    server.shutdown().await.unwrap();
    assert!(
        wrong.is_empty(),
        "{} of {} values are judged wrongly:\n{}",
        wrong.len(),
        rows.len(),
        wrong.join("\n")
    );
}
