import { describe, expect, it } from "vitest";
import { entryHash, entryRequestFromHash, landOnOverview, routeFromHash } from "./routes";

describe("routeFromHash", () => {
  it("names the screens and falls back to the overview", () => {
    expect(routeFromHash("#contacts")).toBe("contacts");
    expect(routeFromHash("#/sync")).toBe("sync");
    expect(routeFromHash("#overview")).toBe("overview");
    expect(routeFromHash("#calendars")).toBe("calendars");
    expect(routeFromHash("#directory")).toBe("directory");
    expect(routeFromHash("#settings")).toBe("settings");
    expect(routeFromHash("")).toBe("overview");
    expect(routeFromHash("#bridge-secret=abc")).toBe("overview");
  });

  it("reads the screen of a fragment that carries a request", () => {
    expect(routeFromHash("#calendars?entry=e1&at=2026-11-26T09:00:00Z")).toBe("calendars");
  });
});

describe("entry links", () => {
  it("carry an occurrence to the calendars screen and back", () => {
    const hash = entryHash({ entryId: "e 1/x", instanceDate: "2026-11-26", startsAt: "2026-11-26T08:00:00Z" });
    expect(hash.startsWith("#calendars?")).toBe(true);
    expect(entryRequestFromHash(hash)).toEqual({ entryId: "e 1/x", instanceDate: "2026-11-26", at: "2026-11-26T08:00:00Z" });
  });

  it("carry a one-off entry without a date", () => {
    const hash = entryHash({ entryId: "e2", instanceDate: null, startsAt: "2026-11-27T10:00:00Z" });
    expect(entryRequestFromHash(hash)).toEqual({ entryId: "e2", instanceDate: null, at: "2026-11-27T10:00:00Z" });
  });

  it("ask for nothing when the fragment is another screen's or incomplete", () => {
    expect(entryRequestFromHash("#calendars")).toBeNull();
    expect(entryRequestFromHash("#contacts?entry=e1&at=2026-11-26T09:00:00Z")).toBeNull();
    expect(entryRequestFromHash("#calendars?entry=e1")).toBeNull();
    expect(entryRequestFromHash("#calendars?entry=e1&at=not-a-time")).toBeNull();
  });
});

describe("landOnOverview", () => {
  it("points the fragment at the overview, keeping the page's address", () => {
    window.history.replaceState(null, "", "/index.html?x=1#settings");
    landOnOverview();
    expect(window.location.hash).toBe("#overview");
    expect(window.location.pathname + window.location.search).toBe("/index.html?x=1");
  });
});
