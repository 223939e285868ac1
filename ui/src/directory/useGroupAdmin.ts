import { useSession } from "../session/SessionContext";
import type { TenantView } from "../generated/bindings";

/** The note saying why the edit controls are off; they point at it with aria-describedby. */
export const READ_ONLY_NOTE_ID = "groups-read-only-note";

/** Roles the backend refuses group edits to (crates/app's check_can_administer): the rest may try. */
const READ_ONLY_ROLES = new Set(["member", "guest"]);

/**
 * Whether the signed-in user may change the active tenant's groups, and if not, why, in the
 * backend's own words, so the controls are off before a refusal could come back.
 */
export function groupAdminOf(tenant: TenantView | null): { canEdit: boolean; reason: string | null } {
  const role = tenant?.role ?? null;
  if (!tenant || !role || !READ_ONLY_ROLES.has(role)) return { canEdit: true, reason: null };
  return {
    canEdit: false,
    reason: `You are a ${role} in ${tenant.name}: only owners and admins can change groups and their members (ask an administrator).`,
  };
}

export function useGroupAdmin() {
  return groupAdminOf(useSession().state?.activeTenant ?? null);
}
