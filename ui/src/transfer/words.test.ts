import { describe, expect, it } from "vitest";
import { dayWords, plural } from "./words";

describe("plural", () => {
  it("counts in the reader's locale", () => {
    expect(plural(1, "contact")).toBe("1 contact");
    expect(plural(1000, "entry", "entries")).toBe(`${(1000).toLocaleString()} entries`);
  });
});

describe("dayWords", () => {
  it("says a day in the locale given, as that calendar day wherever the reader is", () => {
    // Read as local parts, not UTC midnight: west of UTC that would be the day before.
    expect(dayWords("2026-09-08", "en-US")).toBe("Sep 8, 2026");
    expect(dayWords("2027-12-06", "en-GB")).toBe("6 Dec 2027");
    expect(dayWords("2026-01-01", "en-US")).toBe("Jan 1, 2026");
    expect(dayWords("2026-12-31", "en-US")).toBe("Dec 31, 2026");
  });

  it("uses the reader's locale by default, as the rest of the UI does", () => {
    expect(dayWords("2026-09-08")).toBe(new Date(2026, 8, 8).toLocaleDateString(undefined, { dateStyle: "medium" }));
  });

  it("keeps years below 100 as they are", () => {
    expect(dayWords("0099-03-04", "en-US")).toBe("Mar 4, 99");
  });

  it("gives back anything that is not a day as it was", () => {
    for (const text of ["", "not a day", "2026-9-8", "2026-02-30", "2026-13-01"]) expect(dayWords(text, "en-US")).toBe(text);
  });
});
