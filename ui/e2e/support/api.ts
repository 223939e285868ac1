import type { RunningBridge } from "./bridge";

/** Calls a command of the running backend, as the UI does, through the bridge. */
export async function rpc<T>(bridge: RunningBridge, name: string, args: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(`${bridge.origin}/rpc/${name}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${bridge.secret}`, "Content-Type": "application/json" },
    body: JSON.stringify(args),
  });
  const body: unknown = await response.json();
  if (!response.ok) throw new Error(`${name}: ${JSON.stringify(body)}`);
  return body as T;
}

export interface PlatformClient {
  /** Sends a request to the platform API as another session of the demo administrator would. */
  request: (method: string, path: string, body?: unknown) => Promise<Record<string, unknown>>;
}

/**
 * Signs in to the devserver behind the demo directly (not through Outpost), in the tenant Outpost
 * has active: what a colleague's edit on another machine looks like to Outpost.
 */
export async function platformAs(bridge: RunningBridge, email: string, password: string): Promise<PlatformClient> {
  const session = await rpc<{ activeAccount: { serverUrl: string }; activeTenant: { id: string } }>(
    bridge,
    "session_state",
  );
  const server = session.activeAccount.serverUrl.replace(/\/$/, "");
  const login = await fetch(`${server}/api/v1/public/auth/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  const tokens = (await login.json()) as { accessToken?: string };
  if (!login.ok || !tokens.accessToken) throw new Error(`devserver sign-in failed: ${JSON.stringify(tokens)}`);
  return {
    request: async (method, path, body) => {
      const response = await fetch(`${server}${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${tokens.accessToken}`,
          "X-Tenant-ID": session.activeTenant.id,
          "Content-Type": "application/json",
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const json = (await response.json()) as Record<string, unknown>;
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
      return json;
    },
  };
}
