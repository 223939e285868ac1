//! The tenant lifecycle of the seed, as pure rules: which status (and plan) each action leads
//! to from which status. The seed names the moves in its summaries:
//! activate "pending → trial, or inactive → active", suspend "active → inactive", reactivate
//! "inactive → active", archive "inactive → retired", upgrade "trial → paid → enterprise".
//!
//! Decisions where the seed is silent:
//! - "pending → trial" names the plan a pending tenant starts on: activating one makes it
//!   `active` on the `trial` plan.
//! - An upgrade goes to any plan above the current one (trial → enterprise in one step too),
//!   never down or sideways; `system` tenants have no plan to upgrade, retired ones are closed.
//! - A PATCH of `status` may make any move an action could make, plus active ⇄ maintenance
//!   (the seed has a maintenance status and no action leading to or from it).
//! - Any other move is refused with 422 `INVALID_TRANSITION`, naming the statuses: the seed
//!   documents no 409 for these routes, and 422 is its "valid request, cannot be processed".

use axum::http::StatusCode;
use serde_json::json;

use crate::error::ApiError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Activate,
    Suspend,
    Reactivate,
    Archive,
    Upgrade,
}

impl Action {
    pub fn name(self) -> &'static str {
        match self {
            Action::Activate => "activate",
            Action::Suspend => "suspend",
            Action::Reactivate => "reactivate",
            Action::Archive => "archive",
            Action::Upgrade => "upgrade",
        }
    }

    /// The statuses the action starts from, for the refusal's message.
    fn allowed_from(self) -> &'static [&'static str] {
        match self {
            Action::Activate => &["pending", "inactive"],
            Action::Suspend => &["active"],
            Action::Reactivate | Action::Archive => &["inactive"],
            Action::Upgrade => &["active", "inactive", "maintenance", "pending"],
        }
    }
}

/// Plans in upgrade order; `system` is outside the ladder.
const PLAN_LADDER: &[&str] = &["trial", "paid", "enterprise"];

/// A tenant's (status, plan) after a move.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct State {
    pub status: String,
    pub plan: String,
}

fn refused(message: String, details: serde_json::Value) -> ApiError {
    let mut e = ApiError::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        "INVALID_TRANSITION",
        message,
    );
    e.details = Some(details);
    e
}

/// Where `action` takes a tenant in `from`; `target_plan` is the upgrade's `target_type`.
pub fn apply(action: Action, from: &State, target_plan: Option<&str>) -> Result<State, ApiError> {
    let to_status = match (action, from.status.as_str()) {
        (Action::Activate, "pending") => "active",
        (Action::Activate | Action::Reactivate, "inactive") => "active",
        (Action::Suspend, "active") => "inactive",
        (Action::Archive, "inactive") => "retired",
        (Action::Upgrade, s) if s != "retired" => s,
        (_, status) => {
            return Err(refused(
                format!(
                    "Cannot {} a tenant that is {status}; {} applies to a tenant that is {}",
                    action.name(),
                    action.name(),
                    action.allowed_from().join(" or ")
                ),
                json!({ "action": action.name(), "status": status, "allowedFrom": action.allowed_from() }),
            ))
        }
    };
    let plan = match action {
        Action::Activate if from.status == "pending" => "trial".to_string(),
        Action::Upgrade => upgraded_plan(&from.plan, target_plan.unwrap_or_default())?,
        _ => from.plan.clone(),
    };
    Ok(State {
        status: to_status.to_string(),
        plan,
    })
}

fn upgraded_plan(from: &str, target: &str) -> Result<String, ApiError> {
    let rank = |p: &str| PLAN_LADDER.iter().position(|x| *x == p);
    match (rank(from), rank(target)) {
        (Some(a), Some(b)) if b > a => Ok(target.to_string()),
        _ => Err(refused(
            format!(
                "Cannot upgrade a {from} tenant to {target}: upgrades go trial → paid → enterprise"
            ),
            json!({ "action": "upgrade", "type": from, "targetType": target }),
        )),
    }
}

/// Whether a PATCH may set `to` on a tenant that is `from` (see the module's decisions).
pub fn patch_allows(from: &str, to: &str) -> Result<(), ApiError> {
    let by_action = [
        Action::Activate,
        Action::Suspend,
        Action::Reactivate,
        Action::Archive,
    ]
    .iter()
    .any(|a| {
        let state = State {
            status: from.to_string(),
            plan: "trial".to_string(),
        };
        apply(*a, &state, None).is_ok_and(|s| s.status == to)
    });
    let maintenance = matches!(
        (from, to),
        ("active", "maintenance") | ("maintenance", "active")
    );
    if from == to || by_action || maintenance {
        return Ok(());
    }
    Err(refused(
        format!("status: a tenant that is {from} cannot become {to}"),
        json!({ "field": "status", "from": from, "to": to }),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(status: &str, plan: &str) -> State {
        State {
            status: status.into(),
            plan: plan.into(),
        }
    }

    #[test]
    fn the_seed_moves_are_allowed() {
        let cases = [
            (
                Action::Activate,
                at("pending", "paid"),
                at("active", "trial"),
            ),
            (
                Action::Activate,
                at("inactive", "paid"),
                at("active", "paid"),
            ),
            (
                Action::Suspend,
                at("active", "paid"),
                at("inactive", "paid"),
            ),
            (
                Action::Reactivate,
                at("inactive", "paid"),
                at("active", "paid"),
            ),
            (
                Action::Archive,
                at("inactive", "paid"),
                at("retired", "paid"),
            ),
        ];
        for (action, from, to) in cases {
            assert_eq!(apply(action, &from, None).unwrap(), to, "{action:?}");
        }
        let up = apply(Action::Upgrade, &at("active", "trial"), Some("paid")).unwrap();
        assert_eq!(up, at("active", "paid"));
        let up = apply(Action::Upgrade, &up, Some("enterprise")).unwrap();
        assert_eq!(up, at("active", "enterprise"));
    }

    #[test]
    fn other_moves_are_refused_with_422() {
        for (action, from) in [
            (Action::Suspend, at("inactive", "paid")),
            (Action::Suspend, at("retired", "paid")),
            (Action::Reactivate, at("active", "paid")),
            (Action::Archive, at("active", "paid")),
            (Action::Activate, at("active", "paid")),
            (Action::Activate, at("retired", "paid")),
        ] {
            let e = apply(action, &from, None).unwrap_err();
            assert_eq!(e.status, StatusCode::UNPROCESSABLE_ENTITY);
            assert_eq!(e.code, "INVALID_TRANSITION");
            assert!(e.message.contains(&from.status), "{}", e.message);
        }
        for (from, target) in [
            (at("active", "enterprise"), "paid"),
            (at("active", "paid"), "paid"),
            (at("active", "system"), "enterprise"),
            (at("retired", "trial"), "paid"),
        ] {
            assert!(apply(Action::Upgrade, &from, Some(target)).is_err());
        }
    }

    #[test]
    fn patch_follows_the_same_moves_plus_maintenance() {
        assert!(patch_allows("active", "inactive").is_ok());
        assert!(patch_allows("inactive", "retired").is_ok());
        assert!(patch_allows("active", "maintenance").is_ok());
        assert!(patch_allows("maintenance", "active").is_ok());
        assert!(patch_allows("active", "active").is_ok());
        assert!(patch_allows("retired", "active").is_err());
        assert!(patch_allows("active", "retired").is_err());
        assert!(patch_allows("active", "pending").is_err());
    }
}
