import type { TenantView } from "../generated/bindings";
import { adminOf, useAdmin, type AdminRight } from "./adminRole";

/** The note saying why the edit controls are off; they point at it with aria-describedby. */
export const READ_ONLY_NOTE_ID = "groups-read-only-note";

const WHAT = "change groups and their members";

/** Whether the signed-in user may change the active tenant's groups, and if not, why. */
export function groupAdminOf(tenant: TenantView | null): AdminRight {
  return adminOf(tenant, WHAT);
}

export function useGroupAdmin(): AdminRight {
  return useAdmin(WHAT);
}
