// A group's form: the model's rules (crates/model's Group: a name of 1 to 255 characters), the
// bodies sent to create_group and update_group, and the backend's objection placed at its field.

import type { CommandError } from "../api/transport";
import type { Group, GroupPatch } from "../generated/bindings";

export const NAME_MAX = 255;

export interface GroupForm {
  name: string;
  description: string;
  permissions: string[];
}

export type GroupField = keyof GroupForm;

export const EMPTY_GROUP: GroupForm = { name: "", description: "", permissions: [] };

export function formOf(group: Group): GroupForm {
  return { name: group.name, description: group.description ?? "", permissions: group.permissions ?? [] };
}

/** Characters as people count them (an emoji or an accented letter is one), as the server does. */
function length(text: string): number {
  return [...text].length;
}

/** What is wrong with the form, field by field, before anything is sent; empty when nothing is. */
export function checkGroup(form: GroupForm): Partial<Record<GroupField, string>> {
  const problems: Partial<Record<GroupField, string>> = {};
  const name = form.name.trim();
  if (!name) problems.name = "A group needs a name.";
  else if (length(name) > NAME_MAX) problems.name = `At most ${NAME_MAX} characters (this is ${length(name)}).`;
  return problems;
}

/** The body of create_group: the name trimmed, empty optional fields left out. */
export function createBody(form: GroupForm): Group {
  const body: Group = { name: form.name.trim() };
  const description = form.description.trim();
  if (description) body.description = description;
  if (form.permissions.length > 0) body.permissions = form.permissions;
  return body;
}

/** Only what changed, for update_group (the platform keeps a field it is not sent). */
export function patchBody(before: Group, form: GroupForm): GroupPatch {
  const patch: GroupPatch = {};
  const name = form.name.trim();
  if (name !== before.name) patch.name = name;
  const description = form.description.trim();
  if (description !== (before.description ?? "")) patch.description = description;
  const permissions = before.permissions ?? [];
  if (permissions.length !== form.permissions.length || permissions.some((p, i) => p !== form.permissions[i])) {
    patch.permissions = form.permissions;
  }
  return patch;
}

/** Adds a permission code to the list, unless it is blank or there already. */
export function withPermission(list: readonly string[], code: string): string[] {
  const trimmed = code.trim();
  return !trimmed || list.includes(trimmed) ? [...list] : [...list, trimmed];
}

const FIELDS: readonly GroupField[] = ["name", "description", "permissions"];

/**
 * The backend's `invalid` error as `{field, message}` when it names a field of this form
 * (`permissions[2]` is the permissions field); null for any other error, shown as a whole.
 */
export function groupFieldError(error: CommandError): { field: GroupField; message: string } | null {
  if (error.code !== "invalid") return null;
  const named = error.details?.field;
  if (typeof named !== "string") return null;
  const field = FIELDS.find((f) => named === f || named.startsWith(`${f}[`) || named.startsWith(`${f}.`));
  if (!field) return null;
  const prefix = `${named}: `;
  return { field, message: error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message };
}
