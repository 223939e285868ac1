//! Test support: the request and response schemas of the seed (`platform-api-endpoints.txt`),
//! read from its text, turned into standard JSON Schema and kept as files under `schemas/`.

pub mod coverage;
pub mod files;
pub mod openapi;
pub mod served;
pub mod text;
