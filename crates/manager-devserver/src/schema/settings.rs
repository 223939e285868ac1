//! Settings at three levels (project, tenant, application): the records of each level
//! (`create…Settings`, `update…Settings`, `delete…Settings`, `update…ModuleConfig`) and the
//! effective, inherited configuration (`settings`), merged as `inherit.rs` says.
//!
//! A level has at most one backend and one frontend settings record. In module-config input a
//! field left out keeps its value, `null` unsets it at this level (it is inherited again), a
//! value replaces it whole.

use async_graphql::{
    ComplexObject, Context, InputObject, MaybeUndefined, Object, Result, SimpleObject, ID,
};

use super::{read, write};
use crate::access::{self, Need, Scope};
use crate::audit::{self, snapshot, Entry};
use crate::error::{ApiError, ApiResult};
use crate::ids::{new_id, now};
use crate::records::{
    BackendModuleConfig, BackendSettings, FrontendModuleConfig, FrontendSettings, KeyValuePair,
    KeyValuePairInput, Owner,
};
use crate::store::Data;
use crate::{inherit, patch, validate};

pub fn own_backend(data: &Data, owner: &Owner) -> Option<BackendSettings> {
    data.backend_settings
        .values()
        .find(|s| &s.owner == owner)
        .cloned()
}

pub fn own_frontend(data: &Data, owner: &Owner) -> Option<FrontendSettings> {
    data.frontend_settings
        .values()
        .find(|s| &s.owner == owner)
        .cloned()
}

fn owner_ids(owner: &Owner) -> (Option<ID>, Option<ID>, Option<ID>) {
    match owner {
        Owner::Project(p) => (Some(ID(p.clone())), None, None),
        Owner::Tenant(t) => (None, Some(ID(t.clone())), None),
        Owner::Application(a) => (None, None, Some(ID(a.clone()))),
    }
}

fn owner_scope(data: &Data, owner: &Owner) -> ApiResult<Scope> {
    match owner {
        Owner::Project(p) => Scope::project(data, p),
        Owner::Tenant(t) => Scope::tenant(data, t),
        Owner::Application(a) => Scope::application(data, a),
    }
}

#[ComplexObject]
impl BackendSettings {
    #[graphql(name = "projectID")]
    async fn project_id(&self) -> Option<ID> {
        owner_ids(&self.owner).0
    }
    #[graphql(name = "tenantID")]
    async fn tenant_id(&self) -> Option<ID> {
        owner_ids(&self.owner).1
    }
    #[graphql(name = "applicationID")]
    async fn application_id(&self) -> Option<ID> {
        owner_ids(&self.owner).2
    }
}

#[ComplexObject]
impl FrontendSettings {
    #[graphql(name = "projectID")]
    async fn project_id(&self) -> Option<ID> {
        owner_ids(&self.owner).0
    }
    #[graphql(name = "tenantID")]
    async fn tenant_id(&self) -> Option<ID> {
        owner_ids(&self.owner).1
    }
    #[graphql(name = "applicationID")]
    async fn application_id(&self) -> Option<ID> {
        owner_ids(&self.owner).2
    }
}

/// The effective settings at a level.
#[derive(SimpleObject)]
pub struct Settings {
    /// The id of the level asked for: the application's, else the tenant's, else the project's.
    pub id: ID,
    pub backend_setting: EffectiveBackendSetting,
    pub frontend_setting: EffectiveFrontendSetting,
}

#[derive(SimpleObject)]
pub struct EffectiveBackendSetting {
    /// The id of the asked level's own backend settings record; `null` when it has none.
    pub id: Option<ID>,
    pub module_config: BackendModuleConfig,
}

#[derive(SimpleObject)]
pub struct EffectiveFrontendSetting {
    /// The id of the asked level's own frontend settings record; `null` when it has none.
    pub id: Option<ID>,
    pub module_config: FrontendModuleConfig,
}

