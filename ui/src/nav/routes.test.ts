import { describe, expect, it } from "vitest";
import { routeFromHash } from "./routes";

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
});
