//! Checks of client input; each error names the field as the client wrote it.

use crate::error::{ApiError, ApiResult};

/// A name: not blank, at most 200 characters. Returns it trimmed.
pub fn name(field: &str, value: &str) -> ApiResult<String> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Err(ApiError::bad_input(field, "must not be empty"));
    }
    if trimmed.chars().count() > 200 {
        return Err(ApiError::bad_input(field, "must be at most 200 characters"));
    }
    Ok(trimmed.to_owned())
}

/// A slug: 1 to 63 of `a-z`, `0-9` and `-`, starting and ending with a letter or digit.
pub fn slug(field: &str, value: &str) -> ApiResult<String> {
    let ok_chars = value
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    let ok_ends = !value.starts_with('-') && !value.ends_with('-');
    if value.is_empty() || value.len() > 63 || !ok_chars || !ok_ends {
        return Err(ApiError::bad_input(
            field,
            format!(
                "{value:?} is not a slug (1 to 63 of a-z, 0-9 and '-', not starting or ending with '-')"
            ),
        ));
    }
    Ok(value.to_owned())
}

/// An absolute http(s) URL.
pub fn url(field: &str, value: &str) -> ApiResult<String> {
    match url::Url::parse(value) {
        Ok(u) if (u.scheme() == "http" || u.scheme() == "https") && u.host().is_some() => {
            Ok(value.to_owned())
        }
        Ok(_) => Err(ApiError::bad_input(field, "must be an http or https URL")),
        Err(e) => Err(ApiError::bad_input(
            field,
            format!("{value:?} is not a URL: {e}"),
        )),
    }
}

/// A path the ESB consumes: starts with `/`, no spaces.
pub fn path(field: &str, value: &str) -> ApiResult<String> {
    if !value.starts_with('/') || value.chars().any(char::is_whitespace) {
        return Err(ApiError::bad_input(
            field,
            format!("{value:?} is not a path (it starts with '/' and has no spaces)"),
        ));
    }
    Ok(value.to_owned())
}

/// Keys of one list of key-value pairs: not blank, none twice.
pub fn keys<'a>(field: &str, keys: impl Iterator<Item = &'a str>) -> ApiResult<()> {
    let mut seen = std::collections::BTreeSet::new();
    for (i, key) in keys.enumerate() {
        if key.trim().is_empty() {
            return Err(ApiError::bad_input(
                format!("{field}[{i}].Key"),
                "must not be empty",
            ));
        }
        if !seen.insert(key) {
            return Err(ApiError::bad_input(
                format!("{field}[{i}].Key"),
                format!("{key:?} appears twice"),
            ));
        }
    }
    Ok(())
}
