//! The flat `{data, total, limit, offset}` list shape the seed gives the calendar lists.

use serde_json::{json, Value};

use crate::paging::Page;

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
