// Generated from the Rust types of crates/app by
// `cargo run -p outpost-app --bin outpost-gen-bindings`. Do not edit by hand.

export type AppError = { 
/**
 * Stable machine code, e.g. `offline`, `invalid_server_url`, `validation`.
 */
code: string, 
/**
 * What happened, in words, for a person.
 */
message: string, 
/**
 * Extra context (the field at fault, the server's answer), when there is any.
 */
details: Record<string, unknown> | null, };

export type AppInfo = { version: string, dataDir: string, 
/**
 * The schema version a new replica gets.
 */
replicaSchema: number, serverUrl: string | null, demo: boolean, };

export type AppInfoArgs = Record<symbol, never>;

export type ServerHealth = { serverUrl: string, 
/**
 * The server's own word: `ok`, `degraded` or `healthy`.
 */
status: string, version: string | null, 
/**
 * Round trip of the health request, in milliseconds.
 */
latencyMs: number, };

export type ServerHealthArgs = Record<symbol, never>;

/** Every command: its arguments and its result. */
export interface Commands {
  app_info: { args: AppInfoArgs; result: AppInfo };
  server_health: { args: ServerHealthArgs; result: ServerHealth };
}

export type CommandName = keyof Commands;
