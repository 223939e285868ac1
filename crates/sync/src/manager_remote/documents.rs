//! The GraphQL documents the Manager remote sends, written out whole per record type: what
//! varies between requests goes in variables, never into the text. Every answer names its
//! result by the same alias (`rows`, `made`, `changed`, `gone`), so one reader takes them all.

use outpost_model::RecordType;

macro_rules! project {
    () => {
        "id name slug description createdAt updatedAt"
    };
}
macro_rules! tenant {
    () => {
        "id projectID name slug description type createdAt updatedAt"
    };
}
macro_rules! application {
    () => {
        "id tenantID name slug description version createdAt updatedAt"
    };
}
macro_rules! endpoint {
    () => {
        "id applicationID name description enabled url consumeURL authType inputMessageType \
         outputMessageType logLevel createdAt updatedAt"
    };
}
macro_rules! trigger {
    () => {
        "id applicationID name description cronExpression runKey enabled createdAt updatedAt"
    };
}

macro_rules! backend_settings {
    () => {
        "id projectID tenantID applicationID createdAt updatedAt \
         moduleConfig { EnabledModules KeyValuePairs { Key Value } }"
    };
}
macro_rules! frontend_settings {
    () => {
        "id projectID tenantID applicationID createdAt updatedAt \
         moduleConfig { EnabledThemes DefaultTheme EnabledLocales DefaultLocale EnabledModules \
         KeyValuePairs { Key Value } }"
    };
}

/// The user the token signs in: the run's `me`.
pub const ME: &str = "query { rows: me { id } }";

/// A page of projects, oldest first (the Manager's order without `order`: ties by id, so pages
/// never overlap).
pub const PROJECTS_PAGE: &str = concat!(
    "query($page: Pagination) { rows: projects(pagination: $page) { ",
    project!(),
    " } }"
);
/// A page of project ids, to count the listing (GraphQL lists carry no total).
pub const PROJECT_IDS: &str =
    "query($page: Pagination) { rows: projects(pagination: $page) { id } }";
/// One project by its id (a filter on `id` matches it whole), or by its slug.
pub const PROJECT_WHERE: &str = concat!(
    "query($filters: [Filter!]) { rows: projects(filters: $filters) { ",
    project!(),
    " } }"
);
/// A project's tenants.
pub const TENANTS_OF: &str = concat!(
    "query($filters: [Filter!]) { rows: projects(filters: $filters) { id tenants { ",
    tenant!(),
    " } } }"
);
/// The applications of every tenant of a project.
pub const APPLICATIONS_OF: &str = concat!(
    "query($filters: [Filter!]) { rows: projects(filters: $filters) { id tenants { id applications { ",
    application!(),
    " } } } }"
);
/// The ids of every project's tenants and their applications, a page of projects at a time:
/// where a tenant or an application is.
pub const TREE: &str = "query($page: Pagination) { rows: projects(pagination: $page) { id tenants { id applications { id } } } }";
/// An application's endpoints, a page at a time (or the one a filter names).
pub const ENDPOINTS: &str = concat!(
    "query($application: ID!, $filters: [Filter!], $page: Pagination) { ",
    "rows: endpoints(application: $application, filters: $filters, pagination: $page) { ",
    endpoint!(),
    " } }"
);
/// An application's triggers, a page at a time (or the one a filter names).
pub const TRIGGERS: &str = concat!(
    "query($application: ID!, $filters: [Filter!], $page: Pagination) { ",
    "rows: triggers(application: $application, filters: $filters, pagination: $page) { ",
    trigger!(),
    " } }"
);

/// Every level's own backend settings, a page of projects at a time (the Manager lists them
/// only on their project, tenant or application).
pub const BACKEND_SETTINGS_TREE: &str = concat!(
    "query($page: Pagination) { rows: projects(pagination: $page) { id backendSettings { ",
    backend_settings!(),
    " } tenants { id backendSettings { ",
    backend_settings!(),
    " } applications { id backendSettings { ",
    backend_settings!(),
    " } } } } }"
);
/// Every level's own frontend settings, a page of projects at a time.
pub const FRONTEND_SETTINGS_TREE: &str = concat!(
    "query($page: Pagination) { rows: projects(pagination: $page) { id frontendSettings { ",
    frontend_settings!(),
    " } tenants { id frontendSettings { ",
    frontend_settings!(),
    " } applications { id frontendSettings { ",
    frontend_settings!(),
    " } } } } }"
);

