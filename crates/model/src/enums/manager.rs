//! The Manager's enums (its GraphQL schema's), for its tenants and endpoints.

use serde::{Deserialize, Serialize};

string_enum! {
    /// The kind of environment a Manager tenant is (`dev` when not given).
    TenantType {
        /// Where an application is built.
        Dev = "dev",
        /// Where it is tried before it runs.
        Test = "test",
        /// Where it runs.
        Run = "run",
    }
}

string_enum! {
    /// How an endpoint's callers sign in (`None` when not given).
    EndpointAuthType {
        /// Username and password.
        Basic = "Basic",
        /// A bearer token.
        Bearer = "Bearer",
        /// Nobody signs in.
        None = "None",
    }
}

string_enum! {
    /// The message format an endpoint takes or answers.
    EndpointMessageType {
        /// SOAP envelopes.
        Soap = "SOAP",
        /// Plain XML.
        Xml = "XML",
        /// JSON.
        Json = "JSON",
    }
}

string_enum! {
    /// How much of an endpoint's traffic is logged (`BASIC` when not given).
    EndpointLogLevel {
        /// Nothing.
        None = "NONE",
        /// Calls, without bodies.
        Basic = "BASIC",
        /// Calls with their bodies.
        Full = "FULL",
    }
}