/// The chain of levels for `settings(project, tenant, application)`, least specific first,
/// checked to be one line of the tree.
fn chain(
    data: &Data,
    project: &ID,
    tenant: Option<&ID>,
    application: Option<&ID>,
) -> ApiResult<Vec<Owner>> {
    data.projects
        .get(project)
        .ok_or_else(|| ApiError::not_found("Project"))?;
    let mut levels = vec![Owner::Project(project.to_string())];
    let app = application
        .map(|a| {
            data.applications
                .get(a)
                .ok_or_else(|| ApiError::not_found("Application"))
        })
        .transpose()?;
    let tenant = match (tenant, app) {
        (Some(t), _) => Some(t.clone()),
        (None, Some(a)) => Some(a.tenant_id.clone()),
        (None, None) => None,
    };
    if let Some(t) = &tenant {
        let row = data
            .tenants
            .get(t)
            .ok_or_else(|| ApiError::not_found("Tenant"))?;
        if row.project_id != *project {
            return Err(ApiError::bad_input(
                "tenant",
                "the tenant is not in this project",
            ));
        }
        levels.push(Owner::Tenant(t.to_string()));
    }
    if let Some(a) = app {
        if Some(&a.tenant_id) != tenant.as_ref() {
            return Err(ApiError::bad_input(
                "application",
                "the application is not in this tenant",
            ));
        }
        levels.push(Owner::Application(a.id.to_string()));
    }
    Ok(levels)
}

/// The effective settings of the most specific level of `levels`.
pub fn effective(data: &Data, levels: &[Owner]) -> Settings {
    let backends: Vec<Option<BackendSettings>> =
        levels.iter().map(|o| own_backend(data, o)).collect();
    let frontends: Vec<Option<FrontendSettings>> =
        levels.iter().map(|o| own_frontend(data, o)).collect();
    let last = levels.last().expect("a chain has a project");
    let id = match last {
        Owner::Project(i) | Owner::Tenant(i) | Owner::Application(i) => ID(i.clone()),
    };
    Settings {
        id,
        backend_setting: EffectiveBackendSetting {
            id: backends.last().cloned().flatten().map(|s| s.id),
            module_config: inherit::backend(
                &backends
                    .iter()
                    .map(|s| s.as_ref().map(|s| &s.module_config))
                    .collect::<Vec<_>>(),
            ),
        },
        frontend_setting: EffectiveFrontendSetting {
            id: frontends.last().cloned().flatten().map(|s| s.id),
            module_config: inherit::frontend(
                &frontends
                    .iter()
                    .map(|s| s.as_ref().map(|s| &s.module_config))
                    .collect::<Vec<_>>(),
            ),
        },
    }
}

/// The levels of an application: project, tenant, application.
pub fn levels_of_application(data: &Data, application: &str) -> ApiResult<Vec<Owner>> {
    let scope = Scope::application(data, application)?;
    Ok(vec![
        Owner::Project(scope.project),
        Owner::Tenant(scope.tenant.unwrap_or_default()),
        Owner::Application(application.to_owned()),
    ])
}

#[derive(Default)]
pub struct SettingsQuery;

#[Object]
impl SettingsQuery {
    /// The effective configuration at the most specific level given.
    async fn settings(
        &self,
        ctx: &Context<'_>,
        project: ID,
        tenant: Option<ID>,
        application: Option<ID>,
    ) -> Result<Settings> {
        read(ctx, |data, caller| {
            let levels = chain(data, &project, tenant.as_ref(), application.as_ref())?;
            access::check(data, caller, &Scope::project(data, &project)?, Need::Read)?;
            Ok(effective(data, &levels))
        })
    }
}

#[derive(InputObject, Default)]
#[graphql(rename_fields = "PascalCase")]
pub struct BackendModuleConfigInput {
    pub enabled_modules: MaybeUndefined<Vec<String>>,
    pub key_value_pairs: MaybeUndefined<Vec<KeyValuePairInput>>,
}

#[derive(InputObject, Default)]
#[graphql(rename_fields = "PascalCase")]
pub struct FrontendModuleConfigInput {
    pub enabled_themes: MaybeUndefined<Vec<String>>,
    pub default_theme: MaybeUndefined<String>,
    pub enabled_locales: MaybeUndefined<Vec<String>>,
    pub default_locale: MaybeUndefined<String>,
    pub enabled_modules: MaybeUndefined<Vec<String>>,
    pub key_value_pairs: MaybeUndefined<Vec<KeyValuePairInput>>,
}

