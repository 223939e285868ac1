//! Coalescing rules for the outbox, as pure functions over op drafts: several offline edits of
//! one record become one operation, so a push sends what changed, not every keystroke.
//!
//! - update + update = one update: the union of changed fields, latest values, and for each field
//!   the base value it had when it was first changed (a field edited back to its base drops out;
//!   an update left with no fields disappears);
//! - create + updates = one create with the merged fields (a status change too);
//! - create + ... + delete = nothing at all (the caller removes the row as well);
//! - update/action + delete = delete, with the base `updatedAt` of the first removed update;
//! - the same action twice in a row (status, respond) = the last one.

use serde_json::Value;

use crate::outbox::OpKind;
use crate::util::Fields;

/// The mutable part of a queued op.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct OpDraft {
    pub kind: OpKind,
    pub action: Option<String>,
    pub payload: Fields,
    pub base: Fields,
    pub base_updated_at: Option<String>,
}

/// Folds an update's changes into the last pending op of the record when the rules allow it.
/// Returns `None` when the update must be queued as an op of its own, otherwise the rewritten
/// op (`payload` empty for an update means the op cancels out and must be removed).
pub(crate) fn absorb_update(last: &OpDraft, changes: &Fields, base: &Fields) -> Option<OpDraft> {
    let mut merged = last.clone();
    match last.kind {
        OpKind::Create => {
            for (k, v) in changes {
                merged.payload.insert(k.clone(), v.clone());
            }
            Some(merged)
        }
        OpKind::Update => {
            for (k, v) in changes {
                if !merged.base.contains_key(k) {
                    merged
                        .base
                        .insert(k.clone(), base.get(k).cloned().unwrap_or(Value::Null));
                }
                merged.payload.insert(k.clone(), v.clone());
            }
            let reverted: Vec<String> = merged
                .payload
                .iter()
                .filter(|(k, v)| merged.base.get(*k) == Some(*v))
                .map(|(k, _)| k.clone())
                .collect();
            for k in reverted {
                merged.payload.remove(&k);
                merged.base.remove(&k);
            }
            Some(merged)
        }
        // An update after a delete cannot happen (the row is hidden); after an action it must
        // stay behind the action so the server sees them in the order they were made.
        OpKind::Delete | OpKind::Action => None,
    }
}

/// Folds an action into the last pending op when possible: a status change into a pending
/// create, or the same action again (the later body wins).
pub(crate) fn absorb_action(last: &OpDraft, name: &str, body: &Fields) -> Option<OpDraft> {
    match last.kind {
        OpKind::Create if name == "status" => {
            let mut merged = last.clone();
            for (k, v) in body {
                merged.payload.insert(k.clone(), v.clone());
            }
            Some(merged)
        }
        OpKind::Action if last.action.as_deref() == Some(name) => {
            let mut merged = last.clone();
            merged.payload = body.clone();
            Some(merged)
        }
        _ => None,
    }
}

/// What a delete does to the unfinished ops of a record.
#[derive(Debug, PartialEq)]
pub(crate) enum DeletePlan {
    /// The record never reached the server: drop every op and the row.
    Vanish,
    /// Drop the trailing pending ops listed (by index into the slice) and queue one delete
    /// based on `base_updated_at`.
    Replace {
        drop: Vec<usize>,
        base_updated_at: Option<String>,
    },
}

