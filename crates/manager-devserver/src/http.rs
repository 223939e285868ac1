//! The Manager's HTTP surface: `POST /query` (GraphQL), `GET /gql` (GraphiQL, to explore the
//! schema), and the REST routes.

use std::net::SocketAddr;
use std::sync::Arc;

use async_graphql::http::GraphiQLSource;
use async_graphql_axum::rejection::GraphQLRejection;
use async_graphql_axum::{GraphQLRequest, GraphQLResponse};
use axum::extract::{ConnectInfo, FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;

use crate::audit::Origin;
use crate::error::{Code, RestError};
use crate::schema::{self, ManagerSchema};
use crate::store::Store;
use crate::{auth, rest};

#[derive(Clone)]
struct App {
    store: Arc<Store>,
    schema: ManagerSchema,
}

pub fn router(store: Arc<Store>) -> Router {
    let app = App {
        schema: schema::build(store.clone()),
        store: store.clone(),
    };
    Router::new()
        .route("/query", post(graphql))
        .route("/gql", get(graphiql))
        .with_state(app)
        .merge(rest::router(store))
        .fallback(no_route)
}

/// An unknown path answers the seed's REST error body, not an empty 404.
async fn no_route(uri: axum::http::Uri) -> RestError {
    RestError::new(
        axum::http::StatusCode::NOT_FOUND,
        "NOT_FOUND",
        format!("No route {}", uri.path()),
    )
}

/// Where a request came from: the first `X-Forwarded-For` address (a proxy in front), else the
/// peer when the server knows it.
pub fn origin(headers: &HeaderMap, peer: Option<SocketAddr>) -> Origin {
    let forwarded = headers
        .get("x-forwarded-for")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(',').next())
        .map(|v| v.trim().to_owned());
    Origin {
        ip: forwarded.or_else(|| peer.map(|p| p.ip().to_string())),
        user_agent: headers
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned),
    }
}

async fn graphql(
    State(app): State<App>,
    Peer(peer): Peer,
    headers: HeaderMap,
    request: Result<GraphQLRequest, GraphQLRejection>,
) -> Response {
    // A body that is no GraphQL request still answers in GraphQL's shape, with a 400.
    let request = match request {
        Ok(r) => r,
        Err(e) => {
            let body = serde_json::json!({
                "data": null,
                "errors": [{
                    "message": format!("Not a GraphQL request: {}", e.0),
                    "extensions": { "code": Code::BadUserInput.as_str() },
                }],
            });
            return (axum::http::StatusCode::BAD_REQUEST, axum::Json(body)).into_response();
        }
    };
    let caller = auth::authenticate(&headers, &mut app.store.lock());
    let context = schema::Request {
        caller,
        origin: origin(&headers, peer),
    };
    let mut response = app.schema.execute(request.into_inner().data(context)).await;
    if let Err(e) = app.store.flush() {
        // The answer would claim changes that are not stored: it becomes an error instead.
        tracing::error!("cannot store a request's changes: {e:#}");
        let mut error =
            async_graphql::ServerError::new(format!("cannot store the changes: {e:#}"), None);
        let mut ext = async_graphql::ErrorExtensionValues::default();
        ext.set("code", Code::Internal.as_str());
        error.extensions = Some(ext);
        response = async_graphql::Response::from_errors(vec![error]);
    }
    for error in &mut response.errors {
        // Errors of the schema itself (a misspelt field, a wrong enum value, a missing
        // argument) carry no code from a resolver: they are the client's bad input.
        let ext = error.extensions.get_or_insert_with(Default::default);
        if ext.get("code").is_none() {
            ext.set("code", Code::BadUserInput.as_str());
        }
    }
    GraphQLResponse::from(response).into_response()
}

/// The peer's address, when the server was started with it (`ConnectInfo<SocketAddr>`).
struct Peer(Option<SocketAddr>);

impl<S: Send + Sync> FromRequestParts<S> for Peer {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let peer = parts.extensions.get::<ConnectInfo<SocketAddr>>();
        Ok(Peer(peer.map(|c| c.0)))
    }
}

async fn graphiql() -> Html<String> {
    Html(GraphiQLSource::build().endpoint("/query").finish())
}
