//! `Filter`, `Order` and `Pagination`, the seed's common list arguments, applied the same way
//! to every list: filters narrow (all must match), the order sorts (ties by id, so that pages
//! never overlap), the page cuts.

use async_graphql::{Enum, InputObject};

use crate::error::{ApiError, ApiResult};

#[derive(InputObject, Clone, Debug)]
pub struct Filter {
    pub field: String,
    pub value: String,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
pub enum OrderDirection {
    Asc,
    Desc,
}

#[derive(InputObject, Clone, Debug)]
pub struct Order {
    pub field: String,
    pub direction: OrderDirection,
}

#[derive(InputObject, Clone, Debug)]
pub struct Pagination {
    pub limit: i32,
    pub offset: i32,
}

/// A page without `pagination`.
pub const DEFAULT_LIMIT: i32 = 50;
/// The largest page.
pub const MAX_LIMIT: i32 = 500;

/// A field's value as lists compare it.
#[derive(Debug, Clone, PartialEq)]
pub enum Field {
    /// Free text (names, descriptions, URLs): a filter matches a part of it, in any case.
    Text(String),
    /// Ids, slugs, enums, actions: a filter matches the whole value, in any case.
    Exact(String),
    Bool(bool),
    /// RFC 3339 times: a filter matches a prefix (`2026-12` is every time in that month).
    Time(String),
    Null,
}

impl Field {
    pub fn text(s: &str) -> Self {
        Field::Text(s.to_owned())
    }

    pub fn exact(s: &str) -> Self {
        Field::Exact(s.to_owned())
    }

    pub fn time(s: &str) -> Self {
        Field::Time(s.to_owned())
    }

    pub fn opt_text(s: &Option<String>) -> Self {
        s.as_deref().map_or(Field::Null, Field::text)
    }

    pub fn opt_time(s: &Option<String>) -> Self {
        s.as_deref().map_or(Field::Null, Field::time)
    }

    /// An enum as the schema spells it.
    pub fn enumeration<T: serde::Serialize>(value: &T) -> Self {
        match serde_json::to_value(value) {
            Ok(serde_json::Value::String(s)) => Field::Exact(s),
            _ => Field::Null,
        }
    }

    fn matches(&self, value: &str, at: usize) -> ApiResult<bool> {
        Ok(match self {
            Field::Text(s) => s.to_lowercase().contains(&value.to_lowercase()),
            Field::Exact(s) => s.eq_ignore_ascii_case(value),
            Field::Time(s) => s.starts_with(value),
            Field::Bool(b) => match value {
                "true" => *b,
                "false" => !*b,
                _ => {
                    return Err(ApiError::bad_input(
                        format!("filters[{at}].value"),
                        "expected true or false",
                    ))
                }
            },
            Field::Null => value.is_empty(),
        })
    }

    fn cmp(&self, other: &Field) -> std::cmp::Ordering {
        use std::cmp::Ordering;
        match (self, other) {
            (Field::Null, Field::Null) => Ordering::Equal,
            (Field::Null, _) => Ordering::Less,
            (_, Field::Null) => Ordering::Greater,
            (Field::Bool(a), Field::Bool(b)) => a.cmp(b),
            (Field::Text(a) | Field::Exact(a), Field::Text(b) | Field::Exact(b)) => a
                .to_lowercase()
                .cmp(&b.to_lowercase())
                .then_with(|| a.cmp(b)),
            (Field::Time(a), Field::Time(b)) => a.cmp(b),
            _ => Ordering::Equal,
        }
    }
}

/// A record that lists can filter and sort.
pub trait Listed {
    /// The fields a filter or an order may name, in snake_case (the seed writes `created_at`).
    const FIELDS: &'static [&'static str];
    fn id(&self) -> &str;
    /// The value of one of [`Listed::FIELDS`].
    fn field(&self, name: &str) -> Field;
}

/// `createdAt`, `created_at` and `CreatedAt` are one field; so are `entityID` and `entity_id`.
pub fn snake(name: &str) -> String {
    let mut out = String::new();
    let mut prev_lower = false;
    for c in name.chars() {
        if c.is_ascii_uppercase() {
            if prev_lower {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
            prev_lower = false;
        } else {
            out.push(c);
            prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        }
    }
    out
}

fn known<T: Listed>(name: &str, at: &str) -> ApiResult<&'static str> {
    let wanted = snake(name);
    T::FIELDS
        .iter()
        .copied()
        .find(|f| *f == wanted)
        .ok_or_else(|| {
            ApiError::bad_input(
                at,
                format!("unknown field {name:?}; one of {}", T::FIELDS.join(", ")),
            )
        })
}

/// The page of `rows` the arguments ask for. The default order is `created_at` ascending.
pub fn apply<T: Listed>(
    mut rows: Vec<T>,
    filters: Option<Vec<Filter>>,
    order: Option<Order>,
    pagination: Option<Pagination>,
) -> ApiResult<Vec<T>> {
    let filters = filters.unwrap_or_default();
    let mut checked = Vec::with_capacity(filters.len());
    for (i, f) in filters.iter().enumerate() {
        checked.push((known::<T>(&f.field, &format!("filters[{i}].field"))?, i, f));
    }
    let mut kept = Vec::with_capacity(rows.len());
    for row in rows.drain(..) {
        let mut all = true;
        for (field, i, f) in &checked {
            if !row.field(field).matches(&f.value, *i)? {
                all = false;
                break;
            }
        }
        if all {
            kept.push(row);
        }
    }
    let (field, direction) = match &order {
        Some(o) => (known::<T>(&o.field, "order.field")?, o.direction),
        None => ("created_at", OrderDirection::Asc),
    };
    kept.sort_by(|a, b| {
        let by = a.field(field).cmp(&b.field(field));
        let by = by.then_with(|| a.id().cmp(b.id()));
        match direction {
            OrderDirection::Asc => by,
            OrderDirection::Desc => by.reverse(),
        }
    });
    let (limit, offset) = match pagination {
        Some(p) => (p.limit, p.offset),
        None => (DEFAULT_LIMIT, 0),
    };
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(ApiError::bad_input(
            "pagination.limit",
            format!("must be from 1 to {MAX_LIMIT}"),
        ));
    }
    if offset < 0 {
        return Err(ApiError::bad_input(
            "pagination.offset",
            "must not be negative",
        ));
    }
    Ok(kept
        .into_iter()
        .skip(offset as usize)
        .take(limit as usize)
        .collect())
}
