import { describe, expect, it } from "vitest";
import { directoryFacts, labelOf } from "./directoryFacts";

describe("directoryFacts", () => {
  it("shows plain fields with readable labels, never ids, secrets or objects", () => {
    expect(labelOf("lastLoginAt")).toBe("Last login at");
    expect(labelOf("display_name")).toBe("Display name");
    const facts = directoryFacts({
      id: "u1",
      tenantId: "t1",
      name: "Ana",
      email: "ana@example.com",
      status: "active",
      role: "admin",
      phone: "",
      isVerified: true,
      capacity: 12,
      tags: ["north", "van"],
      password_hash: "x",
      address: { city: "Porto" },
      createdAt: "not a date",
    });
    expect(facts).toEqual([
      ["Role", "admin"],
      ["Is verified", "yes"],
      ["Capacity", "12"],
      ["Tags", "north, van"],
      ["Created at", "not a date"],
    ]);
  });
});
