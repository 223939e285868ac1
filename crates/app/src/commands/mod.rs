//! The command table. Each command is an `App` method taking one argument struct and returning
//! one result struct; the macro derives the dispatcher and the TypeScript command map from the
//! same list, so the two cannot drift apart.

pub mod info;

use serde_json::Value;

use crate::error::AppError;
use crate::state::App;

macro_rules! command_table {
    ($( $(#[$doc:meta])* $name:ident ( $args:ty ) -> $ret:ty ; )*) => {
        /// Runs the command `name` with JSON arguments; the answer is JSON too.
        pub async fn dispatch(app: &App, name: &str, args: Value) -> Result<Value, AppError> {
            match name {
                $( stringify!($name) => {
                    let args: $args = serde_json::from_value(args)
                        .map_err(|e| AppError::bad_arguments(name, e))?;
                    let out: $ret = app.$name(args).await?;
                    serde_json::to_value(out).map_err(|e| {
                        AppError::new("internal", format!("cannot encode the answer of {name}: {e}"))
                    })
                } )*
                other => Err(AppError::unknown_command(other)),
            }
        }

        /// Every command name, in table order.
        pub fn command_names() -> &'static [&'static str] {
            &[$(stringify!($name)),*]
        }

        /// Feeds every argument and result type, with its name, to the bindings generator.
        pub(crate) fn visit_command_types(out: &mut crate::bindings::Collector) {
            $( out.command::<$args, $ret>(stringify!($name)); )*
        }
    };
}

command_table! {
    /// Version, data folder, replica schema, configured server.
    app_info(info::AppInfoArgs) -> info::AppInfo;
    /// Asks the configured server whether it is up, and how fast it answers.
    server_health(info::ServerHealthArgs) -> info::ServerHealth;
}
