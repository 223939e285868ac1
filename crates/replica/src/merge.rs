//! The three-way merge of one record: base (what the local edit started from), the local
//! changes, and the remote version.

use serde::Serialize;

use crate::util::Fields;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MergeOutcome {
    /// The remote version with every local change that merges cleanly.
    pub merged: Fields,
    /// The local changes the server does not have yet (what the next PATCH sends).
    pub to_send: Fields,
    /// Fields changed on both sides to different values.
    pub conflicts: Vec<String>,
}

/// Fields changed on one side only merge silently; the same field changed to different values
/// on both sides is a conflict; the same change on both sides needs nothing sent.
pub fn three_way(base: &Fields, local_changes: &Fields, remote: &Fields) -> MergeOutcome {
    let mut merged = remote.clone();
    let mut to_send = Fields::new();
    let mut conflicts = Vec::new();
    for (key, mine) in local_changes {
        let theirs = remote.get(key);
        if theirs == Some(mine) {
            continue;
        }
        let remote_unchanged = theirs == base.get(key)
            || (theirs.is_none() && base.get(key).is_none_or(|b| b.is_null()));
        if remote_unchanged {
            merged.insert(key.clone(), mine.clone());
            to_send.insert(key.clone(), mine.clone());
        } else {
            conflicts.push(key.clone());
        }
    }
    MergeOutcome {
        merged,
        to_send,
        conflicts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    fn obj(v: Value) -> Fields {
        v.as_object().unwrap().clone()
    }

    #[test]
    fn one_sided_changes_merge_and_clashes_conflict() {
        let base = obj(json!({"title": "A", "locationName": "R1", "description": "d"}));
        let mine = obj(json!({"title": "Mine", "locationName": "R2", "description": "same"}));
        let remote = obj(
            json!({"title": "Theirs", "locationName": "R1", "description": "same", "status": "confirmed"}),
        );
        let out = three_way(&base, &mine, &remote);
        assert_eq!(out.conflicts, vec!["title".to_string()]);
        assert_eq!(out.to_send, obj(json!({"locationName": "R2"})));
        assert_eq!(out.merged["locationName"], json!("R2"));
        assert_eq!(out.merged["status"], json!("confirmed"));
        assert_eq!(out.merged["title"], json!("Theirs"));
    }
}
