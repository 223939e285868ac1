//! What a hostile or broken server can send the client: huge `Retry-After`s, bodies without
//! end, redirects to other servers. None of it may crash the client, fill its memory or carry a
//! secret anywhere but the server the user chose.

mod canned;
mod limits;
mod redirects;
