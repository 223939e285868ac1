//! Test support: the response schemas of the seed (`platform-api-endpoints.txt`), read from its
//! text, and a structural validator for them.

pub mod schema;
pub mod text;
