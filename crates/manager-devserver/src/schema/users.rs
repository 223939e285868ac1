//! Users: `me`, `users`, `userProviderSearch`. The identity provider's directory is the
//! Manager's own user table here: the devserver has no external provider, so a search finds
//! the users the Manager knows, disabled ones included (the provider reports them so).

use async_graphql::{Context, Object, Result};

use super::read;
use crate::error::ApiError;
use crate::listing::{self, Field, Filter, Listed, Order, Pagination};
use crate::records::User;

impl Listed for User {
    const FIELDS: &'static [&'static str] = &[
        "id",
        "username",
        "email",
        "display_name",
        "disabled",
        "created_at",
    ];
    fn id(&self) -> &str {
        &self.id
    }
    fn field(&self, name: &str) -> Field {
        match name {
            "id" => Field::exact(&self.id),
            "username" => Field::text(&self.username),
            "email" => Field::text(&self.email),
            "display_name" => Field::text(&self.display_name),
            "disabled" => Field::Bool(self.disabled),
            "created_at" => Field::time(&self.created_at),
            _ => Field::Null,
        }
    }
}

/// The most users a provider search answers.
const SEARCH_LIMIT: usize = 25;

#[derive(Default)]
pub struct UserQuery;

#[Object]
impl UserQuery {
    async fn me(&self, ctx: &Context<'_>) -> Result<User> {
        read(ctx, |data, caller| {
            let id = caller.user()?;
            data.users
                .get(id)
                .cloned()
                .ok_or_else(|| ApiError::not_found("User"))
        })
    }

    async fn users(
        &self,
        ctx: &Context<'_>,
        filters: Option<Vec<Filter>>,
        order: Option<Order>,
        pagination: Option<Pagination>,
    ) -> Result<Vec<User>> {
        read(ctx, |data, caller| {
            caller.user()?;
            listing::apply(
                data.users.values().cloned().collect(),
                filters,
                order,
                pagination,
            )
        })
    }

    /// Users whose username, display name or email contains `name`, in any case, by username.
    async fn user_provider_search(&self, ctx: &Context<'_>, name: String) -> Result<Vec<User>> {
        read(ctx, |data, caller| {
            caller.user()?;
            let needle = name.trim().to_lowercase();
            if needle.is_empty() {
                return Err(ApiError::bad_input("name", "must not be empty"));
            }
            let mut found: Vec<User> = data
                .users
                .values()
                .filter(|u| {
                    [&u.username, &u.display_name, &u.email]
                        .iter()
                        .any(|s| s.to_lowercase().contains(&needle))
                })
                .cloned()
                .collect();
            found.sort_by(|a, b| a.username.cmp(&b.username));
            found.truncate(SEARCH_LIMIT);
            Ok(found)
        })
    }
}
