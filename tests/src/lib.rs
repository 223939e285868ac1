//! Helpers shared by tests across the workspace (the cross-crate tests themselves live in this
//! crate's `tests/` folder).

pub mod faults;
pub mod link;
pub mod platform;
pub mod tamper;