/// The mutations of one record type. A create under a parent takes the parent's id as its
/// argument (`$parent`) beside its input.
pub struct Mutations {
    /// `made`: the record made from `$input` (and `$parent`).
    pub create: &'static str,
    /// `changed`: the record after `$input` changed record `$id`.
    pub update: &'static str,
    /// `gone`: true once record `$id` is removed.
    pub delete: &'static str,
    /// The field of the stored record that holds the parent's id, taken out of the input.
    pub parent: Option<&'static str>,
}

/// The mutations of `t`, for the Manager's types.
pub fn mutations(t: RecordType) -> Option<&'static Mutations> {
    Some(match t {
        RecordType::ManagerProject => &PROJECT,
        RecordType::ManagerTenant => &TENANT,
        RecordType::ManagerApplication => &APPLICATION,
        RecordType::ManagerEndpoint => &ENDPOINT,
        RecordType::ManagerTrigger => &TRIGGER,
        RecordType::ManagerBackendSettings => &BACKEND_SETTINGS,
        RecordType::ManagerFrontendSettings => &FRONTEND_SETTINGS,
        _ => return None,
    })
}

const PROJECT: Mutations = Mutations {
    create: concat!(
        "mutation($input: CreateProjectInput!) { made: createProject(input: $input) { ",
        project!(),
        " } }"
    ),
    update: concat!(
        "mutation($id: ID!, $input: UpdateProjectInput!) { changed: updateProject(id: $id, input: $input) { ",
        project!(),
        " } }"
    ),
    delete: "mutation($id: ID!) { gone: deleteProject(id: $id) }",
    parent: None,
};

const TENANT: Mutations = Mutations {
    create: concat!(
        "mutation($parent: ID!, $input: CreateTenantInput!) { made: createTenant(projectId: $parent, input: $input) { ",
        tenant!(),
        " } }"
    ),
    update: concat!(
        "mutation($id: ID!, $input: UpdateTenantInput!) { changed: updateTenant(id: $id, input: $input) { ",
        tenant!(),
        " } }"
    ),
    delete: "mutation($id: ID!) { gone: deleteTenant(id: $id) }",
    parent: Some("projectID"),
};

const APPLICATION: Mutations = Mutations {
    create: concat!(
        "mutation($parent: ID!, $input: CreateApplicationInput!) { made: createApplication(tenantId: $parent, input: $input) { ",
        application!(),
        " } }"
    ),
    update: concat!(
        "mutation($id: ID!, $input: UpdateApplicationInput!) { changed: updateApplication(id: $id, input: $input) { ",
        application!(),
        " } }"
    ),
    delete: "mutation($id: ID!) { gone: deleteApplication(id: $id) }",
    parent: Some("tenantID"),
};

const ENDPOINT: Mutations = Mutations {
    create: concat!(
        "mutation($parent: ID!, $input: CreateEndpointInput!) { made: createEndpoint(applicationId: $parent, input: $input) { ",
        endpoint!(),
        " } }"
    ),
    update: concat!(
        "mutation($id: ID!, $input: UpdateEndpointInput!) { changed: updateEndpoint(id: $id, input: $input) { ",
        endpoint!(),
        " } }"
    ),
    delete: "mutation($id: ID!) { gone: deleteEndpoint(id: $id) }",
    parent: Some("applicationID"),
};

const TRIGGER: Mutations = Mutations {
    create: concat!(
        "mutation($parent: ID!, $input: CreateTriggerInput!) { made: createTrigger(applicationId: $parent, input: $input) { ",
        trigger!(),
        " } }"
    ),
    update: concat!(
        "mutation($id: ID!, $input: UpdateTriggerInput!) { changed: updateTrigger(id: $id, input: $input) { ",
        trigger!(),
        " } }"
    ),
    delete: "mutation($id: ID!) { gone: deleteTrigger(id: $id) }",
    parent: Some("applicationID"),
};

