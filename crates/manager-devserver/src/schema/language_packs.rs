//! Language packs of a project: `languagePacks(project)`, `createLanguagePack`,
//! `updateLanguagePackContent`, and `deleteLanguagePack` (not in the seed; a client that
//! creates packs must be able to remove them). Pack names are unique within a project.

use async_graphql::{Context, InputObject, Object, Result, ID};

use super::{read, write};
use crate::access::{self, Need, Scope};
use crate::audit::{self, snapshot, Entry};
use crate::error::{ApiError, ApiResult};
use crate::ids::{new_id, now};
use crate::listing::{self, Field, Filter, Listed, Order, Pagination};
use crate::records::{KeyValuePair, KeyValuePairInput, LanguagePack};
use crate::store::Data;
use crate::validate;

impl Listed for LanguagePack {
    const FIELDS: &'static [&'static str] =
        &["id", "project_id", "name", "created_at", "updated_at"];
    fn id(&self) -> &str {
        &self.id
    }
    fn field(&self, name: &str) -> Field {
        match name {
            "id" => Field::exact(&self.id),
            "project_id" => Field::exact(&self.project_id),
            "name" => Field::text(&self.name),
            "created_at" => Field::time(&self.created_at),
            "updated_at" => Field::time(&self.updated_at),
            _ => Field::Null,
        }
    }
}

#[derive(Default)]
pub struct LanguagePackQuery;

#[Object]
impl LanguagePackQuery {
    async fn language_packs(
        &self,
        ctx: &Context<'_>,
        project: ID,
        filters: Option<Vec<Filter>>,
        order: Option<Order>,
        pagination: Option<Pagination>,
    ) -> Result<Vec<LanguagePack>> {
        read(ctx, |data, caller| {
            access::check(data, caller, &Scope::project(data, &project)?, Need::Read)?;
            let rows = data
                .language_packs
                .values()
                .filter(|l| l.project_id == project)
                .cloned()
                .collect();
            listing::apply(rows, filters, order, pagination)
        })
    }
}

#[derive(InputObject)]
pub struct CreateLanguagePackInput {
    pub name: String,
    pub content: Option<Vec<KeyValuePairInput>>,
}

#[derive(InputObject)]
pub struct UpdateLanguagePackContentInput {
    /// The whole content: it replaces the pack's.
    pub content: Vec<KeyValuePairInput>,
}

fn content(input: Vec<KeyValuePairInput>) -> ApiResult<Vec<KeyValuePair>> {
    validate::keys("input.content", input.iter().map(|p| p.key.as_str()))?;
    Ok(input
        .into_iter()
        .map(|p| KeyValuePair {
            key: p.key,
            value: p.value,
        })
        .collect())
}

fn log(
    data: &mut Data,
    caller: &crate::auth::Caller,
    origin: &crate::audit::Origin,
    pack: &LanguagePack,
    (action, operation): (&'static str, &'static str),
    (before, after): (Option<serde_json::Value>, Option<serde_json::Value>),
) {
    audit::record(
        data,
        caller,
        origin,
        Entry {
            project: Some(&pack.project_id),
            entity_type: "language_pack",
            entity_id: &pack.id,
            action,
            operation,
            description: format!("{operation}: language pack {}", pack.name),
            before,
            after,
        },
    );
}

#[derive(Default)]
pub struct LanguagePackMutation;

#[Object]
impl LanguagePackMutation {
    async fn create_language_pack(
        &self,
        ctx: &Context<'_>,
        project_id: ID,
        input: CreateLanguagePackInput,
    ) -> Result<LanguagePack> {
        write(ctx, |data, caller, origin| {
            access::check(
                data,
                caller,
                &Scope::project(data, &project_id)?,
                Need::Write,
            )?;
            let name = validate::name("input.name", &input.name)?;
            if data
                .language_packs
                .values()
                .any(|l| l.project_id == project_id && l.name == name)
            {
                return Err(ApiError::bad_input(
                    "input.name",
                    format!("this project already has a language pack {name:?}"),
                ));
            }
            let content = content(input.content.unwrap_or_default())?;
            let at = now();
            let row = LanguagePack {
                id: new_id(),
                project_id,
                name,
                content,
                created_at: at.clone(),
                updated_at: at,
            };
            data.language_packs.insert(row.id.to_string(), row.clone());
            log(
                data,
                caller,
                origin,
                &row,
                ("create", "createLanguagePack"),
                (None, snapshot(&row)),
            );
            Ok(row)
        })
    }

    async fn update_language_pack_content(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: UpdateLanguagePackContentInput,
    ) -> Result<LanguagePack> {
        write(ctx, |data, caller, origin| {
            let before = data
                .language_packs
                .get(&id)
                .cloned()
                .ok_or_else(|| ApiError::not_found("Language pack"))?;
            access::check(
                data,
                caller,
                &Scope::project(data, &before.project_id)?,
                Need::Write,
            )?;
            let mut row = before.clone();
            row.content = content(input.content)?;
            row.updated_at = now();
            data.language_packs.insert(id.to_string(), row.clone());
            let how = ("update", "updateLanguagePackContent");
            log(
                data,
                caller,
                origin,
                &row,
                how,
                (snapshot(&before), snapshot(&row)),
            );
            Ok(row)
        })
    }

    async fn delete_language_pack(&self, ctx: &Context<'_>, id: ID) -> Result<bool> {
        write(ctx, |data, caller, origin| {
            let before = data
                .language_packs
                .get(&id)
                .cloned()
                .ok_or_else(|| ApiError::not_found("Language pack"))?;
            access::check(
                data,
                caller,
                &Scope::project(data, &before.project_id)?,
                Need::Write,
            )?;
            data.language_packs.remove(&id);
            let how = ("delete", "deleteLanguagePack");
            log(
                data,
                caller,
                origin,
                &before,
                how,
                (snapshot(&before), None),
            );
            Ok(true)
        })
    }
}
