//! Wire types, field for field as the seed's schemas name them (mixed casing included).

pub mod auth;
pub mod system;

pub use auth::*;
pub use system::*;