const BACKEND_SETTINGS: Mutations = Mutations {
    create: concat!(
        "mutation($input: CreateBackendSettingsInput!) { made: createBackendSettings(input: $input) { ",
        backend_settings!(),
        " } }"
    ),
    update: concat!(
        "mutation($id: ID!, $input: BackendModuleConfigInput!) { changed: updateBackendModuleConfig(id: $id, input: $input) { ",
        backend_settings!(),
        " } }"
    ),
    delete: "mutation($id: ID!) { gone: deleteBackendSettings(id: $id) }",
    parent: None,
};

const FRONTEND_SETTINGS: Mutations = Mutations {
    create: concat!(
        "mutation($input: CreateFrontendSettingsInput!) { made: createFrontendSettings(input: $input) { ",
        frontend_settings!(),
        " } }"
    ),
    update: concat!(
        "mutation($id: ID!, $input: FrontendModuleConfigInput!) { changed: updateFrontendModuleConfig(id: $id, input: $input) { ",
        frontend_settings!(),
        " } }"
    ),
    delete: "mutation($id: ID!) { gone: deleteFrontendSettings(id: $id) }",
    parent: None,
};

/// `promoteApplication`: the application with the input's slug in the target tenant is brought
/// to the source's version (or made). The source is `applicationId`.
pub const PROMOTE: &str =
    "mutation($input: PromoteApplicationInput!) { made: promoteApplication(input: $input) { id } }";
/// `copyApplication`: a new application in the target tenant. The source is
/// `sourceApplicationId`.
pub const COPY: &str =
    "mutation($input: CopyApplicationInput!) { made: copyApplication(input: $input) { id } }";

#[cfg(test)]
mod tests {
    use super::*;

    /// Every document parses against the Manager's own schema (its SDL, kept beside the
    /// devserver): a field or argument renamed there fails here, not at a user's sync.
    #[test]
    fn every_document_names_what_the_schema_has() {
        let sdl = include_str!("../../../manager-devserver/schema.graphql");
        let mut documents = vec![
            ME,
            PROJECTS_PAGE,
            PROJECT_IDS,
            PROJECT_WHERE,
            TENANTS_OF,
            APPLICATIONS_OF,
            TREE,
            ENDPOINTS,
            TRIGGERS,
            BACKEND_SETTINGS_TREE,
            FRONTEND_SETTINGS_TREE,
            PROMOTE,
            COPY,
        ];
        for t in RecordType::ALL {
            if let Some(m) = mutations(t) {
                documents.extend([m.create, m.update, m.delete]);
            }
        }
        for doc in documents {
            // Each input type a document names is declared in the SDL...
            for word in doc.split(|c: char| !c.is_alphanumeric()) {
                if word.ends_with("Input") {
                    assert!(sdl.contains(&format!("input {word} {{")), "{word} in {doc}");
                }
            }
            // ...and so is the root field behind its alias, with its arguments.
            let (_, rest) = ["rows: ", "made: ", "changed: ", "gone: "]
                .iter()
                .find_map(|alias| doc.split_once(alias))
                .unwrap_or_else(|| panic!("no result alias in {doc}"));
            let root: String = rest.chars().take_while(|c| c.is_alphanumeric()).collect();
            let declared = sdl
                .lines()
                .find(|l| {
                    l.trim_start().starts_with(&format!("{root}("))
                        || l.trim() == format!("{root}: User!")
                })
                .unwrap_or_else(|| panic!("{root} is not in the schema"));
            let args = rest
                .split_once('(')
                .map(|(_, a)| a.split(')').next().unwrap_or_default());
            for arg in args
                .unwrap_or_default()
                .split(',')
                .filter_map(|a| a.split(':').next())
            {
                let arg = arg.trim();
                if !arg.is_empty() {
                    assert!(
                        declared.contains(&format!("{arg}: ")),
                        "{root} has no {arg}"
                    );
                }
            }
        }
    }
}
