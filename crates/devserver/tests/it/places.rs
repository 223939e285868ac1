//! Spaces and resources as managed objects over real HTTP: create, edit, promote, reorder,
//! delete; members of spaces and resources and what a space manager may do; resource move
//! requests from request to approval, rejection or cancellation.

use crate::common;

use common::*;
use serde_json::{json, Value};

async fn made(rig: &Rig, path: &str, body: Value) -> Value {
    let (s, b) = rig.as_admin(Method::POST, path, Some(body)).await;
    assert!(s == 201 || s == 200, "{path}: {s} {b}");
    b["data"].clone()
}

fn id(v: &Value) -> String {
    v["id"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn a_space_is_made_edited_promoted_reordered_and_deleted() {
    let rig = rig().await;
    let space = made(
        &rig,
        "/spaces",
        json!({ "name": "Annex", "homeLocation":
        { "latitude": 52.5, "longitude": 13.4 }, "language": "de-DE" }),
    )
    .await;
    let sid = id(&space);
    assert_eq!(space["tenantId"], acme().as_str());
    assert_eq!(space["homeLocation"]["latitude"], 52.5);
    let (_, list) = rig.as_admin(Method::GET, "/spaces?limit=200", None).await;
    let orders: Vec<u64> = list["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["customOrder"].as_u64().unwrap())
        .collect();
    assert_eq!(
        space["customOrder"].as_u64(),
        orders.iter().max().copied(),
        "last"
    );

    let path = format!("/spaces/{sid}");
    let (s, b) = rig
        .as_admin(Method::PATCH, &path, Some(json!({ "name": "East annex" })))
        .await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(b["data"]["name"], "East annex");
    assert_eq!(
        b["data"]["homeLocation"]["latitude"], 52.5,
        "unsent fields stay"
    );
    let (s, b) = rig
        .as_admin(Method::PATCH, &path, Some(json!({ "language": "german" })))
        .await;
    assert_names_field(s, &b, "language");
    let window = json!({ "promotionType": "Effect2", "promotionStartDate": "2030-01-02T00:00:00Z",
                         "promotionEndDate": "2030-01-01T00:00:00Z" });
    let (s, b) = rig
        .as_admin(Method::PATCH, &format!("{path}/promotion"), Some(window))
        .await;
    assert_names_field(s, &b, "promotionEndDate");
    let (s, b) = rig
        .as_admin(
            Method::POST,
            &format!("/spaces/{}/order-top", id(&list["data"][0])),
            None,
        )
        .await;
    assert_eq!(s, 200);
    assert!(b["data"]["customOrder"].as_u64() > space["customOrder"].as_u64());

    let resource = made(
        &rig,
        "/resources",
        json!({ "name": "Ladder", "spaceId": sid }),
    )
    .await;
    assert_eq!(resource["current_space_name"], "East annex");
    let (s, b) = rig.as_admin(Method::DELETE, &path, None).await;
    assert_eq!((s, &b["error"]), (422, &json!("SPACE_NOT_EMPTY")));
    let (s, b) = rig
        .as_admin(
            Method::POST,
            &format!("/resources/{}/detach", id(&resource)),
            None,
        )
        .await;
    assert_eq!(s, 200);
    assert_eq!(b["data"]["space_id"], Value::Null);
    let (s, _) = rig.as_admin(Method::DELETE, &path, None).await;
    assert_eq!(s, 204);
    let (s, _) = rig.as_admin(Method::GET, &path, None).await;
    assert_eq!(s, 404);
    assert_eq!(
        rig.audit_of(&sid).await,
        ["created space", "updated space", "deleted space"]
    );
}

#[tokio::test]
async fn references_must_exist_and_only_admins_make_and_delete() {
    let rig = rig().await;
    let stranger = uuid::Uuid::new_v4().to_string();
    let (s, b) = rig
        .as_admin(
            Method::POST,
            "/resources",
            Some(json!({ "name": "Lost", "spaceId": stranger })),
        )
        .await;
    assert_names_field(s, &b, "spaceId");
    let (s, b) = rig
        .as_admin(
            Method::POST,
            "/spaces",
            Some(json!({ "name": "Tagged", "tag_ids": [stranger] })),
        )
        .await;
    assert_names_field(s, &b, "tag_ids[0]");
    let (s, b) = rig
        .as_admin(Method::POST, "/spaces", Some(json!({ "name": "x" })))
        .await;
    assert_names_field(s, &b, "name");
    let (_, member) = rig.member_with_role("member").await;
    let (s, _) = rig
        .secure(
            &member,
            Some(&acme()),
            Method::POST,
            "/spaces",
            Some(json!({ "name": "Mine" })),
        )
        .await;
    assert_eq!(s, 403);
    let (_, spaces) = rig.as_admin(Method::GET, "/spaces", None).await;
    let sid = id(&spaces["data"][0]);
    let (s, _) = rig
        .secure(
            &member,
            Some(&acme()),
            Method::PATCH,
            &format!("/spaces/{sid}"),
            Some(json!({ "description": "Mine" })),
        )
        .await;
    assert_eq!(s, 403, "not a manager of it");
}

#[tokio::test]
async fn a_space_manager_runs_the_space_its_resources_and_their_members() {
    let rig = rig().await;
    let (member_id, member) = rig.member_with_role("member").await;
    let space = made(&rig, "/spaces", json!({ "name": "Workshop" })).await;
    let sid = id(&space);
    let resource = made(
        &rig,
        "/resources",
        json!({ "name": "Lathe", "spaceId": sid }),
    )
    .await;
    let rid = id(&resource);
    let can_write = |token: String| {
        let path = format!("/iam/can?entityType=resource&entityId={rid}&action=write");
        let rig = &rig;
        async move {
            rig.secure(&token, Some(&acme()), Method::GET, &path, None)
                .await
                .1
        }
    };
    assert_eq!(can_write(member.clone()).await["allowed"], false);

    let body = json!({ "userId": member_id, "role": "manager" });
    let (s, b) = rig
        .as_admin(Method::POST, &format!("/spaces/{sid}/members"), Some(body))
        .await;
    assert_eq!(s, 201, "{b}");
    assert_eq!(b["data"]["role"], "manager");
    assert_eq!(can_write(member.clone()).await["allowed"], true);
    let (_, mine) = rig
        .secure(&member, Some(&acme()), Method::GET, "/iam/me/spaces", None)
        .await;
    assert!(mine["data"]
        .as_array()
        .unwrap()
        .iter()
        .any(|m| m["space_id"] == sid.as_str()));

    // As manager: edit the resource, add a reader by address, remove them again.
    let (s, _) = rig
        .secure(
            &member,
            Some(&acme()),
            Method::PATCH,
            &format!("/resources/{rid}"),
            Some(json!({ "description": "Oiled" })),
        )
        .await;
    assert_eq!(s, 200);
    let admin_email = outpost_devserver::demo::ADMIN_EMAIL;
    let (s, _) = rig
        .secure(
            &member,
            Some(&acme()),
            Method::POST,
            &format!("/resources/{rid}/members"),
            Some(json!({ "emails": [admin_email] })),
        )
        .await;
    assert_eq!(s, 200);
    let (_, members) = rig
        .as_admin(Method::GET, &format!("/resources/{rid}/members"), None)
        .await;
    assert_eq!(members["data"][0]["email"], admin_email);
    assert_eq!(members["data"][0]["role"], "reader");
    let (s, b) = rig
        .as_admin(
            Method::POST,
            &format!("/resources/{rid}/members"),
            Some(json!({ "emails": ["nobody@example.com"] })),
        )
        .await;
    assert_names_field(s, &b, "emails[0]");
    let admin = outpost_devserver::demo::admin_id();
    let (s, _) = rig
        .secure(
            &member,
            Some(&acme()),
            Method::DELETE,
            &format!("/resources/{rid}/members/{admin}"),
            None,
        )
        .await;
    assert_eq!(s, 204);
    // Still not an admin of the tenant: no deleting.
    let (s, _) = rig
        .secure(
            &member,
            Some(&acme()),
            Method::DELETE,
            &format!("/resources/{rid}"),
            None,
        )
        .await;
    assert_eq!(s, 403);

    let (s, _) = rig
        .as_admin(
            Method::DELETE,
            &format!("/spaces/{sid}/members/{member_id}"),
            None,
        )
        .await;
    assert_eq!(s, 204);
    assert_eq!(can_write(member).await["allowed"], false);
}

#[tokio::test]
async fn move_requests_are_approved_rejected_or_cancelled_once() {
    let rig = rig().await;
    let (_, member) = rig.member_with_role("member").await;
    let from = made(&rig, "/spaces", json!({ "name": "Yard" })).await;
    let to = made(&rig, "/spaces", json!({ "name": "Garage" })).await;
    let resource = made(
        &rig,
        "/resources",
        json!({ "name": "Trailer", "spaceId": id(&from) }),
    )
    .await;
    let rid = id(&resource);
    let ask = |token: String, target: String| {
        let rig = &rig;
        let path = format!("/resources/{rid}/move");
        async move {
            let body = json!({ "targetSpaceId": target, "reason": "Closer to the road" });
            rig.secure(&token, Some(&acme()), Method::POST, &path, Some(body))
                .await
        }
    };
    let (s, b) = ask(member.clone(), id(&from)).await;
    assert_names_field(s, &b, "targetSpaceId");
    let (s, request) = ask(member.clone(), id(&to)).await;
    assert_eq!(s, 201, "{request}");
    assert_eq!(request["data"]["status"], "pending");
    assert_eq!(request["data"]["source_space_name"], "Yard");
    let req = request["data"]["id"].as_str().unwrap().to_string();
    let (_, pending) = rig
        .as_admin(
            Method::GET,
            &format!("/resources/resource-requests?status=pending&resourceId={rid}"),
            None,
        )
        .await;
    assert_eq!(pending["data"].as_array().unwrap().len(), 1);

    let decide = |what: &str| format!("/resources/resource-requests/{req}/{what}");
    let (s, _) = rig
        .secure(
            &member,
            Some(&acme()),
            Method::POST,
            &decide("approve"),
            None,
        )
        .await;
    assert_eq!(s, 403, "a member who does not manage the target space");
    let (s, b) = rig.as_admin(Method::POST, &decide("approve"), None).await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(b["data"]["status"], "approved");
    let (_, moved) = rig
        .as_admin(Method::GET, &format!("/resources/{rid}"), None)
        .await;
    assert_eq!(moved["data"]["space_id"], id(&to).as_str());
    assert_eq!(moved["data"]["current_space_name"], "Garage");
    let (s, b) = rig
        .as_admin(
            Method::POST,
            &decide("reject"),
            Some(json!({ "rejectionReason": "Too late" })),
        )
        .await;
    assert_eq!((s, &b["error"]), (422, &json!("INVALID_TRANSITION")));

    let (_, second) = ask(member.clone(), id(&from)).await;
    let second = second["data"]["id"].as_str().unwrap().to_string();
    let path = format!("/resources/resource-requests/{second}/reject");
    let (s, b) = rig
        .as_admin(Method::POST, &path, Some(json!({ "rejectionReason": "" })))
        .await;
    assert_names_field(s, &b, "rejectionReason");
    let (s, b) = rig
        .as_admin(
            Method::POST,
            &path,
            Some(json!({ "rejectionReason": "Stay" })),
        )
        .await;
    assert_eq!(s, 200);
    assert_eq!(b["data"]["rejection_reason"], "Stay");

    let (_, third) = ask(member.clone(), id(&from)).await;
    let third = third["data"]["id"].as_str().unwrap().to_string();
    let (s, _) = rig
        .secure(
            &member,
            Some(&acme()),
            Method::DELETE,
            &format!("/resources/resource-requests/{third}"),
            None,
        )
        .await;
    assert_eq!(s, 204, "the requester cancels");
    let (_, all) = rig
        .as_admin(
            Method::GET,
            &format!("/resources/resource-requests?resourceId={rid}"),
            None,
        )
        .await;
    let states: Vec<&str> = all["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["status"].as_str().unwrap())
        .collect();
    assert_eq!(states, ["approved", "rejected", "cancelled"]);
    assert_eq!(
        rig.audit_of(&req).await,
        [
            "created resource_move_request",
            "approved resource_move_request"
        ]
    );
}