#[derive(InputObject)]
pub struct CreateBackendSettingsInput {
    #[graphql(name = "projectID")]
    pub project_id: Option<ID>,
    #[graphql(name = "tenantID")]
    pub tenant_id: Option<ID>,
    #[graphql(name = "applicationID")]
    pub application_id: Option<ID>,
    pub module_config: Option<BackendModuleConfigInput>,
}

#[derive(InputObject)]
pub struct CreateFrontendSettingsInput {
    #[graphql(name = "projectID")]
    pub project_id: Option<ID>,
    #[graphql(name = "tenantID")]
    pub tenant_id: Option<ID>,
    #[graphql(name = "applicationID")]
    pub application_id: Option<ID>,
    pub module_config: Option<FrontendModuleConfigInput>,
}

#[derive(InputObject)]
pub struct UpdateBackendSettingsInput {
    pub module_config: BackendModuleConfigInput,
}

#[derive(InputObject)]
pub struct UpdateFrontendSettingsInput {
    pub module_config: FrontendModuleConfigInput,
}

/// Exactly one of the three level ids, naming the field.
fn owner_of(
    data: &Data,
    project: Option<ID>,
    tenant: Option<ID>,
    application: Option<ID>,
) -> ApiResult<Owner> {
    match (project, tenant, application) {
        (Some(p), None, None) => data
            .projects
            .get(&p)
            .map(|_| Owner::Project(p.to_string()))
            .ok_or_else(|| ApiError::bad_input("input.projectID", "no such project")),
        (None, Some(t), None) => data
            .tenants
            .get(&t)
            .map(|_| Owner::Tenant(t.to_string()))
            .ok_or_else(|| ApiError::bad_input("input.tenantID", "no such tenant")),
        (None, None, Some(a)) => data
            .applications
            .get(&a)
            .map(|_| Owner::Application(a.to_string()))
            .ok_or_else(|| ApiError::bad_input("input.applicationID", "no such application")),
        _ => Err(ApiError::bad_input(
            "input",
            "give exactly one of projectID, tenantID and applicationID",
        )),
    }
}

fn pairs(field: &str, input: Vec<KeyValuePairInput>) -> ApiResult<Vec<KeyValuePair>> {
    validate::keys(field, input.iter().map(|p| p.key.as_str()))?;
    Ok(input
        .into_iter()
        .map(|p| KeyValuePair {
            key: p.key,
            value: p.value,
        })
        .collect())
}

fn apply_pairs(
    slot: &mut Vec<KeyValuePair>,
    change: MaybeUndefined<Vec<KeyValuePairInput>>,
    field: &str,
) -> ApiResult<()> {
    match change {
        MaybeUndefined::Undefined => {}
        MaybeUndefined::Null => slot.clear(),
        MaybeUndefined::Value(v) => *slot = pairs(field, v)?,
    }
    Ok(())
}

/// The backend configuration after `input`; checked, not yet stored.
fn backend_after(
    mut config: BackendModuleConfig,
    input: BackendModuleConfigInput,
    field: &str,
) -> ApiResult<BackendModuleConfig> {
    patch::apply(&mut config.enabled_modules, input.enabled_modules);
    apply_pairs(
        &mut config.key_value_pairs,
        input.key_value_pairs,
        &format!("{field}.KeyValuePairs"),
    )?;
    Ok(config)
}

/// The frontend configuration after `input`; a default must be one of the level's own list
/// when the level sets both.
fn frontend_after(
    mut config: FrontendModuleConfig,
    input: FrontendModuleConfigInput,
    field: &str,
) -> ApiResult<FrontendModuleConfig> {
    patch::apply(&mut config.enabled_themes, input.enabled_themes);
    patch::apply(&mut config.default_theme, input.default_theme);
    patch::apply(&mut config.enabled_locales, input.enabled_locales);
    patch::apply(&mut config.default_locale, input.default_locale);
    patch::apply(&mut config.enabled_modules, input.enabled_modules);
    apply_pairs(
        &mut config.key_value_pairs,
        input.key_value_pairs,
        &format!("{field}.KeyValuePairs"),
    )?;
    if let (Some(theme), Some(themes)) = (&config.default_theme, &config.enabled_themes) {
        if !themes.contains(theme) {
            return Err(ApiError::bad_input(
                format!("{field}.DefaultTheme"),
                format!("{theme:?} is not one of EnabledThemes {themes:?}"),
            ));
        }
    }
    if let (Some(locale), Some(locales)) = (&config.default_locale, &config.enabled_locales) {
        if !locales.contains(locale) {
            return Err(ApiError::bad_input(
                format!("{field}.DefaultLocale"),
                format!("{locale:?} is not one of EnabledLocales {locales:?}"),
            ));
        }
    }
    Ok(config)
}

