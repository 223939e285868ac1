//! Building request fields from command-line flags.

use outpost_app::AppError;
use outpost_replica::Fields;
use serde_json::{json, Value};

/// Puts a text flag's value under `name` when the flag was given.
pub fn put(fields: &mut Fields, name: &str, value: &Option<String>) {
    if let Some(v) = value {
        fields.insert(name.into(), json!(v));
    }
}

/// Adds `--set NAME=VALUE` pairs: VALUE is read as JSON when it is JSON (numbers, true, null,
/// objects), else taken as text, so `--set metadata={"a":1}` and `--set title=Standup` both work.
pub fn set_pairs(fields: &mut Fields, pairs: &[String]) -> Result<(), AppError> {
    for pair in pairs {
        let (name, value) = pair.split_once('=').ok_or_else(|| {
            AppError::new(
                "invalid",
                format!("--set {pair:?}: write NAME=VALUE, e.g. --set locationName=Depot"),
            )
        })?;
        if name.is_empty() {
            return Err(AppError::new(
                "invalid",
                format!("--set {pair:?}: the field name is missing"),
            ));
        }
        let value = serde_json::from_str(value).unwrap_or_else(|_| Value::String(value.into()));
        fields.insert(name.into(), value);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_reads_json_or_text() {
        let mut f = Fields::new();
        set_pairs(
            &mut f,
            &[
                "title=Stand-up".into(),
                "isAllDay=true".into(),
                "metadata={\"a\":1}".into(),
                "note=a=b".into(),
            ],
        )
        .unwrap();
        assert_eq!(f["title"], "Stand-up");
        assert_eq!(f["isAllDay"], true);
        assert_eq!(f["metadata"]["a"], 1);
        assert_eq!(f["note"], "a=b");
        assert!(set_pairs(&mut f, &["nothing".into()]).is_err());
        assert!(set_pairs(&mut f, &["=x".into()]).is_err());
    }
}
