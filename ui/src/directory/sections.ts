// The sections of the administration area (the Directory), in the order of its side list, and
// their place in the address: #directory?section=invitations.

export type Section = "users" | "groups" | "invitations" | "approvals" | "spaces" | "resources";

export interface SectionInfo {
  id: Section;
  label: string;
  one: string;
  many: string;
  /** What the section is, under the screen's title. */
  about: string;
}

const USERS: SectionInfo = {
  id: "users",
  label: "Users",
  one: "user",
  many: "users",
  about: "The tenant's users, as the last sync fetched them.",
};

export const SECTIONS: readonly SectionInfo[] = [
  USERS,
  {
    id: "groups",
    label: "Groups",
    one: "group",
    many: "groups",
    about: "Groups and their members: changed here, sent with the next sync.",
  },
  {
    id: "invitations",
    label: "Invitations",
    one: "invitation",
    many: "invitations",
    about: "Invitations to join the tenant: made, resent and revoked here, sent with the next sync.",
  },
  {
    id: "approvals",
    label: "Approvals",
    one: "approval request",
    many: "approval requests",
    about: "What waits for an administrator's decision: decided here, sent with the next sync.",
  },
  { id: "spaces", label: "Spaces", one: "space", many: "spaces", about: "The tenant's spaces, as the last sync fetched them." },
  {
    id: "resources",
    label: "Resources",
    one: "resource",
    many: "resources",
    about: "The tenant's resources, as the last sync fetched them.",
  },
];

/** The section a #directory fragment names; the users without one. */
export function sectionFromHash(hash: string): Section {
  const query = hash.split("?")[1] ?? "";
  const named = new URLSearchParams(query).get("section");
  return SECTIONS.find((s) => s.id === named)?.id ?? "users";
}

export function sectionHash(section: Section): string {
  return `#directory?section=${section}`;
}

export function sectionInfo(id: Section): SectionInfo {
  return SECTIONS.find((s) => s.id === id) ?? USERS;
}
