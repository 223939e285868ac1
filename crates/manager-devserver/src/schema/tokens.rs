//! Personal access tokens of the caller: `myPersonalAccessTokens` (a list),
//! `personalAccessTokens` (a cursor connection), `createPersonalAccessToken` (the token is in
//! the answer once, never stored), `revokePersonalAccessToken`, `deletePersonalAccessToken`.
//!
//! The connection lists newest first. A cursor is the position of an edge in that order
//! (`createdAt|id`); `after` may be any text and means "the tokens after this position", so a
//! cursor whose token was deleted still pages on.

use async_graphql::{Context, Object, Result, SimpleObject, ID};

use super::{read, write};
use crate::audit::{self, snapshot, Entry};
use crate::error::ApiError;
use crate::ids::{new_id, now, parse_time};
use crate::listing::{self, Field, Filter, Listed, Order, Pagination};
use crate::records::PersonalAccessToken;
use crate::secret::{self, PAT_PREFIX};
use crate::validate;

/// The largest `first`.
const MAX_FIRST: i32 = 100;
/// `first` when not given.
const DEFAULT_FIRST: i32 = 20;

impl Listed for PersonalAccessToken {
    const FIELDS: &'static [&'static str] = &[
        "id",
        "name",
        "token_prefix",
        "expires_at",
        "created_at",
        "last_used_at",
        "revoked",
    ];
    fn id(&self) -> &str {
        &self.id
    }
    fn field(&self, name: &str) -> Field {
        match name {
            "id" => Field::exact(&self.id),
            "name" => Field::text(&self.name),
            "token_prefix" => Field::exact(&self.token_prefix),
            "expires_at" => Field::opt_time(&self.expires_at),
            "created_at" => Field::time(&self.created_at),
            "last_used_at" => Field::opt_time(&self.last_used_at),
            "revoked" => Field::Bool(self.revoked),
            _ => Field::Null,
        }
    }
}

#[derive(SimpleObject)]
pub struct PersonalAccessTokenEdge {
    pub node: PersonalAccessToken,
    pub cursor: String,
}

#[derive(SimpleObject)]
pub struct PageInfo {
    pub has_next_page: bool,
    pub has_previous_page: bool,
    pub start_cursor: Option<String>,
    pub end_cursor: Option<String>,
}

#[derive(SimpleObject)]
pub struct PersonalAccessTokenConnection {
    pub edges: Vec<PersonalAccessTokenEdge>,
    pub page_info: PageInfo,
    pub total_count: i32,
}

#[derive(SimpleObject)]
pub struct CreatePersonalAccessTokenPayload {
    /// The plaintext token: shown here once, never again.
    pub token: String,
    pub personal_access_token: PersonalAccessToken,
}

fn cursor(t: &PersonalAccessToken) -> String {
    format!("{}|{}", t.created_at, t.id.as_str())
}

#[derive(Default)]
pub struct TokenQuery;

#[Object]
impl TokenQuery {
    async fn my_personal_access_tokens(
        &self,
        ctx: &Context<'_>,
        filters: Option<Vec<Filter>>,
        order: Option<Order>,
        pagination: Option<Pagination>,
    ) -> Result<Vec<PersonalAccessToken>> {
        read(ctx, |data, caller| {
            let user = caller.user()?;
            let rows = data
                .tokens
                .values()
                .filter(|t| t.user_id.as_str() == user)
                .cloned()
                .collect();
            listing::apply(rows, filters, order, pagination)
        })
    }