fn log(
    data: &mut Data,
    caller: &crate::auth::Caller,
    origin: &crate::audit::Origin,
    scope: &Scope,
    (entity_type, id, action, operation): (&'static str, &str, &'static str, &'static str),
    before: Option<serde_json::Value>,
    after: Option<serde_json::Value>,
) {
    audit::record(
        data,
        caller,
        origin,
        Entry {
            project: Some(&scope.project),
            entity_type,
            entity_id: id,
            action,
            operation,
            description: format!("{operation} {id}"),
            before,
            after,
        },
    );
}

fn update_backend(
    data: &mut Data,
    caller: &crate::auth::Caller,
    origin: &crate::audit::Origin,
    id: &ID,
    input: BackendModuleConfigInput,
    (field, operation): (&str, &'static str),
) -> ApiResult<BackendSettings> {
    let row = data
        .backend_settings
        .get(id)
        .cloned()
        .ok_or_else(|| ApiError::not_found("Backend settings"))?;
    let scope = owner_scope(data, &row.owner)?;
    access::check(data, caller, &scope, Need::Write)?;
    let config = backend_after(row.module_config.clone(), input, field)?;
    let mut after = row.clone();
    after.module_config = config;
    after.updated_at = now();
    data.backend_settings.insert(id.to_string(), after.clone());
    let entry = ("backend_settings", id.as_str(), "update", operation);
    log(
        data,
        caller,
        origin,
        &scope,
        entry,
        snapshot(&row),
        snapshot(&after),
    );
    Ok(after)
}

fn update_frontend(
    data: &mut Data,
    caller: &crate::auth::Caller,
    origin: &crate::audit::Origin,
    id: &ID,
    input: FrontendModuleConfigInput,
    (field, operation): (&str, &'static str),
) -> ApiResult<FrontendSettings> {
    let row = data
        .frontend_settings
        .get(id)
        .cloned()
        .ok_or_else(|| ApiError::not_found("Frontend settings"))?;
    let scope = owner_scope(data, &row.owner)?;
    access::check(data, caller, &scope, Need::Write)?;
    let config = frontend_after(row.module_config.clone(), input, field)?;
    let mut after = row.clone();
    after.module_config = config;
    after.updated_at = now();
    data.frontend_settings.insert(id.to_string(), after.clone());
    let entry = ("frontend_settings", id.as_str(), "update", operation);
    log(
        data,
        caller,
        origin,
        &scope,
        entry,
        snapshot(&row),
        snapshot(&after),
    );
    Ok(after)
}

#[derive(Default)]
pub struct SettingsMutation;

#[Object]
impl SettingsMutation {
    async fn create_backend_settings(
        &self,
        ctx: &Context<'_>,
        input: CreateBackendSettingsInput,
    ) -> Result<BackendSettings> {
        write(ctx, |data, caller, origin| {
            let owner = owner_of(
                data,
                input.project_id,
                input.tenant_id,
                input.application_id,
            )?;
            let scope = owner_scope(data, &owner)?;
            access::check(data, caller, &scope, Need::Write)?;
            if own_backend(data, &owner).is_some() {
                return Err(ApiError::bad_input(
                    "input",
                    "this level already has backend settings; update them",
                ));
            }
            let config = backend_after(
                BackendModuleConfig::default(),
                input.module_config.unwrap_or_default(),
                "input.moduleConfig",
            )?;
            let at = now();
            let row = BackendSettings {
                id: new_id(),
                owner,
                module_config: config,
                created_at: at.clone(),
                updated_at: at,
            };
            data.backend_settings
                .insert(row.id.to_string(), row.clone());
            let entry = (
                "backend_settings",
                row.id.as_str(),
                "create",
                "createBackendSettings",
            );
            log(data, caller, origin, &scope, entry, None, snapshot(&row));
            Ok(row)
        })
    }

    async fn update_backend_settings(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: UpdateBackendSettingsInput,
    ) -> Result<BackendSettings> {
        write(ctx, |data, caller, origin| {
            let how = ("input.moduleConfig", "updateBackendSettings");
            update_backend(data, caller, origin, &id, input.module_config, how)
        })
    }

    async fn update_backend_module_config(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: BackendModuleConfigInput,
    ) -> Result<BackendSettings> {
        write(ctx, |data, caller, origin| {
            let how = ("input", "updateBackendModuleConfig");
            update_backend(data, caller, origin, &id, input, how)
        })
    }

    async fn delete_backend_settings(&self, ctx: &Context<'_>, id: ID) -> Result<bool> {
        write(ctx, |data, caller, origin| {
            let row = data
                .backend_settings
                .get(&id)
                .cloned()
                .ok_or_else(|| ApiError::not_found("Backend settings"))?;
            let scope = owner_scope(data, &row.owner)?;
            access::check(data, caller, &scope, Need::Write)?;
            data.backend_settings.remove(&id);
            let entry = (
                "backend_settings",
                id.as_str(),
                "delete",
                "deleteBackendSettings",
            );
            log(data, caller, origin, &scope, entry, snapshot(&row), None);
            Ok(true)
        })
    }

    async fn create_frontend_settings(
        &self,
        ctx: &Context<'_>,
        input: CreateFrontendSettingsInput,
    ) -> Result<FrontendSettings> {
        write(ctx, |data, caller, origin| {
            let owner = owner_of(
                data,
                input.project_id,
                input.tenant_id,
                input.application_id,
            )?;
            let scope = owner_scope(data, &owner)?;
            access::check(data, caller, &scope, Need::Write)?;
            if own_frontend(data, &owner).is_some() {
                return Err(ApiError::bad_input(
                    "input",
                    "this level already has frontend settings; update them",
                ));
            }
            let config = frontend_after(
                FrontendModuleConfig::default(),
                input.module_config.unwrap_or_default(),
                "input.moduleConfig",
            )?;
            let at = now();
            let row = FrontendSettings {
                id: new_id(),
                owner,
                module_config: config,
                created_at: at.clone(),
                updated_at: at,
            };
            data.frontend_settings
                .insert(row.id.to_string(), row.clone());
            let entry = (
                "frontend_settings",
                row.id.as_str(),
                "create",
                "createFrontendSettings",
            );
            log(data, caller, origin, &scope, entry, None, snapshot(&row));
            Ok(row)
        })
    }

    async fn update_frontend_settings(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: UpdateFrontendSettingsInput,
    ) -> Result<FrontendSettings> {
        write(ctx, |data, caller, origin| {
            let how = ("input.moduleConfig", "updateFrontendSettings");
            update_frontend(data, caller, origin, &id, input.module_config, how)
        })
    }

    async fn update_frontend_module_config(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: FrontendModuleConfigInput,
    ) -> Result<FrontendSettings> {
        write(ctx, |data, caller, origin| {
            let how = ("input", "updateFrontendModuleConfig");
            update_frontend(data, caller, origin, &id, input, how)
        })
    }

    async fn delete_frontend_settings(&self, ctx: &Context<'_>, id: ID) -> Result<bool> {
        write(ctx, |data, caller, origin| {
            let row = data
                .frontend_settings
                .get(&id)
                .cloned()
                .ok_or_else(|| ApiError::not_found("Frontend settings"))?;
            let scope = owner_scope(data, &row.owner)?;
            access::check(data, caller, &scope, Need::Write)?;
            data.frontend_settings.remove(&id);
            let entry = (
                "frontend_settings",
                id.as_str(),
                "delete",
                "deleteFrontendSettings",
            );
            log(data, caller, origin, &scope, entry, snapshot(&row), None);
            Ok(true)
        })
    }
}

/// The effective settings of an application (for `GET /api/frontend-config`).
pub fn settings_of_application(data: &Data, application: &str) -> ApiResult<Settings> {
    Ok(effective(data, &levels_of_application(data, application)?))
}
