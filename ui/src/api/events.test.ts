import { afterEach, describe, expect, it, vi } from "vitest";
import type { AppEvent } from "../generated/bindings";
import { bridgeEvents, parseSse, RECONNECT_MS } from "./events";

describe("parseSse", () => {
  it("takes the data of each complete event and keeps the rest for the next chunk", () => {
    const { data, rest } = parseSse('event: changed\ndata: {"a":1}\n\n: keep-alive\n\nevent: syncStatus\ndata: {"b"');
    expect(data).toEqual(['{"a":1}']);
    expect(rest).toBe('event: syncStatus\ndata: {"b"');
    expect(parseSse(rest + ":2}\n\n").data).toEqual(['{"b":2}']);
  });

  it("reads CRLF line ends and multi-line data", () => {
    expect(parseSse("data: a\r\ndata: b\r\n\r\n").data).toEqual(["a\nb"]);
  });
});

/** A response whose body streams `chunks`, then ends (the bridge went away). */
function streaming(chunks: string[]): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const c of chunks) controller.enqueue(new TextEncoder().encode(c));
      controller.close();
    },
  });
  return new Response(body, { status: 200, headers: { "content-type": "text/event-stream" } });
}

afterEach(() => {
  vi.useRealTimers();
});

describe("bridgeEvents", () => {
  it("sends the secret in the Authorization header, never in the URL, and passes events on", async () => {
    const changed: AppEvent = { kind: "changed", records: ["contacts", "outbox"], changes: [{ entity: "contact", ids: ["c1"] }] };
    const fetchImpl = vi.fn(async () => streaming([`event: changed\ndata: ${JSON.stringify(changed)}\n\n`]));
    const got: AppEvent[] = [];
    const opened = vi.fn();
    const stop = bridgeEvents("http://127.0.0.1:9", "s3cret", fetchImpl as unknown as typeof fetch)({ onEvent: (e) => got.push(e), onOpen: opened });
    await vi.waitFor(() => expect(got).toEqual([changed]));
    stop();
    const [url, init] = fetchImpl.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe("http://127.0.0.1:9/events");
    expect(url).not.toContain("s3cret");
    expect((init.headers as Record<string, string>).Authorization).toBe("Bearer s3cret");
    expect(opened).toHaveBeenCalledTimes(1);
  });

  it("opens the stream again after a break, waiting longer after each failure, and stops for good", async () => {
    vi.useFakeTimers();
    const fetchImpl = vi.fn(async () => {
      if (fetchImpl.mock.calls.length === 2) throw new TypeError("connection refused");
      return streaming([]);
    });
    const opened = vi.fn();
    const stop = bridgeEvents("http://127.0.0.1:9", "s", fetchImpl as unknown as typeof fetch)({ onEvent: () => undefined, onOpen: opened });
    await vi.advanceTimersByTimeAsync(0);
    expect(fetchImpl).toHaveBeenCalledTimes(1);
    // The stream ended: one pause, then again (refused this time), then a longer pause.
    await vi.advanceTimersByTimeAsync(RECONNECT_MS[0] ?? 0);
    expect(fetchImpl).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync((RECONNECT_MS[0] ?? 0) + 10);
    expect(fetchImpl).toHaveBeenCalledTimes(2);
    // 2 s after the refusal (at 3 s): open again.
    await vi.advanceTimersByTimeAsync((RECONNECT_MS[1] ?? 0) - (RECONNECT_MS[0] ?? 0));
    expect(fetchImpl).toHaveBeenCalledTimes(3);
    expect(opened).toHaveBeenCalledTimes(2);
    stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fetchImpl.mock.calls.length).toBeLessThanOrEqual(4);
    const after = fetchImpl.mock.calls.length;
    await vi.advanceTimersByTimeAsync(120_000);
    expect(fetchImpl).toHaveBeenCalledTimes(after);
  });
});
