import { useCommandQuery } from "../api/queries";

/**
 * A group's memberships as the replica has them now, read again whenever groups or members
 * change (one data set, `groups`, covers both tables). The list's rows and the detail pane
 * share this cached answer.
 */
export function useGroupMembers(groupId: string) {
  return useCommandQuery(["groups"], "list_group_members", { id: groupId });
}
