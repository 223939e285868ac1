//! The sync engine. Its first piece is the retry policy every remote call goes through.

pub mod backoff;
