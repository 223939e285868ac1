//! Deleting a record deletes what belongs to it: a project its tenants, language packs,
//! pilets and settings; a tenant its applications and machine users; an application its
//! endpoints and triggers; and every role link and machine-user relation that named them.
//! The audit log keeps its entries.

use crate::records::Owner;
use crate::store::Data;

pub fn project(data: &mut Data, id: &str) {
    let tenants: Vec<String> = data
        .tenants
        .values()
        .filter(|t| t.project_id.as_str() == id)
        .map(|t| t.id.to_string())
        .collect();
    for t in tenants {
        tenant(data, &t);
    }
    data.language_packs
        .remove_where(|l| l.project_id.as_str() == id);
    let files = data.pilets.remove_where(|p| p.project_id.as_str() == id);
    for f in files {
        data.pilet_files.remove(&f);
    }
    settings_of(data, &Owner::Project(id.to_owned()));
    data.user_projects
        .remove_where(|l| l.target_id.as_str() == id);
    data.projects.remove(id);
}

pub fn tenant(data: &mut Data, id: &str) {
    let apps: Vec<String> = data
        .applications
        .values()
        .filter(|a| a.tenant_id.as_str() == id)
        .map(|a| a.id.to_string())
        .collect();
    for a in apps {
        application(data, &a);
    }
    let machines: Vec<String> = data
        .machine_users
        .values()
        .filter(|m| m.tenant_id.as_str() == id)
        .map(|m| m.id.to_string())
        .collect();
    for m in machines {
        machine_user(data, &m);
    }
    settings_of(data, &Owner::Tenant(id.to_owned()));
    data.user_tenants
        .remove_where(|l| l.target_id.as_str() == id);
    data.tenants.remove(id);
}

pub fn application(data: &mut Data, id: &str) {
    let endpoints: Vec<String> = data
        .endpoints
        .values()
        .filter(|e| e.application_id.as_str() == id)
        .map(|e| e.id.to_string())
        .collect();
    for e in endpoints {
        endpoint(data, &e);
    }
    data.triggers
        .remove_where(|t| t.application_id.as_str() == id);
    settings_of(data, &Owner::Application(id.to_owned()));
    data.user_applications
        .remove_where(|l| l.target_id.as_str() == id);
    data.applications.remove(id);
}

pub fn endpoint(data: &mut Data, id: &str) {
    data.machine_user_endpoints
        .remove_where(|r| r.endpoint_id.as_str() == id);
    data.endpoints.remove(id);
}

pub fn machine_user(data: &mut Data, id: &str) {
    data.machine_user_endpoints
        .remove_where(|r| r.machine_user_id.as_str() == id);
    data.backends.remove_where(|b| b.machine_user_id == id);
    data.machine_users.remove(id);
}

fn settings_of(data: &mut Data, owner: &Owner) {
    data.backend_settings.remove_where(|s| &s.owner == owner);
    data.frontend_settings.remove_where(|s| &s.owner == owner);
}
