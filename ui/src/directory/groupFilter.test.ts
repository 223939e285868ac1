import { describe, expect, it } from "vitest";
import type { Group, RecordView } from "../generated/bindings";
import { shownGroups } from "./groupFilter";

const group = (localId: string, fields: Group): RecordView<Group> => ({
  entity: "group",
  localId,
  serverId: null,
  fields,
  baseUpdatedAt: null,
  hasPendingOps: false,
});

const groups = [
  group("a", { name: "Zürich dispatch", permissions: ["calendar:write"] }),
  group("b", { name: "field crew", description: "Technicians on the road" }),
  group("c", { name: "Admins" }),
];

describe("shownGroups", () => {
  it("sorts by name either way, case and accents aside", () => {
    expect(shownGroups(groups, "", "asc").map((g) => g.localId)).toEqual(["c", "b", "a"]);
    expect(shownGroups(groups, "", "desc").map((g) => g.localId)).toEqual(["a", "b", "c"]);
  });

  it("keeps the groups where every word typed starts a word of the name, description or a permission", () => {
    expect(shownGroups(groups, "zur", "asc").map((g) => g.localId)).toEqual(["a"]);
    expect(shownGroups(groups, "TECH road", "asc").map((g) => g.localId)).toEqual(["b"]);
    expect(shownGroups(groups, "write", "asc").map((g) => g.localId)).toEqual(["a"]);
    expect(shownGroups(groups, "crew admins", "asc")).toEqual([]);
  });
});
