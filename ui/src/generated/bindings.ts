// Generated from the Rust types of crates/app by
// `cargo run -p outpost-app --bin outpost-gen-bindings`. Do not edit by hand.

export type Account = { 
/**
 * Local id, also the name of the account's folder and keyring item.
 */
id: string, serverUrl: string, email: string, 
/**
 * The user's id on the server.
 */
userId: string, displayName: string | null, activeTenantId: string | null, createdAt: string, };

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

export type CancelSignInArgs = Record<symbol, never>;

export type ListTenantsArgs = { 
/**
 * Ask the server for the current list (else the list kept in the replica).
 */
refresh: boolean, };

export type PendingSecondFactor = { email: string, serverUrl: string, };

export type SecondFactorMethod = "totp" | "backup";

export type ServerHealth = { serverUrl: string, 
/**
 * The server's own word: `ok`, `degraded` or `healthy`.
 */
status: string, version: string | null, 
/**
 * Round trip of the health request, in milliseconds.
 */
latencyMs: number, };

export type ServerHealthArgs = { 
/**
 * A server to check (the sign-in screen checks what the user typed); else the current one.
 */
serverUrl?: string, };

export type SessionState = { accounts: Array<Account>, activeAccount: Account | null, 
/**
 * The active account has a session (its tokens are in the keyring or in memory).
 */
signedIn: boolean, tenants: Array<TenantView>, activeTenant: TenantView | null, pendingSecondFactor: PendingSecondFactor | null, 
/**
 * Which keyring holds the tokens, once one is in use.
 */
keyring: VaultBackend | null, };

export type SessionStateArgs = Record<symbol, never>;

export type SignInArgs = { serverUrl: string, email: string, password: string, rememberMe: boolean, };

export type SignInOutcome = { status: SignInStatus, session: SessionState, };

export type SignInStatus = "signed_in" | "second_factor_required";

export type SignOutArgs = { 
/**
 * Delete the local replica too. Unsynced edits are then lost.
 */
wipeReplica: boolean, };

export type SignOutCheck = { 
/**
 * Local edits not yet on the server (pending, failed or in conflict), all tenants.
 */
unsyncedEdits: number, };

export type SignOutCheckArgs = Record<symbol, never>;

export type SignOutReport = { 
/**
 * The server revoked the session (false when it could not be reached).
 */
revokedOnServer: boolean, replicaWiped: boolean, unsyncedEdits: number, session: SessionState, };

export type TenantArgs = { tenantId: string, };

export type TenantView = { id: string, name: string, slug: string | null, 
/**
 * owner, admin, manager, member, guest or system_admin.
 */
role: string | null, 
/**
 * The membership's status: active, suspended, pending or invited.
 */
status: string | null, isDefault: boolean, 
/**
 * The tenant Outpost shows and syncs now.
 */
active: boolean, };

export type UseAccountArgs = { accountId: string, };

export type VaultBackend = "secret-service" | "kernel-keyring" | "demo-memory";

export type VerifySecondFactorArgs = { method: SecondFactorMethod, code: string, };

/** Every command: its arguments and its result. */
export interface Commands {
  app_info: { args: AppInfoArgs; result: AppInfo };
  server_health: { args: ServerHealthArgs; result: ServerHealth };
  session_state: { args: SessionStateArgs; result: SessionState };
  sign_in: { args: SignInArgs; result: SignInOutcome };
  verify_second_factor: { args: VerifySecondFactorArgs; result: SignInOutcome };
  cancel_sign_in: { args: CancelSignInArgs; result: SessionState };
  sign_out_check: { args: SignOutCheckArgs; result: SignOutCheck };
  sign_out: { args: SignOutArgs; result: SignOutReport };
  use_account: { args: UseAccountArgs; result: SessionState };
  list_tenants: { args: ListTenantsArgs; result: Array<TenantView> };
  use_tenant: { args: TenantArgs; result: SessionState };
  set_default_tenant: { args: TenantArgs; result: Array<TenantView> };
}

export type CommandName = keyof Commands;
