//! Bounded windows (`from`/`to`, RFC 3339, at most 366 days: DESIGN.md) and the flat
//! `{data, total, limit, offset}` list shape the seed gives the calendar lists.

use chrono::{DateTime, Duration, Utc};
use serde::Deserialize;
use serde_json::{json, Value};

use crate::body::invalid;
use crate::calendar::input::parse_time;
use crate::error::ApiError;
use crate::paging::{Page, PageQuery};

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WindowQuery {
    pub calendar_id: Option<String>,
    /// Several calendars, comma-separated (`/calendar/window` and `/calendar/free-busy`).
    pub calendar_ids: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub limit: Option<String>,
    pub offset: Option<String>,
}

#[derive(Debug, Clone, Copy)]
pub struct Window {
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
}

impl Window {
    /// Whether `[start, end)` overlaps the window (entries always end after they start).
    pub fn overlaps(&self, start: DateTime<Utc>, end: DateTime<Utc>) -> bool {
        start < self.to && end > self.from
    }
}

const MAX_DAYS: i64 = 366;

impl WindowQuery {
    pub fn window(&self) -> Result<Window, ApiError> {
        let read = |field: &str, value: &Option<String>| {
            let text = value
                .as_deref()
                .ok_or_else(|| invalid(field, "is required (an RFC 3339 date-time)"))?;
            parse_time(text).ok_or_else(|| invalid(field, "must be an RFC 3339 date-time"))
        };
        let from = read("from", &self.from)?;
        let to = read("to", &self.to)?;
        if to <= from {
            return Err(invalid("to", "must be after from"));
        }
        if to - from > Duration::days(MAX_DAYS) {
            return Err(invalid(
                "to",
                format!("the window may span at most {MAX_DAYS} days"),
            ));
        }
        Ok(Window { from, to })
    }

    pub fn page(&self) -> Result<Page, ApiError> {
        PageQuery {
            limit: self.limit.clone(),
            offset: self.offset.clone(),
        }
        .page()
    }
}

/// One page of `rows` in the flat calendar list shape.
pub fn flat_page(rows: Vec<Value>, page: Page) -> Value {
    let total = rows.len();
    let data: Vec<Value> = rows
        .into_iter()
        .skip(page.offset)
        .take(page.limit)
        .collect();
    json!({ "data": data, "total": total, "limit": page.limit, "offset": page.offset })
}
