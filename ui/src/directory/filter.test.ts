import { describe, expect, it } from "vitest";
import type { DirectoryItem } from "../generated/bindings";
import { filterDirectory } from "./filter";

const item = (name: string, email: string | null): DirectoryItem => ({ serverId: name, name, email, status: "active", raw: {} });
const items = [item("Dana Admin", "admin@outpost.example"), item("José Núñez", "jose@field.example"), item("Meeting room", null)];

describe("filterDirectory", () => {
  it("matches every word typed at the start of a word of the name or email, accents and case ignored", () => {
    expect(filterDirectory(items, "").map((i) => i.name)).toEqual(["Dana Admin", "José Núñez", "Meeting room"]);
    expect(filterDirectory(items, "nun").map((i) => i.name)).toEqual(["José Núñez"]);
    expect(filterDirectory(items, "ADMIN dana").map((i) => i.name)).toEqual(["Dana Admin"]);
    expect(filterDirectory(items, "field").map((i) => i.name)).toEqual(["José Núñez"]);
    expect(filterDirectory(items, "room meet").map((i) => i.name)).toEqual(["Meeting room"]);
    expect(filterDirectory(items, "oom")).toEqual([]);
  });
});
