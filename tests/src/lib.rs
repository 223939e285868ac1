//! Shared helpers for the cross-crate tests live in this crate's `tests/` folder.
