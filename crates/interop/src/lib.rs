//! Import and export in the formats other calendars and address books speak. The first piece is
//! the content-line reader shared by iCalendar (RFC 5545 §3.1) and vCard (RFC 6350 §3.2).

pub mod content_line;