    /// The caller's tokens as a connection, newest first: `first` after a cursor, or `last`
    /// before one (`first` is 20 when neither is given).
    async fn personal_access_tokens(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<PersonalAccessTokenConnection> {
        read(ctx, |data, caller| {
            let user = caller.user()?;
            for (name, n) in [("first", first), ("last", last)] {
                if n.is_some_and(|n| !(0..=MAX_FIRST).contains(&n)) {
                    return Err(ApiError::bad_input(
                        name,
                        format!("must be from 0 to {MAX_FIRST}"),
                    ));
                }
            }
            let mut all: Vec<PersonalAccessToken> = data
                .tokens
                .values()
                .filter(|t| t.user_id.as_str() == user)
                .cloned()
                .collect();
            all.sort_by_key(|t| std::cmp::Reverse(cursor(t)));
            let total = all.len();
            // Newest first: the edges after a cursor are those whose position sorts below it.
            let mut lo = after.as_ref().map_or(0, |a| {
                all.iter().position(|t| cursor(t) < *a).unwrap_or(total)
            });
            let mut hi = before
                .as_ref()
                .map_or(total, |b| {
                    all.iter().position(|t| cursor(t) <= *b).unwrap_or(total)
                })
                .max(lo);
            let first = first.or(if last.is_none() {
                Some(DEFAULT_FIRST)
            } else {
                None
            });
            if let Some(n) = first {
                hi = hi.min(lo + n as usize);
            }
            if let Some(n) = last {
                lo = lo.max(hi.saturating_sub(n as usize));
            }
            let edges: Vec<PersonalAccessTokenEdge> = all[lo..hi]
                .iter()
                .map(|t| PersonalAccessTokenEdge {
                    cursor: cursor(t),
                    node: t.clone(),
                })
                .collect();
            Ok(PersonalAccessTokenConnection {
                page_info: PageInfo {
                    has_next_page: hi < total,
                    has_previous_page: lo > 0,
                    start_cursor: edges.first().map(|e| e.cursor.clone()),
                    end_cursor: edges.last().map(|e| e.cursor.clone()),
                },
                edges,
                total_count: total as i32,
            })
        })
    }
}

#[derive(Default)]
pub struct TokenMutation;

#[Object]
impl TokenMutation {
    /// A new token for the caller. An `expiresAt` in the past is accepted (the token is born
    /// expired and authenticates nothing): the seed's own example names a past date.
    async fn create_personal_access_token(
        &self,
        ctx: &Context<'_>,
        name: String,
        expires_at: Option<String>,
    ) -> Result<CreatePersonalAccessTokenPayload> {
        write(ctx, |data, caller, origin| {
            let user = caller.user()?.to_owned();
            let name = validate::name("name", &name)?;
            let expires_at = expires_at
                .map(|t| parse_time("expiresAt", &t))
                .transpose()?;
            let token = secret::token(PAT_PREFIX, &mut rand::rng());
            let row = PersonalAccessToken {
                id: new_id(),
                user_id: ID(user.clone()),
                name,
                token_prefix: secret::prefix_of(&token),
                token_hash: secret::hash(&token),
                expires_at,
                created_at: now(),
                last_used_at: None,
                revoked: false,
            };
            data.tokens.insert(row.id.to_string(), row.clone());
            audit::record(
                data,
                caller,
                origin,
                Entry {
                    project: None,
                    entity_type: "personal_access_token",
                    entity_id: &row.id,
                    action: "create",
                    operation: "createPersonalAccessToken",
                    description: format!("Created personal access token {}", row.name),
                    before: None,
                    after: snapshot(&row),
                },
            );
            Ok(CreatePersonalAccessTokenPayload {
                token,
                personal_access_token: row,
            })
        })
    }

    async fn revoke_personal_access_token(
        &self,
        ctx: &Context<'_>,
        id: ID,
    ) -> Result<PersonalAccessToken> {
        write(ctx, |data, caller, origin| {
            let user = caller.user()?;
            let before = data
                .tokens
                .get(&id)
                .filter(|t| t.user_id.as_str() == user)
                .cloned()
                .ok_or_else(|| ApiError::not_found("Personal access token"))?;
            let mut row = before.clone();
            row.revoked = true;
            data.tokens.insert(id.to_string(), row.clone());
            audit::record(
                data,
                caller,
                origin,
                Entry {
                    project: None,
                    entity_type: "personal_access_token",
                    entity_id: &id,
                    action: "revoke",
                    operation: "revokePersonalAccessToken",
                    description: format!("Revoked personal access token {}", row.name),
                    before: snapshot(&before),
                    after: snapshot(&row),
                },
            );
            Ok(row)
        })
    }

    async fn delete_personal_access_token(&self, ctx: &Context<'_>, id: ID) -> Result<bool> {
        write(ctx, |data, caller, origin| {
            let user = caller.user()?;
            let before = data
                .tokens
                .get(&id)
                .filter(|t| t.user_id.as_str() == user)
                .cloned()
                .ok_or_else(|| ApiError::not_found("Personal access token"))?;
            data.tokens.remove(&id);
            audit::record(
                data,
                caller,
                origin,
                Entry {
                    project: None,
                    entity_type: "personal_access_token",
                    entity_id: &id,
                    action: "delete",
                    operation: "deletePersonalAccessToken",
                    description: format!("Deleted personal access token {}", before.name),
                    before: snapshot(&before),
                    after: None,
                },
            );
            Ok(true)
        })
    }
}
