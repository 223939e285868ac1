//! `/api/v1/secure/calendar`: calendars, entries, recurrence and reminders, camelCase both ways
//! as the seed has them. Every query is scoped by the caller's tenant; deletes are soft (deleted
//! rows leave the lists and answer 404); guests read and never write.

pub(crate) mod admin;
pub(crate) mod bulk;
mod busy;
mod calendars;
pub(crate) mod demo;
mod entries;
mod entry_index;
mod expand;
pub(crate) mod input;
mod instances;
mod occurrences;
mod recurrence;
mod reminders;
mod series;
mod store;
mod window;

use std::sync::Arc;

use axum::routing::{delete, get, patch, post};
use axum::Router;

use crate::state::AppState;

pub use store::CalendarStore;

pub fn router() -> Router<Arc<AppState>> {
    let base = "/api/v1/secure/calendar";
    Router::new()
        .route(base, get(calendars::list).post(calendars::create))
        .route(
            &format!("{base}/"),
            get(calendars::list).post(calendars::create),
        )
        .route(
            &format!("{base}/{{id}}"),
            get(calendars::get_one)
                .patch(calendars::update)
                .delete(calendars::remove),
        )
        .route(
            &format!("{base}/{{id}}/reminders"),
            get(reminders::list_for_calendar),
        )
        .route(&format!("{base}/window"), get(busy::window))
        .route(&format!("{base}/free-busy"), get(busy::free_busy))
        .route(
            &format!("{base}/entries"),
            get(entries::list).post(entries::create),
        )
        .route(
            &format!("{base}/entries/{{id}}"),
            get(entries::get_one)
                .patch(entries::update)
                .delete(entries::remove),
        )
        .route(
            &format!("{base}/entries/{{id}}/status"),
            post(entries::set_status),
        )
        .route(
            &format!("{base}/entries/{{id}}/respond"),
            post(entries::respond),
        )
        .route(
            &format!("{base}/recurrence-masters"),
            post(recurrence::create),
        )
        .route(
            &format!("{base}/recurrence-masters/{{id}}"),
            get(recurrence::get_one),
        )
        .route(
            &format!("{base}/recurrence-masters/{{id}}/instances"),
            get(instances::list),
        )
        .route(
            &format!("{base}/recurrence-instances/{{id}}"),
            patch(instances::update),
        )
        .route(&format!("{base}/reminders"), post(reminders::create))
        .route(
            &format!("{base}/reminders/{{id}}"),
            delete(reminders::remove),
        )
        .route(
            &format!("{base}/reminders/{{id}}/ack"),
            post(reminders::ack),
        )
}
