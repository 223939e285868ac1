//! What every paged listing is checked for, whichever remote answers it.

use outpost_platform::PlatformError;
use serde_json::Value;

fn schema(what: &str, reason: &str) -> PlatformError {
    PlatformError::Schema {
        what: what.into(),
        reason: reason.into(),
    }
}

/// Notices a server that answers the same page for different offsets, which would otherwise
/// be paged for ever: each page is compared with the one before it (its length and its first
/// and last ids).
#[derive(Debug, Default)]
pub struct PageGuard {
    last: Option<(usize, String, String)>,
}

impl PageGuard {
    /// Checks the page read at `offset`, in listing order.
    pub fn check(
        &mut self,
        path: &str,
        offset: usize,
        rows: &[Value],
    ) -> Result<(), PlatformError> {
        let id = |row: Option<&Value>| {
            row.and_then(|r| r.get("id"))
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string()
        };
        let key = (rows.len(), id(rows.first()), id(rows.last()));
        if rows.is_empty() || key.1.is_empty() {
            // Nothing to compare (rows without ids are refused where they are read).
            self.last = None;
            return Ok(());
        }
        if self.last.as_ref() == Some(&key) {
            return Err(schema(
                path,
                &format!("the page at offset {offset} repeats the page before it"),
            ));
        }
        self.last = Some(key);
        Ok(())
    }
}
