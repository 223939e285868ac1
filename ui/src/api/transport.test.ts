import { describe, expect, it, vi } from "vitest";
import { bridgeFromLocation, bridgeTransport, CommandError, toCommandError } from "./transport";

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
  };
}

describe("bridgeFromLocation", () => {
  it("takes the secret from the fragment, keeps it for the tab and clears the address bar", () => {
    const storage = memoryStorage();
    const clear = vi.fn();
    const found = bridgeFromLocation(
      { hash: "#bridge-secret=abc123", origin: "http://127.0.0.1:4000" },
      storage,
      clear,
    );
    expect(found).toEqual({ secret: "abc123", origin: "http://127.0.0.1:4000" });
    expect(clear).toHaveBeenCalledOnce();
    // A reload has no fragment any more but still finds the bridge.
    expect(bridgeFromLocation({ hash: "", origin: "http://127.0.0.1:4000" }, storage, clear)).toEqual(found);
  });

  it("accepts a separate bridge origin for the Vite dev server", () => {
    const found = bridgeFromLocation(
      { hash: "#bridge-secret=s&bridge=http://127.0.0.1:9999", origin: "http://localhost:5173" },
      memoryStorage(),
      () => {},
    );
    expect(found?.origin).toBe("http://127.0.0.1:9999");
  });

  it("finds nothing without a secret", () => {
    expect(bridgeFromLocation({ hash: "", origin: "http://x" }, memoryStorage(), () => {})).toBeNull();
  });
});

describe("bridgeTransport", () => {
  it("posts the arguments with the secret and returns the answer", async () => {
    const fetchImpl = vi.fn(async () => new Response(JSON.stringify({ status: "ok" }), { status: 200 }));
    const call = bridgeTransport("http://127.0.0.1:1", "sekret", fetchImpl as unknown as typeof fetch);
    await expect(call("server_health", {})).resolves.toEqual({ status: "ok" });
    const [url, init] = fetchImpl.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe("http://127.0.0.1:1/rpc/server_health");
    expect((init.headers as Record<string, string>).Authorization).toBe("Bearer sekret");
  });

  it("turns the backend's error body into a CommandError with its code", async () => {
    const body = { code: "offline", message: "cannot reach the server", details: null };
    const call = bridgeTransport("http://b", "s", (async () =>
      new Response(JSON.stringify(body), { status: 422 })) as unknown as typeof fetch);
    const err = await call("server_health", {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CommandError);
    expect((err as CommandError).code).toBe("offline");
    expect((err as CommandError).message).toBe("cannot reach the server");
  });

  it("says plainly when the backend itself is gone", async () => {
    const call = bridgeTransport("http://b", "s", (async () => {
      throw new TypeError("Failed to fetch");
    }) as unknown as typeof fetch);
    const err = (await call("app_info", {}).catch((e: unknown) => e)) as CommandError;
    expect(err.code).toBe("backend_unreachable");
    expect(err.message).toContain("Failed to fetch");
  });
});

describe("toCommandError", () => {
  it("keeps AppError shapes and wraps anything else", () => {
    expect(toCommandError({ code: "x", message: "y", details: null }).code).toBe("x");
    expect(toCommandError(new Error("boom")).code).toBe("internal");
    expect(toCommandError("text").message).toBe("text");
  });
});
