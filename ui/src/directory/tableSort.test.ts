import { describe, expect, it } from "vitest";
import { matchesWords, nextSort, sortRows } from "./tableSort";

const rows = [
  { id: "1", name: "émile", n: 10 },
  { id: "2", name: "Ana", n: 9 },
  { id: "3", name: null, n: null },
  { id: "4", name: "bea", n: 100 },
];

describe("sortRows", () => {
  it("sorts text as people read it, empty values last both ways", () => {
    expect(sortRows(rows, (r) => r.name, "asc", (r) => r.id).map((r) => r.id)).toEqual(["2", "4", "1", "3"]);
    expect(sortRows(rows, (r) => r.name, "desc", (r) => r.id).map((r) => r.id)).toEqual(["1", "4", "2", "3"]);
  });
  it("sorts numbers as numbers and breaks ties by id", () => {
    expect(sortRows(rows, (r) => r.n, "asc", (r) => r.id).map((r) => r.id)).toEqual(["2", "1", "4", "3"]);
    const same = [{ id: "b" }, { id: "a" }];
    expect(sortRows(same, () => "x", "desc", (r) => r.id).map((r) => r.id)).toEqual(["a", "b"]);
  });
  it("turns a column around, and starts another ascending", () => {
    expect(nextSort({ column: "name", dir: "asc" }, "name")).toEqual({ column: "name", dir: "desc" });
    expect(nextSort({ column: "name", dir: "desc" }, "status")).toEqual({ column: "status", dir: "asc" });
  });
});

describe("matchesWords", () => {
  it("needs every word to start a word, accents and case ignored", () => {
    expect(matchesWords("", ["anything"])).toBe(true);
    expect(matchesWords("dub chl", ["Chloé Dubois", "chloe@acme.example"])).toBe(true);
    expect(matchesWords("acme", ["chloe@acme.example"])).toBe(true);
    expect(matchesWords("hloe", ["Chloé Dubois"])).toBe(false);
    expect(matchesWords("4915", ["+4915112345678"])).toBe(true);
    expect(matchesWords("x", [null, undefined])).toBe(false);
  });
});
