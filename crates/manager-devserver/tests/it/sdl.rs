//! `crates/manager-devserver/schema.graphql`: the served schema in SDL, kept in the repository
//! for the client (and its code generation) to read. This test fails when the file is stale;
//! `OUTPOST_REGEN_MANAGER_SDL=1` rewrites it.

use std::path::PathBuf;

#[test]
fn the_schema_file_is_the_served_schema() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("schema.graphql");
    let served = outpost_manager_devserver::sdl();
    if std::env::var_os("OUTPOST_REGEN_MANAGER_SDL").is_some() {
        std::fs::write(&path, &served).unwrap();
    }
    let kept = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        kept == served,
        "{} is stale: OUTPOST_REGEN_MANAGER_SDL=1 cargo nextest run -p outpost-manager-devserver sdl",
        path.display()
    );
}

#[test]
fn the_schema_spells_the_seeds_names() {
    let sdl = outpost_manager_devserver::sdl();
    for piece in [
        "input Filter {\n\tfield: String!\n\tvalue: String!\n}",
        "enum OrderDirection {\n\tASC\n\tDESC\n}",
        "input Pagination {\n\tlimit: Int!\n\toffset: Int!\n}",
        "enum EndpointAuthType {\n\tBasic\n\tBearer\n\tNone\n}",
        "enum EndpointLogLevel {\n\tNONE\n\tBASIC\n\tFULL\n}",
        "consumeURL: String!",
        "entityID: ID!",
        "EnabledModules: [String!]",
        "KeyValuePairs: [KeyValuePair!]!",
    ] {
        assert!(sdl.contains(piece), "the schema lacks {piece:?}");
    }
}