/// `ops` are the record's unfinished ops in order, each with whether it is still pending.
pub(crate) fn plan_delete(
    ops: &[(OpDraft, bool)],
    row_base_updated_at: Option<&str>,
) -> DeletePlan {
    if let Some((first, true)) = ops.first() {
        if first.kind == OpKind::Create {
            return DeletePlan::Vanish;
        }
    }
    let mut drop = Vec::new();
    for (i, (op, pending)) in ops.iter().enumerate().rev() {
        if !*pending || !matches!(op.kind, OpKind::Update | OpKind::Action) {
            break;
        }
        drop.push(i);
    }
    drop.reverse();
    let first_update_base = drop
        .iter()
        .map(|&i| &ops[i].0)
        .find(|op| op.kind == OpKind::Update)
        .and_then(|op| op.base_updated_at.clone());
    DeletePlan::Replace {
        drop,
        base_updated_at: first_update_base.or_else(|| row_base_updated_at.map(str::to_string)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn fields(v: Value) -> Fields {
        v.as_object().unwrap().clone()
    }

    fn draft(kind: OpKind, payload: Value, base: Value, at: Option<&str>) -> OpDraft {
        OpDraft {
            kind,
            action: None,
            payload: fields(payload),
            base: fields(base),
            base_updated_at: at.map(str::to_string),
        }
    }

    #[test]
    fn updates_merge_with_the_first_base() {
        let first = draft(
            OpKind::Update,
            json!({"title": "B"}),
            json!({"title": "A"}),
            Some("t1"),
        );
        let merged = absorb_update(
            &first,
            &fields(json!({"title": "C", "locationName": "Room 1"})),
            &fields(json!({"title": "B-ignored", "locationName": null})),
        )
        .unwrap();
        assert_eq!(
            merged.payload,
            fields(json!({"title": "C", "locationName": "Room 1"}))
        );
        assert_eq!(
            merged.base,
            fields(json!({"title": "A", "locationName": null}))
        );
        assert_eq!(merged.base_updated_at.as_deref(), Some("t1"));
    }

    #[test]
    fn an_edit_back_to_the_base_value_drops_the_field() {
        let first = draft(
            OpKind::Update,
            json!({"title": "B", "notes": "x"}),
            json!({"title": "A", "notes": null}),
            None,
        );
        let merged = absorb_update(&first, &fields(json!({"title": "A"})), &Fields::new()).unwrap();
        assert_eq!(merged.payload, fields(json!({"notes": "x"})));
        let merged =
            absorb_update(&merged, &fields(json!({"notes": null})), &Fields::new()).unwrap();
        assert!(merged.payload.is_empty());
    }

    #[test]
    fn updates_fold_into_a_create() {
        let create = draft(
            OpKind::Create,
            json!({"title": "A", "kind": "event"}),
            json!({}),
            None,
        );
        let merged =
            absorb_update(&create, &fields(json!({"title": "B"})), &Fields::new()).unwrap();
        assert_eq!(merged.kind, OpKind::Create);
        assert_eq!(
            merged.payload,
            fields(json!({"title": "B", "kind": "event"}))
        );
        let with_status =
            absorb_action(&merged, "status", &fields(json!({"status": "confirmed"}))).unwrap();
        assert_eq!(with_status.payload["status"], json!("confirmed"));
    }

    #[test]
    fn updates_do_not_jump_over_actions_or_deletes() {
        let action = OpDraft {
            action: Some("status".into()),
            ..draft(
                OpKind::Action,
                json!({"status": "confirmed"}),
                json!({}),
                None,
            )
        };
        assert!(absorb_update(&action, &fields(json!({"title": "x"})), &Fields::new()).is_none());
        let delete = draft(OpKind::Delete, json!({}), json!({}), None);
        assert!(absorb_update(&delete, &fields(json!({"title": "x"})), &Fields::new()).is_none());
    }

    #[test]
    fn the_same_action_keeps_only_the_last_body() {
        let respond = OpDraft {
            action: Some("respond".into()),
            ..draft(
                OpKind::Action,
                json!({"responseStatus": "accepted"}),
                json!({}),
                None,
            )
        };
        let merged = absorb_action(
            &respond,
            "respond",
            &fields(json!({"responseStatus": "declined"})),
        )
        .unwrap();
        assert_eq!(
            merged.payload,
            fields(json!({"responseStatus": "declined"}))
        );
        assert!(
            absorb_action(&respond, "status", &fields(json!({"status": "cancelled"}))).is_none()
        );
    }

    #[test]
    fn delete_plans() {
        let create = draft(OpKind::Create, json!({}), json!({}), None);
        let update = draft(OpKind::Update, json!({"a": 1}), json!({"a": 0}), Some("t1"));
        let update2 = draft(OpKind::Update, json!({"b": 1}), json!({"b": 0}), Some("t2"));
        assert_eq!(
            plan_delete(&[(create.clone(), true), (update.clone(), true)], None),
            DeletePlan::Vanish
        );
        // A create already sent cannot be cancelled: the delete follows it.
        assert_eq!(
            plan_delete(&[(create, false)], None),
            DeletePlan::Replace {
                drop: vec![],
                base_updated_at: None
            }
        );
        assert_eq!(
            plan_delete(
                &[(update.clone(), false), (update2.clone(), true)],
                Some("t0")
            ),
            DeletePlan::Replace {
                drop: vec![1],
                base_updated_at: Some("t2".into())
            }
        );
        assert_eq!(
            plan_delete(&[(update, true), (update2, true)], Some("t0")),
            DeletePlan::Replace {
                drop: vec![0, 1],
                base_updated_at: Some("t1".into())
            }
        );
        assert_eq!(
            plan_delete(&[], Some("t0")),
            DeletePlan::Replace {
                drop: vec![],
                base_updated_at: Some("t0".into())
            }
        );
    }
}
