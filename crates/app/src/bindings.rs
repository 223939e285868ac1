//! Generates `ui/src/generated/bindings.ts`: every type that crosses the boundary, and the map of
//! command name to argument and result type. A test fails when the file in the tree is stale.

use std::any::TypeId;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use ts_rs::{Config, TypeVisitor, TS};

use crate::error::AppError;

const HEADER: &str = "// Generated from the Rust types of crates/app by\n\
// `cargo run -p outpost-app --bin outpost-gen-bindings`. Do not edit by hand.\n";

/// Collects type declarations (deduplicated, sorted by name) and the command map.
pub struct Collector {
    cfg: Config,
    seen: HashSet<TypeId>,
    decls: BTreeMap<String, String>,
    commands: Vec<(String, String, String)>,
}

impl Collector {
    fn new() -> Self {
        Self {
            // Our integers are counts and milliseconds: plain numbers in TypeScript.
            cfg: Config::new().with_large_int("number"),
            seen: HashSet::new(),
            decls: BTreeMap::new(),
            commands: Vec::new(),
        }
    }

    pub(crate) fn command<A: TS + 'static, R: TS + 'static>(&mut self, name: &str) {
        self.visit::<A>();
        self.visit::<R>();
        self.commands
            .push((name.to_string(), A::name(&self.cfg), R::name(&self.cfg)));
    }

    fn render(&self) -> String {
        let mut out = String::from(HEADER);
        for decl in self.decls.values() {
            out.push_str("\nexport ");
            out.push_str(decl);
            out.push('\n');
        }
        out.push_str(
            "\n/** Every command: its arguments and its result. */\nexport interface Commands {\n",
        );
        for (name, args, ret) in &self.commands {
            out.push_str(&format!("  {name}: {{ args: {args}; result: {ret} }};\n"));
        }
        out.push_str("}\n\nexport type CommandName = keyof Commands;\n");
        out
    }
}

impl TypeVisitor for Collector {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        if !self.seen.insert(TypeId::of::<T>()) {
            return;
        }
        // Declarable types (our structs and enums) get a declaration; wrappers such as Vec or
        // Option only lead on to what they wrap.
        if T::output_path().is_some() {
            self.decls.insert(T::ident(&self.cfg), T::decl(&self.cfg));
        }
        T::visit_dependencies(self);
        T::visit_generics(self);
    }
}

/// The full text of the bindings file.
pub fn generate() -> String {
    let mut c = Collector::new();
    c.visit::<AppError>();
    // Not a command's answer: what the backend pushes (Tauri events, the bridge's /events).
    c.visit::<crate::events::AppEvent>();
    visit_records(&mut c);
    crate::commands::visit_command_types(&mut c);
    c.render()
}

/// The record types of the model, typed, with their enums: one definition for the replica, the
/// CLI and the UI.
fn visit_records(c: &mut Collector) {
    use outpost_model::records::*;
    c.visit::<Calendar>();
    c.visit::<CalendarPatch>();
    c.visit::<Entry>();
    c.visit::<EntryPatch>();
    c.visit::<Series>();
    c.visit::<SeriesPatch>();
    c.visit::<Occurrence>();
    c.visit::<OccurrencePatch>();
    c.visit::<Reminder>();
    c.visit::<Contact>();
    c.visit::<ContactPatch>();
    c.visit::<Group>();
    c.visit::<GroupPatch>();
    c.visit::<GroupMember>();
    c.visit::<Invitation>();
    c.visit::<NewInvitation>();
    c.visit::<Approval>();
    c.visit::<User>();
    c.visit::<NewUser>();
    c.visit::<UserPatch>();
    c.visit::<Space>();
    c.visit::<SpacePatch>();
    c.visit::<Resource>();
    c.visit::<ResourcePatch>();
    c.visit::<SpaceMember>();
    c.visit::<SpaceMemberPatch>();
    c.visit::<ResourceMember>();
    c.visit::<MoveRequest>();
    c.visit::<Tenant>();
    c.visit::<TenantPatch>();
    c.visit::<RateLimit>();
    c.visit::<RateLimitPatch>();
    c.visit::<TenantSettings>();
    c.visit::<TenantSettingsPatch>();
    c.visit::<TenantDomain>();
    c.visit::<TenantDomainPatch>();
    c.visit::<ContactLink>();
    c.visit::<ManagerProject>();
    c.visit::<ManagerProjectPatch>();
    c.visit::<ManagerTenant>();
    c.visit::<ManagerTenantPatch>();
    c.visit::<ManagerApplication>();
    c.visit::<ManagerApplicationPatch>();
    c.visit::<ManagerEndpoint>();
    c.visit::<ManagerEndpointPatch>();
    c.visit::<ManagerTrigger>();
    c.visit::<ManagerTriggerPatch>();
    c.visit::<ManagerBackendSettings>();
    c.visit::<ManagerBackendSettingsPatch>();
    c.visit::<ManagerFrontendSettings>();
    c.visit::<ManagerFrontendSettingsPatch>();
    c.visit::<outpost_model::enums::ResponseStatus>();
}

/// Where the UI expects the file, relative to this crate.
pub fn default_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/generated/bindings.ts")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_is_in_the_map() {
        let text = generate();
        for name in crate::command_names() {
            assert!(
                text.contains(&format!("  {name}: {{ args: ")),
                "{name} missing"
            );
        }
        assert!(text.contains("export type AppError = "), "{text}");
        assert!(text.contains("export type ServerHealth = "), "{text}");
        assert!(text.contains("export type AppEvent = "), "{text}");
        assert!(text.contains("export type Dataset = "), "{text}");
    }

    #[test]
    fn the_checked_in_bindings_are_current() {
        let path = default_path();
        let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            on_disk == generate(),
            "{} is stale: run `cargo run -p outpost-app --bin outpost-gen-bindings`",
            path.display()
        );
    }
}
