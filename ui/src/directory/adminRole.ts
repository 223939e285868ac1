// Whether the signed-in user may administer the active tenant (groups, invitations, approvals),
// and if not, why: the backend's check (crates/app's check_can_administer) said up front, so the
// controls are off before a refusal could come back.

import type { TenantView } from "../generated/bindings";
import { useSession } from "../session/SessionContext";

/** Roles the backend refuses administration to: the rest may try (the server has the last word). */
const READ_ONLY_ROLES = new Set(["member", "guest"]);

export interface AdminRight {
  canEdit: boolean;
  /** Why the controls are off, in the backend's words; null when they are on. */
  reason: string | null;
}

/** `what` finishes "only owners and admins can …", as the backend's refusal does. */
export function adminOf(tenant: TenantView | null, what: string): AdminRight {
  const role = tenant?.role ?? null;
  if (!tenant || !role || !READ_ONLY_ROLES.has(role)) return { canEdit: true, reason: null };
  return {
    canEdit: false,
    reason: `You are a ${role} in ${tenant.name}: only owners and admins can ${what} (ask an administrator).`,
  };
}

export function useAdmin(what: string): AdminRight {
  return adminOf(useSession().state?.activeTenant ?? null, what);
}
