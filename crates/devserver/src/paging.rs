//! Offset paging: `limit` (default 50, at most 200) and `offset` (DESIGN.md).

use axum::http::StatusCode;
use serde::Deserialize;
use serde_json::json;

use crate::error::ApiError;

#[derive(Debug, Deserialize)]
pub struct PageQuery {
    pub limit: Option<String>,
    pub offset: Option<String>,
}

#[derive(Debug, Clone, Copy)]
pub struct Page {
    pub limit: usize,
    pub offset: usize,
}

fn invalid(field: &str, message: &str) -> ApiError {
    let mut e = ApiError::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        "VALIDATION_ERROR",
        format!("{field}: {message}"),
    );
    e.details = Some(json!({ "field": field, "reason": message }));
    e
}

impl PageQuery {
    pub fn page(&self) -> Result<Page, ApiError> {
        let limit = match &self.limit {
            None => 50,
            Some(v) => v
                .parse::<usize>()
                .ok()
                .filter(|n| (1..=200).contains(n))
                .ok_or_else(|| invalid("limit", "must be a whole number from 1 to 200"))?,
        };
        let offset = match &self.offset {
            None => 0,
            Some(v) => v
                .parse::<usize>()
                .map_err(|_| invalid("offset", "must be a whole number from 0"))?,
        };
        Ok(Page { limit, offset })
    }
}

impl Page {
    /// `{total, limit, offset, hasMore}` of the contacts/users/... list shapes.
    pub fn pagination(&self, total: usize) -> serde_json::Value {
        json!({
            "total": total,
            "limit": self.limit,
            "offset": self.offset,
            "hasMore": self.offset + self.limit < total,
        })
    }
}
