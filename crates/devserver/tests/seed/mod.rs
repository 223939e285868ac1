//! Test support: the request and response schemas of the seed (`platform-api-endpoints.txt`),
//! read from its text, turned into standard JSON Schema and kept as files under `schemas/`.
#![allow(dead_code)] // each test file uses its own part

pub mod files;
pub mod openapi;
pub mod served;
pub mod text;
