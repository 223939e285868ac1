// Generated from the Rust types of crates/app by
// `cargo run -p outpost-app --bin outpost-gen-bindings`. Do not edit by hand.

export type Account = { 
/**
 * Local id, also the name of the account's folder and keyring item.
 */
id: string, serverUrl: string, email: string, 
/**
 * The user's id on the server.
 */
userId: string, displayName: string | null, activeTenantId: string | null, createdAt: string, };

export type AddDomainArgs = { 
/**
 * The fields of `POST /secure/tenants/{id}/domains`.
 */
fields: TenantDomain, };

export type Address = { 
/**
 * Street.
 */
street?: string | null, 
/**
 * House number.
 */
street_number?: string | null, 
/**
 * City.
 */
city?: string | null, 
/**
 * Postal code.
 */
postal_code?: string | null, 
/**
 * Region or state.
 */
region?: string | null, 
/**
 * Country, in words.
 */
country?: string | null, 
/**
 * Country code.
 */
country_code?: string | null, };

export type AppError = { 
/**
 * Stable machine code, e.g. `offline`, `invalid_server_url`, `validation`.
 */
code: string, 
/**
 * What happened, in words, for a person.
 */
message: string, 
/**
 * Extra context (the field at fault, the server's answer), when there is any.
 */
details: Record<string, unknown> | null, };

export type AppEvent = { "kind": "changed", records: Array<Dataset>, changes: Array<RecordChange>, } | { "kind": "syncStatus", status: SyncStatus, } | { "kind": "session", accountId: string | null, tenantId: string | null, } | { "kind": "resync" };

export type AppInfo = { version: string, dataDir: string, 
/**
 * The schema version a new replica gets.
 */
replicaSchema: number, serverUrl: string | null, demo: boolean, };

export type AppInfoArgs = Record<symbol, never>;

export type ApplicationMove = { 
/**
 * The tenant of the same project it goes to (its server id).
 */
targetTenantId: string, 
/**
 * Its slug there (promote: the application with this slug is brought to the source's).
 */
slug: string, 
/**
 * Its name there.
 */
name: string, 
/**
 * The version moved.
 */
version: string, };

export type Approval = { 
/**
 * What it is about.
 */
entity_type?: ApprovalTarget, 
/**
 * The id of the space, resource or entry it is about.
 */
entity_id?: string, 
/**
 * Its name, for people.
 */
entity_name?: string, 
/**
 * Where it stands.
 */
status?: ApprovalStatus, 
/**
 * Why it was asked for.
 */
reason?: string, 
/**
 * Why it was rejected.
 */
rejection_reason?: string, 
/**
 * When it was decided.
 */
decision_at?: string, 
/**
 * Who decided it.
 */
decision_by?: string, 
/**
 * When it expires undecided.
 */
expires_at?: string, };

export type ApprovalAction = { "action": "approve", "payload": { comment?: string, } } | { "action": "reject", "payload": { rejection_reason: string, } };

export type ApprovalStatus = "pending" | "approved" | "rejected" | "cancelled" | "expired";

export type ApprovalTarget = "space" | "resource" | "calendar_entry";

export type ApproveArgs = { 
/**
 * The request's local or server id.
 */
id: string, 
/**
 * A comment for whoever asked, at most 500 characters.
 */
comment?: string, };

export type AuditEntry = { 
/**
 * The server's id of the row.
 */
id: string, 
/**
 * Who did it (a user id).
 */
actor: string | null, 
/**
 * What was done (`created`, `updated`, `deleted`, ...).
 */
action: string, 
/**
 * The type of record it was done to.
 */
resourceType: string | null, 
/**
 * The id of the record it was done to.
 */
resourceId: string | null, 
/**
 * When (RFC 3339, as the server wrote it).
 */
createdAt: string, 
/**
 * The whole row as the server answered it (details, address, agent).
 */
raw: unknown, };

export type AuditSearchArgs = { 
/**
 * Rows by this user (their id).
 */
actor?: string, 
/**
 * Rows about records of this type (`contact`, `tenant`, ...).
 */
recordType?: string, 
/**
 * Rows about the record with this server id: its history.
 */
recordId?: string, 
/**
 * Rows of this action (`created`, `updated`, `deleted`, ...).
 */
action?: string, 
/**
 * From this time or day on (inclusive).
 */
since?: string, 
/**
 * Before this time or day (exclusive).
 */
until?: string, 
/**
 * At most this many rows (200 when left out).
 */
limit?: number, };

export type BackupCodesView = { codes: Array<string>, };

export type BaseValues<P> = { [K in keyof P]?: P[K] | null };

export type Calendar = { 
/**
 * What the calendar belongs to.
 */
kind: CalendarKind, 
/**
 * Its name, 1 to 255 characters.
 */
name: string, 
/**
 * A description.
 */
description?: string, 
/**
 * The IANA time zone its series expand in.
 */
timezone: string, 
/**
 * Who may see it.
 */
visibility?: CalendarVisibility, 
/**
 * Its booking policy (open: the seed leaves it free-form).
 */
policy?: { [key in string]: JsonValue }, 
/**
 * Free-form metadata (a create from here carries its op id in it).
 */
metadata?: { [key in string]: JsonValue }, 
/**
 * Its type definition.
 */
typeDefinitionId?: string, 
/**
 * The user a user-linked calendar belongs to.
 */
linkedUserId?: string, 
/**
 * The resource a resource-linked calendar books.
 */
linkedResourceId?: string, 
/**
 * The space a space-linked calendar books.
 */
linkedSpaceId?: string, };

export type CalendarIdArgs = { calendarId: string, };

export type CalendarKind = "user_linked" | "resource_linked" | "space_linked" | "tenant_shared";

export type CalendarPatch = { 
/**
 * A new name.
 */
name?: string, 
/**
 * A new description.
 */
description?: string, 
/**
 * A new time zone.
 */
timezone?: string, 
/**
 * A new visibility.
 */
visibility?: CalendarVisibility, 
/**
 * A new policy.
 */
policy?: { [key in string]: JsonValue }, 
/**
 * New metadata.
 */
metadata?: { [key in string]: JsonValue }, 
/**
 * A new type definition.
 */
typeDefinitionId?: string, };

export type CalendarSummary = { localId: string, serverId: string | null, name: string, kind: string, timezone: string, 
/**
 * private, shared or public_within_tenant (None when the server left it unset).
 */
visibility: string | null, description: string | null, hasPendingOps: boolean, };

export type CalendarVisibility = "private" | "shared" | "public_within_tenant";

export type CancelSignInArgs = Record<symbol, never>;

export type CancelSyncArgs = Record<symbol, never>;

export type CancelSyncOutcome = { cancelled: boolean, };

export type ChangePasswordArgs = { currentPassword: string, 
/**
 * At least 8 characters.
 */
newPassword: string, };

export type ChangeTenantSettingsArgs = { category: SettingsCategory, 
/**
 * The keys that change, with their new values; the others are kept.
 */
settings: Record<string, unknown>, };

export type Choice = "mine" | "theirs";

export type ColumnChoice = { column: ColumnKey, field: ContactField, };

export type ColumnKey = number | string;

export type Conflict = { "entity": "calendar" } & ConflictOf<Calendar> | { "entity": "entry" } & ConflictOf<Entry> | { "entity": "recurrence_master" } & ConflictOf<Series> | { "entity": "recurrence_instance" } & ConflictOf<Occurrence> | { "entity": "reminder" } & ConflictOf<Reminder> | { "entity": "contact" } & ConflictOf<Contact> | { "entity": "contact_link" } & ConflictOf<ContactLink> | { "entity": "group" } & ConflictOf<Group> | { "entity": "group_member" } & ConflictOf<GroupMember> | { "entity": "invitation" } & ConflictOf<Invitation> | { "entity": "approval" } & ConflictOf<Approval> | { "entity": "user" } & ConflictOf<User> | { "entity": "space" } & ConflictOf<Space> | { "entity": "resource" } & ConflictOf<Resource> | { "entity": "space_member" } & ConflictOf<SpaceMember> | { "entity": "resource_member" } & ConflictOf<ResourceMember> | { "entity": "move_request" } & ConflictOf<MoveRequest> | { "entity": "tenant" } & ConflictOf<Tenant> | { "entity": "rate_limit" } & ConflictOf<RateLimit> | { "entity": "tenant_settings" } & ConflictOf<TenantSettings> | { "entity": "tenant_domain" } & ConflictOf<TenantDomain> | { "entity": "manager_project" } & ConflictOf<ManagerProject> | { "entity": "manager_tenant" } & ConflictOf<ManagerTenant> | { "entity": "manager_application" } & ConflictOf<ManagerApplication> | { "entity": "manager_endpoint" } & ConflictOf<ManagerEndpoint> | { "entity": "manager_trigger" } & ConflictOf<ManagerTrigger> | { "entity": "manager_backend_settings" } & ConflictOf<ManagerBackendSettings> | { "entity": "manager_frontend_settings" } & ConflictOf<ManagerFrontendSettings>;

export type ConflictKind = "edit_edit" | "edit_vs_remote_delete" | "delete_vs_remote_edit";

export type ConflictOf<F> = { conflictId: string, localId: string, opId: string, kind: ConflictKind, 
/**
 * The record as the edit found it.
 */
base: F | null, 
/**
 * The local version (None: deleted here).
 */
local: F | null, 
/**
 * The server's version (None: deleted on the server).
 */
remote: F | null, remoteUpdatedAt: string | null, 
/**
 * The fields in conflict.
 */
fields: Array<string>, createdAt: string, };

export type Contact = { 
/**
 * First name, at most 100 characters.
 */
firstName?: string, 
/**
 * Middle name, at most 100 characters.
 */
middleName?: string, 
/**
 * Last name, at most 100 characters.
 */
lastName?: string, 
/**
 * Email address.
 */
email?: string, 
/**
 * Phone number, at most 50 characters.
 */
phone?: string, 
/**
 * A web address (absolute URI).
 */
url?: string, 
/**
 * Postal address.
 */
address?: Address, 
/**
 * Notes, at most 2,000 characters.
 */
notes?: string, };

export type ContactField = "firstName" | "middleName" | "lastName" | "fullName" | "email" | "phone" | "url" | "notes" | "street" | "streetNumber" | "extendedAddress" | "poBox" | "city" | "postalCode" | "region" | "country" | "noteLine" | "ignore";

export type ContactIdArgs = { 
/**
 * The local id, or the server id once the contact has one.
 */
id: string, };

export type ContactLink = { 
/**
 * The contact.
 */
contactId: string, 
/**
 * What it is linked to.
 */
entityType: LinkTarget, 
/**
 * The user, space or resource.
 */
entityId: string, 
/**
 * Whether it is that one's primary contact.
 */
isPrimary?: boolean, };

export type ContactLinkPatch = { 
/**
 * Whether it is that one's primary contact.
 */
isPrimary?: boolean, };

export type ContactPage = { items: Array<ContactSummary>, total: number, offset: number, limit: number, };

export type ContactPatch = { 
/**
 * First name.
 */
firstName?: string | null, 
/**
 * Middle name.
 */
middleName?: string | null, 
/**
 * Last name.
 */
lastName?: string | null, 
/**
 * Email address.
 */
email?: string | null, 
/**
 * Phone number.
 */
phone?: string | null, 
/**
 * Web address.
 */
url?: string | null, 
/**
 * Postal address.
 */
address?: Address | null, 
/**
 * Notes.
 */
notes?: string | null, };

export type ContactQuery = { sort: ContactSort, offset: number, limit: number, };

export type ContactReference = { linkId: string, entityType: string, entityId: string, 
/**
 * None when the user, space or resource is not in the replica (not pulled yet).
 */
entityName: string | null, isPrimary: boolean, hasPendingOps: boolean, };

export type ContactSort = "name" | "email" | "updated";

export type ContactSummary = { localId: string, serverId: string | null, displayName: string, email: string | null, phone: string | null, changedAt: string, 
/**
 * Local changes wait in the outbox.
 */
hasPendingOps: boolean, };

export type CreateContactArgs = { 
/**
 * The fields of `POST /secure/contacts/` (camelCase; address keys snake_case). Typed as the
 * model's contact for the UI; here they stay a map so that the replica's checks name each
 * field a value is wrong for (a type mismatch included), as for an import.
 */
fields: Contact, };

export type CreateGroupArgs = { 
/**
 * The fields of `POST /secure/groups/create`; a map here so that the replica's checks name
 * each field a value is wrong for.
 */
fields: Group, };

export type CreateRateLimitArgs = { 
/**
 * The fields of `POST /secure/tenants/{id}/rate-limits`.
 */
fields: RateLimit, };

export type CreateResourceArgs = { 
/**
 * The fields of `POST /secure/resources/`.
 */
fields: Resource, };

export type CreateSpaceArgs = { 
/**
 * The fields of `POST /secure/spaces/`; a map here so that the replica's checks name each
 * field a value is wrong for.
 */
fields: Space, };

export type CreateUserArgs = { 
/**
 * The fields of `POST /secure/users/` without the password; a map here so that the
 * replica's checks name each field a value is wrong for.
 */
fields: NewUser, };

export type CsvColumn = { 
/**
 * 0 is the first column.
 */
index: number, header: string, field: ContactField, 
/**
 * The address the part belongs to ("home", "business"), or the title a note line gets.
 */
detail: string | null, 
/**
 * Rows with a value in this column.
 */
filledRows: number, 
/**
 * An ignored column describing another (a label or type column), ignored on purpose.
 */
describesAnother: boolean, };

export type Dataset = "tenants" | "contacts" | "contactLinks" | "calendars" | "entries" | "reminders" | "users" | "groups" | "invitations" | "approvals" | "tenantAdmin" | "auditLog" | "manager" | "spaces" | "resources" | "outbox" | "conflicts" | "syncRuns" | "settings" | "watchReports";

export type Directory = "users" | "groups" | "spaces" | "resources";

export type DirectoryArgs = { kind: Directory, };

export type DirectoryItem = { serverId: string, name: string, email: string | null, status: string | null, raw: Record<string, unknown>, };

export type DomainAction = { "action": "verify", "payload": Record<symbol, never> };

export type DomainIdArgs = { 
/**
 * The local or server id.
 */
id: string, };

export type DomainStatus = "pending" | "verifying" | "verified" | "failed" | "expired";

export type DomainType = "api";

export type Done = { ok: boolean, };

export type DuplicatePolicy = "skip" | "update" | "create";

export type EndpointAuthType = "Basic" | "Bearer" | "None";

export type EndpointLogLevel = "NONE" | "BASIC" | "FULL";

export type EndpointMessageType = "SOAP" | "XML" | "JSON";

export type Entry = { 
/**
 * Its calendar (a server id once known, the local id before).
 */
calendarId: string, 
/**
 * What it is.
 */
kind: EntryKind, 
/**
 * Where it stands.
 */
status?: EntryStatus, 
/**
 * Who may see its details.
 */
visibility?: EntryVisibility, 
/**
 * Its title, 1 to 255 characters.
 */
title: string, 
/**
 * A description.
 */
description?: string, 
/**
 * When it starts (RFC 3339).
 */
startsAt: string, 
/**
 * When it ends (RFC 3339), after it starts.
 */
endsAt: string, 
/**
 * The IANA time zone it is planned in.
 */
timezone: string, 
/**
 * Whether it lasts whole days.
 */
isAllDay?: boolean, 
/**
 * Who owns it.
 */
ownerUserId?: string, 
/**
 * Free-form metadata (a create from here carries its op id in it).
 */
metadata?: { [key in string]: JsonValue }, 
/**
 * Its type definition.
 */
typeDefinitionId?: string, 
/**
 * Where it happens, in words.
 */
locationName?: string, 
/**
 * Where it happens, as the seed leaves it (free-form).
 */
locationPayload?: { [key in string]: JsonValue }, };

export type EntryAction = { "action": "status", "payload": { status: EntryStatus, } } | { "action": "respond", "payload": { responseStatus: ResponseStatus, } };

export type EntryHit = { entryId: string, calendarId: string, title: string, locationName: string | null, startsAt: string, endsAt: string, };

export type EntryKind = "event" | "booking" | "reservation" | "hold" | "reminder_task";

export type EntryPatch = { 
/**
 * What it is.
 */
kind?: EntryKind, 
/**
 * Where it stands.
 */
status?: EntryStatus, 
/**
 * Who may see its details.
 */
visibility?: EntryVisibility, 
/**
 * Its title.
 */
title?: string, 
/**
 * A description.
 */
description?: string, 
/**
 * When it starts.
 */
startsAt?: string, 
/**
 * When it ends.
 */
endsAt?: string, 
/**
 * Its time zone.
 */
timezone?: string, 
/**
 * Whether it lasts whole days.
 */
isAllDay?: boolean, 
/**
 * Who owns it.
 */
ownerUserId?: string, 
/**
 * Free-form metadata.
 */
metadata?: { [key in string]: JsonValue }, 
/**
 * Its type definition.
 */
typeDefinitionId?: string, 
/**
 * Where it happens, in words.
 */
locationName?: string, 
/**
 * Where it happens, free-form.
 */
locationPayload?: { [key in string]: JsonValue }, };

export type EntryStatus = "draft" | "tentative" | "confirmed" | "cancelled" | "completed";

export type EntryStatusArgs = { id: string, 
/**
 * The status to move to (tentative, confirmed, cancelled, ...), as the server's rules allow.
 * Text here, so the replica's check names the field of a status the model does not have.
 */
status: EntryStatus, };

export type EntryVisibility = "default" | "private";

export type ExportArgs = { what: ExportWhat, 
/**
 * ics for calendars; vcf (default) or csv for contacts.
 */
format?: FileFormat, 
/**
 * The file to write (replaced if it exists).
 */
path: string, 
/**
 * Only these calendars; every calendar when empty.
 */
calendarIds: Array<string>, 
/**
 * Calendars: only entries and series with an occurrence on or after this day (in each
 * calendar's zone).
 */
from?: string, 
/**
 * Calendars: only entries and series with an occurrence on or before this day.
 */
to?: string, 
/**
 * vCard exports: the version written (4.0 unless asked).
 */
vcardVersion?: VCardVersion, };

export type ExportOutcome = { path: string, format: FileFormat, 
/**
 * Contacts or events written.
 */
written: number, 
/**
 * Calendars written (calendar exports).
 */
calendars: number, 
/**
 * Records left out, with the reason.
 */
skipped: Array<string>, 
/**
 * Calendar exports: entries left out because they lie outside the date window asked for.
 */
outsideWindow: number, 
/**
 * Calendar exports: the days whose entries the replica holds from the server (what it
 * pulled at its last sync), so the user knows what an export can hold; absent before the
 * first sync.
 */
replicaHolds: HeldWindow | null, };

export type ExportWhat = "contacts" | "calendars";

export type FactorCodeArgs = { method: FactorMethod, 
/**
 * A current code of the method (or, to disable, an unused backup code).
 */
code: string, };

export type FactorMethod = "totp" | "sms" | "email" | "whatsapp";

export type FactorView = { method: string, enabledAt: string | null, lastUsedAt: string | null, 
/**
 * Where its codes go, masked.
 */
deliveryTargetMasked: string | null, };

export type FieldsArgs<T> = { 
/**
 * The fields in the shape of the platform's create request (camelCase). Typed as the
 * model's struct for the UI; here they stay a map so that the replica's checks name each
 * field a value is wrong for (a type mismatch included), as for an import.
 */
fields: T, };

export type FileFormat = "ics" | "vcf" | "csv";

export type FreeBusy = { windowStartsAt: string, windowEndsAt: string, slots: Array<FreeBusySlot>, };

export type FreeBusySlot = { calendarId: string, startsAt: string, endsAt: string, status: string, isAllDay: boolean, };

export type Frequency = "daily" | "weekly" | "monthly" | "yearly";

export type GetSyncSettingsArgs = Record<symbol, never>;

export type GetTenantArgs = Record<symbol, never>;

export type GetWatchSettingsArgs = Record<symbol, never>;

export type Group = { 
/**
 * Its name, 1 to 255 characters.
 */
name: string, 
/**
 * What it is for.
 */
description?: string, 
/**
 * The permission codes its members get.
 */
permissions?: Array<string>, };

export type GroupIdArgs = { 
/**
 * The local id, or the server id once the group has one.
 */
id: string, };

export type GroupMember = { 
/**
 * The group (its server id once known, its local id before).
 */
groupId: string, 
/**
 * The user.
 */
userId: string, };

export type GroupMemberArgs = { 
/**
 * The group's local or server id.
 */
groupId: string, 
/**
 * The user's server id.
 */
userId: string, };

export type GroupPatch = { 
/**
 * Its name.
 */
name?: string, 
/**
 * What it is for.
 */
description?: string, 
/**
 * The permission codes its members get (the whole list).
 */
permissions?: Array<string>, };

export type HeldWindow = { from: string, to: string, 
/**
 * When the sync that pulled them started (RFC 3339).
 */
syncedAt: string, };

export type IdArgs = { 
/**
 * The local id, or the server id once the record has one.
 */
id: string, };

export type ImportArgs = { 
/**
 * The file to read.
 */
path: string, 
/**
 * The calendar events go into (required for .ics).
 */
calendarId?: string, duplicates: DuplicatePolicy, 
/**
 * The file's format; from its name or first line when absent.
 */
format?: FileFormat, 
/**
 * CSV only: fields for columns (by header or index), over the mapping detected from the
 * headers; later choices for one column win.
 */
mapping?: Array<ColumnChoice>, };

export type ImportItem = { line: number, 
/**
 * The contact's name or the event's title.
 */
label: string, action: ItemAction, 
/**
 * Why it is skipped or updated (the duplicate it matches).
 */
reason: string | null, problems: Array<ImportProblem>, 
/**
 * What was changed or left out on the way in.
 */
warnings: Array<ImportProblem>, 
/**
 * Reminders the event brings (its alarms): in a preview, those it would add; after an
 * import, those added. Absent for contacts.
 */
reminders?: number, };

export type ImportOutcome = { format: FileFormat, 
/**
 * True when the records were written (an apply); false for a preview.
 */
applied: boolean, created: number, updated: number, skipped: number, failed: number, 
/**
 * The items worth reading (with problems, warnings, a reason: up to
 * [`ImportLimits::listed`]) and the first plain creates (up to
 * [`ImportLimits::plain_listed`]), in file order.
 */
items: Array<ImportItem>, 
/**
 * Items counted above but left out of `items` (a big file's plain creates, mostly).
 */
omittedItems: number, 
/**
 * Problems outside any item: stray lines, a missing END, a file cut short.
 */
fileProblems: Array<ImportProblem>, 
/**
 * Warnings outside any item: a CSV's columns not imported though they hold data, or
 * several columns going into one name field.
 */
fileWarnings: Array<ImportProblem>, 
/**
 * A CSV's columns in file order, each with the field it goes to (to show the mapping and
 * change it); absent for other formats.
 */
csvColumns?: Array<CsvColumn>, };

export type ImportProblem = { line: number, field: string | null, message: string, };

export type InstanceState = "generated" | "overridden" | "cancelled";

export type Invitation = { 
/**
 * The recipient's email address.
 */
recipient_email?: string, 
/**
 * The recipient's phone number (E.164).
 */
recipient_phone?: string, 
/**
 * The role the recipient gets on accepting.
 */
role?: TenantRole, 
/**
 * How it reaches the recipient.
 */
channel?: InvitationChannel, 
/**
 * The language of its message (ISO 639-1).
 */
language?: string, 
/**
 * A message from whoever invites, at most 500 characters.
 */
personal_message?: string, 
/**
 * Hours until it expires, as asked (kept until the server answers `expires_at`).
 */
expires_in_hours?: number, 
/**
 * Where it stands (answered by the server).
 */
status?: InvitationStatus, 
/**
 * When it expires (answered by the server).
 */
expires_at?: string, };

export type InvitationAction = { "action": "resend", "payload": Record<symbol, never> };

export type InvitationChannel = "email" | "sms" | "whatsapp";

export type InvitationIdArgs = { 
/**
 * The local id, or the server id once the invitation has one.
 */
id: string, };

export type InvitationStatus = "pending" | "sent" | "opened" | "accepted" | "expired" | "revoked" | "failed";

export type InviteArgs = { 
/**
 * The fields of `POST /secure/invitations/` (snake_case, as the seed has them); a map here
 * so that the replica's checks name each field a value is wrong for.
 */
fields: NewInvitation, };

export type ItemAction = "create" | "update" | "skip" | "error";

export type JsonValue = number | string | boolean | Array<JsonValue> | { [key in string]: JsonValue } | null;

export type KeyValuePair = { 
/**
 * The key, unique in its list and not blank.
 */
Key: string, 
/**
 * Its value.
 */
Value: string, };

export type LeaveTenantArgs = { tenantId: string, };

export type LinkContactArgs = { contactId: string, 
/**
 * user, space or resource (text here, so the replica's check names the field of another).
 */
entityType: LinkTarget, 
/**
 * The user's, space's or resource's server id.
 */
entityId: string, isPrimary: boolean, };

export type LinkIdArgs = { linkId: string, };

export type LinkTarget = "user" | "space" | "resource";

export type LinkedContact = { linkId: string, isPrimary: boolean, contact: ContactSummary, };

export type LinkedContactsArgs = { 
/**
 * user, space or resource (text here, as [`LinkContactArgs`] says why).
 */
entityType: LinkTarget, entityId: string, };

export type ListApprovalsArgs = Record<symbol, never>;

export type ListCalendarsArgs = Record<symbol, never>;

export type ListConflictsArgs = Record<symbol, never>;

export type ListDomainsArgs = Record<symbol, never>;

export type ListGroupsArgs = Record<symbol, never>;

export type ListInvitationsArgs = Record<symbol, never>;

export type ListMoveRequestsArgs = Record<symbol, never>;

export type ListOutboxArgs = { 
/**
 * Only ops in these states; all unfinished ops when empty.
 */
states?: Array<OpState>, };

export type ListPlacesArgs = Record<symbol, never>;

export type ListRateLimitsArgs = Record<symbol, never>;

export type ListServersArgs = Record<symbol, never>;

export type ListTenantSettingsArgs = Record<symbol, never>;

export type ListTenantsArgs = { 
/**
 * Ask the server for the current list (else the list kept in the replica).
 */
refresh: boolean, };

export type ListUsersArgs = Record<symbol, never>;

export type ManagerApplication = { 
/**
 * The tenant (its server id once known, its local id before).
 */
tenantID: string, 
/**
 * Its name.
 */
name: string, 
/**
 * Its slug, unique within the tenant.
 */
slug: string, 
/**
 * What it is for.
 */
description?: string, 
/**
 * The version promote or copy brought (none for one made with `createApplication`).
 */
version?: string, };

export type ManagerApplicationAction = { "action": "promote", "payload": ApplicationMove } | { "action": "copy", "payload": ApplicationMove };

export type ManagerApplicationPatch = { 
/**
 * Its name.
 */
name?: string, 
/**
 * Its slug.
 */
slug?: string, 
/**
 * What it is for.
 */
description?: string, 
/**
 * Its version.
 */
version?: string, };

export type ManagerBackendSettings = { 
/**
 * The project whose settings these are.
 */
projectID?: string, 
/**
 * The tenant whose settings these are.
 */
tenantID?: string, 
/**
 * The application whose settings these are.
 */
applicationID?: string, 
/**
 * The backend modules enabled at this level (the whole list).
 */
EnabledModules?: Array<string>, 
/**
 * Key-value pairs set at this level.
 */
KeyValuePairs?: Array<KeyValuePair>, };

export type ManagerBackendSettingsPatch = { 
/**
 * The backend modules enabled at this level.
 */
EnabledModules?: Array<string> | null, 
/**
 * Key-value pairs set at this level (the whole list).
 */
KeyValuePairs?: Array<KeyValuePair>, };

export type ManagerEndpoint = { 
/**
 * The application (its server id once known, its local id before).
 */
applicationID: string, 
/**
 * Its name.
 */
name: string, 
/**
 * What it is for.
 */
description?: string, 
/**
 * Whether it answers (`true` when not given).
 */
enabled?: boolean, 
/**
 * The path callers use, unique within the application.
 */
consumeURL: string, 
/**
 * The backend's absolute http(s) URL.
 */
url: string, 
/**
 * How callers sign in.
 */
authType?: EndpointAuthType, 
/**
 * The format it takes.
 */
inputMessageType?: EndpointMessageType, 
/**
 * The format it answers.
 */
outputMessageType?: EndpointMessageType, 
/**
 * How much of its traffic is logged.
 */
logLevel?: EndpointLogLevel, };

export type ManagerEndpointPatch = { 
/**
 * Its name.
 */
name?: string, 
/**
 * What it is for.
 */
description?: string, 
/**
 * Whether it answers.
 */
enabled?: boolean, 
/**
 * The path callers use.
 */
consumeURL?: string, 
/**
 * The backend's URL.
 */
url?: string, 
/**
 * How callers sign in.
 */
authType?: EndpointAuthType, 
/**
 * The format it takes.
 */
inputMessageType?: EndpointMessageType, 
/**
 * The format it answers.
 */
outputMessageType?: EndpointMessageType, 
/**
 * How much of its traffic is logged.
 */
logLevel?: EndpointLogLevel, };

export type ManagerFrontendSettings = { 
/**
 * The project whose settings these are.
 */
projectID?: string, 
/**
 * The tenant whose settings these are.
 */
tenantID?: string, 
/**
 * The application whose settings these are.
 */
applicationID?: string, 
/**
 * The themes enabled at this level.
 */
EnabledThemes?: Array<string>, 
/**
 * The default theme (one of this level's themes when it sets both).
 */
DefaultTheme?: string, 
/**
 * The locales enabled at this level.
 */
EnabledLocales?: Array<string>, 
/**
 * The default locale.
 */
DefaultLocale?: string, 
/**
 * The frontend modules enabled at this level.
 */
EnabledModules?: Array<string>, 
/**
 * Key-value pairs set at this level.
 */
KeyValuePairs?: Array<KeyValuePair>, };

export type ManagerFrontendSettingsPatch = { 
/**
 * The themes enabled at this level.
 */
EnabledThemes?: Array<string> | null, 
/**
 * The default theme.
 */
DefaultTheme?: string | null, 
/**
 * The locales enabled at this level.
 */
EnabledLocales?: Array<string> | null, 
/**
 * The default locale.
 */
DefaultLocale?: string | null, 
/**
 * The frontend modules enabled at this level.
 */
EnabledModules?: Array<string> | null, 
/**
 * Key-value pairs set at this level (the whole list).
 */
KeyValuePairs?: Array<KeyValuePair>, };

export type ManagerProject = { 
/**
 * Its name, 1 to 200 characters.
 */
name: string, 
/**
 * Its slug, unique on the server.
 */
slug: string, 
/**
 * What it is for.
 */
description?: string, };

export type ManagerProjectPatch = { 
/**
 * Its name.
 */
name?: string, 
/**
 * Its slug.
 */
slug?: string, 
/**
 * What it is for; `null` clears it.
 */
description?: string | null, };

export type ManagerTenant = { 
/**
 * The project (its server id once known, its local id before).
 */
projectID: string, 
/**
 * Its name.
 */
name: string, 
/**
 * Its slug, unique within the project.
 */
slug: string, 
/**
 * What it is for.
 */
description?: string, 
/**
 * The kind of environment (`dev` when not given).
 */
type?: TenantType, };

export type ManagerTenantPatch = { 
/**
 * Its name.
 */
name?: string, 
/**
 * Its slug.
 */
slug?: string, 
/**
 * What it is for.
 */
description?: string, 
/**
 * The kind of environment.
 */
type?: TenantType, };

export type ManagerTrigger = { 
/**
 * The application (its server id once known, its local id before).
 */
applicationID: string, 
/**
 * Its name.
 */
name: string, 
/**
 * What it is for.
 */
description?: string, 
/**
 * When it fires: five cron fields ([`crate::rules::cron`]).
 */
cronExpression: string, 
/**
 * The job it runs, a slug unique within the application.
 */
runKey: string, 
/**
 * Whether it fires (`true` when not given).
 */
enabled?: boolean, };

export type ManagerTriggerPatch = { 
/**
 * Its name.
 */
name?: string, 
/**
 * What it is for.
 */
description?: string, 
/**
 * When it fires.
 */
cronExpression?: string, 
/**
 * The job it runs.
 */
runKey?: string, 
/**
 * Whether it fires.
 */
enabled?: boolean, };

export type MoveAction = { "action": "approve", "payload": Record<symbol, never> } | { "action": "reject", "payload": { rejectionReason: string, } };

export type MoveRequest = { 
/**
 * The resource to move.
 */
resourceId?: string, 
/**
 * The space it should move to.
 */
targetSpaceId?: string, 
/**
 * Why, at most 2,000 characters.
 */
reason?: string, 
/**
 * The space it stands in (answered by the server).
 */
sourceSpaceId?: string, 
/**
 * Where the request stands (answered by the server).
 */
status?: MoveStatus, 
/**
 * Why it was rejected.
 */
rejectionReason?: string, };

export type MoveRequestIdArgs = { 
/**
 * The local id, or the server id once the request has one.
 */
id: string, };

export type MoveStatus = "pending" | "approved" | "rejected" | "cancelled" | "expired";

export type MoveTenantArgs = { action: TenantMove, 
/**
 * Why, at most 500 characters (kept in the lifecycle history).
 */
reason?: string, 
/**
 * The plan an upgrade goes to (required for `upgrade`, refused for the others).
 */
targetType?: UpgradePlan, };

export type NewInvitation = { 
/**
 * The recipient's email address.
 */
recipient_email?: string, 
/**
 * The recipient's phone number (E.164).
 */
recipient_phone?: string, 
/**
 * The role the recipient gets (member when left out).
 */
role?: TenantRole, 
/**
 * How it reaches the recipient (email when left out).
 */
channel?: InvitationChannel, 
/**
 * The language of its message (en when left out).
 */
language?: string, 
/**
 * A message from whoever invites, at most 500 characters.
 */
personal_message?: string, 
/**
 * Hours until it expires, 1 to 168 (24 when left out).
 */
expires_in_hours?: number, };

export type NewUser = { 
/**
 * The sign-in address, required.
 */
email: string, 
/**
 * The name shown for the user.
 */
displayName?: string, 
/**
 * The language the platform speaks to the user in.
 */
locale?: UserLocale, 
/**
 * The user's settings.
 */
settings?: { [key in string]: JsonValue }, 
/**
 * The type definition that checks the settings.
 */
typeDefinitionId?: string, };

export type NoAction = never;

export type NoArgs = Record<symbol, never>;

export type NoFields = Record<string, never>;

export type NoPatch = never;

export type Occurrence = { 
/**
 * Its series.
 */
recurrenceMasterId: string, 
/**
 * Its calendar.
 */
calendarId: string, 
/**
 * The date the series gave it (YYYY-MM-DD).
 */
instanceDate: string, 
/**
 * When it starts, if moved.
 */
startsAt?: string, 
/**
 * When it ends, if moved.
 */
endsAt?: string, 
/**
 * Its time zone, if changed.
 */
timezone?: string, 
/**
 * Whether it lasts whole days.
 */
isAllDay?: boolean, 
/**
 * Where it stands.
 */
status?: EntryStatus, 
/**
 * What became of it.
 */
instanceState?: InstanceState, 
/**
 * Its own title.
 */
titleOverride?: string, 
/**
 * Its own description.
 */
descriptionOverride?: string, 
/**
 * Its own metadata.
 */
metadataOverride?: { [key in string]: JsonValue }, };

export type OccurrenceArgs = { 
/**
 * The series (recurrence master), local or server id.
 */
seriesId: string, 
/**
 * The occurrence's date in the series' time zone, YYYY-MM-DD.
 */
instanceDate: string, 
/**
 * What changes for this occurrence only (ignored when cancelling).
 */
fields: OccurrencePatch, };

export type OccurrencePatch = { 
/**
 * When it starts.
 */
startsAt?: string, 
/**
 * When it ends.
 */
endsAt?: string, 
/**
 * Its time zone.
 */
timezone?: string, 
/**
 * Whether it lasts whole days.
 */
isAllDay?: boolean, 
/**
 * Where it stands.
 */
status?: EntryStatus, 
/**
 * What becomes of it (cancelled to call it off).
 */
instanceState?: InstanceState, 
/**
 * Its own title.
 */
titleOverride?: string, 
/**
 * Its own description.
 */
descriptionOverride?: string, 
/**
 * Its own metadata.
 */
metadataOverride?: { [key in string]: JsonValue }, };

export type OpIdArgs = { opId: string, };

export type OpOf<F, P, A> = { seq: number, opId: string, localId: string, 
/**
 * The record's server id, when the server has it (what the request's path names).
 */
serverId: string | null, 
/**
 * What the op is about, for people: the contact's name, the entry's title...
 */
label: string | null, 
/**
 * update: the server's value of each changed field when it was edited, `null` where the
 * record had none.
 */
base: BaseValues<P> | null, baseUpdatedAt: string | null, state: OpState, source: Source, attempts: number, lastError: string | null, nextAttemptAt: string | null, createdAt: string, updatedAt: string, } & ({ "kind": "create", action: null, payload: F, } | { "kind": "update", action: null, payload: P, } | { "kind": "delete", action: null, payload: NoFields, } | { "kind": "action" } & A);

export type OpState = "pending" | "in_flight" | "failed" | "conflict" | "done";

export type OutboxOp = { "entity": "calendar" } & OpOf<Calendar, CalendarPatch, NoAction> | { "entity": "entry" } & OpOf<Entry, EntryPatch, EntryAction> | { "entity": "recurrence_master" } & OpOf<Series, SeriesPatch, NoAction> | { "entity": "recurrence_instance" } & OpOf<Occurrence, OccurrencePatch, NoAction> | { "entity": "reminder" } & OpOf<Reminder, NoPatch, NoAction> | { "entity": "contact" } & OpOf<Contact, ContactPatch, NoAction> | { "entity": "contact_link" } & OpOf<ContactLink, ContactLinkPatch, NoAction> | { "entity": "group" } & OpOf<Group, GroupPatch, NoAction> | { "entity": "group_member" } & OpOf<GroupMember, NoPatch, NoAction> | { "entity": "invitation" } & OpOf<Invitation, NoPatch, InvitationAction> | { "entity": "approval" } & OpOf<Approval, NoPatch, ApprovalAction> | { "entity": "user" } & OpOf<User, UserPatch, NoAction> | { "entity": "space" } & OpOf<Space, SpacePatch, NoAction> | { "entity": "resource" } & OpOf<Resource, ResourcePatch, NoAction> | { "entity": "space_member" } & OpOf<SpaceMember, SpaceMemberPatch, NoAction> | { "entity": "resource_member" } & OpOf<ResourceMember, NoPatch, NoAction> | { "entity": "move_request" } & OpOf<MoveRequest, NoPatch, MoveAction> | { "entity": "tenant" } & OpOf<Tenant, TenantPatch, TenantAction> | { "entity": "rate_limit" } & OpOf<RateLimit, RateLimitPatch, NoAction> | { "entity": "tenant_settings" } & OpOf<TenantSettings, TenantSettingsPatch, SettingsAction> | { "entity": "tenant_domain" } & OpOf<TenantDomain, TenantDomainPatch, DomainAction> | { "entity": "manager_project" } & OpOf<ManagerProject, ManagerProjectPatch, NoAction> | { "entity": "manager_tenant" } & OpOf<ManagerTenant, ManagerTenantPatch, NoAction> | { "entity": "manager_application" } & OpOf<ManagerApplication, ManagerApplicationPatch, ManagerApplicationAction> | { "entity": "manager_endpoint" } & OpOf<ManagerEndpoint, ManagerEndpointPatch, NoAction> | { "entity": "manager_trigger" } & OpOf<ManagerTrigger, ManagerTriggerPatch, NoAction> | { "entity": "manager_backend_settings" } & OpOf<ManagerBackendSettings, ManagerBackendSettingsPatch, NoAction> | { "entity": "manager_frontend_settings" } & OpOf<ManagerFrontendSettings, ManagerFrontendSettingsPatch, NoAction>;

export type OutboxSummary = { 
/**
 * Waiting to be sent, including ops that retry by themselves after a transient error
 * (offline, 5xx, 429, an interrupted run).
 */
pending: number, inFlight: number, 
/**
 * Refused by the server, waiting for the user to edit, retry or discard.
 */
failed: number, conflict: number, };

export type Participant = { localId: string, serverId: string | null, actorType: string, actorUserId: string | null, actorGroupId: string | null, role: string, responseStatus: string, };

export type PatchArgs<T> = { id: string, 
/**
 * Only the fields that change (a map here, as [`FieldsArgs`] says why).
 */
fields: T, };

export type PendingSecondFactor = { email: string, serverUrl: string, };

export type PlaceIdArgs = { 
/**
 * The local id, or the server id once it has one.
 */
id: string, };

export type PlaceStatus = "active" | "inactive" | "maintenance" | "retired" | "pending";

export type RateLimit = { 
/**
 * The endpoints it applies to (a path pattern).
 */
endpoint_pattern: string, 
/**
 * At most this many requests…
 */
max_requests: number, 
/**
 * …in this many seconds.
 */
window_seconds: number, 
/**
 * Whom the requests are counted of.
 */
scope_type: RateLimitScope, 
/**
 * Whether it applies (on when made without it).
 */
enabled?: boolean, };

export type RateLimitIdArgs = { 
/**
 * The local or server id.
 */
id: string, };

export type RateLimitPatch = { 
/**
 * The endpoints it applies to.
 */
endpoint_pattern?: string, 
/**
 * At most this many requests…
 */
max_requests?: number, 
/**
 * …in this many seconds.
 */
window_seconds?: number, 
/**
 * Whom the requests are counted of.
 */
scope_type?: RateLimitScope, 
/**
 * Whether it applies.
 */
enabled?: boolean, };

export type RateLimitScope = "per_ip" | "per_user" | "per_device" | "per_app_account" | "per_tenant";

export type RecordChange = { entity: RecordType, 
/**
 * Their local ids; `null` when more than [`MAX_IDS`] were written (any may have changed).
 */
ids: Array<string> | null, };

export type RecordType = "calendar" | "entry" | "recurrence_master" | "recurrence_instance" | "reminder" | "contact" | "contact_link" | "group" | "group_member" | "invitation" | "approval" | "user" | "space" | "resource" | "space_member" | "resource_member" | "move_request" | "tenant" | "rate_limit" | "tenant_settings" | "tenant_domain" | "manager_project" | "manager_tenant" | "manager_application" | "manager_endpoint" | "manager_trigger" | "manager_backend_settings" | "manager_frontend_settings";

export type RecordView<F> = { entity: RecordType, localId: string, serverId: string | null, 
/**
 * The fields in the seed's request shape; references hold server ids once known.
 */
fields: F, 
/**
 * The server's updatedAt this copy is based on (None: never seen by the server).
 */
baseUpdatedAt: string | null, 
/**
 * True while operations for this record wait in the outbox (pending, in flight, failed or
 * in conflict).
 */
hasPendingOps: boolean, };

export type RejectArgs = { 
/**
 * The request's local or server id.
 */
id: string, 
/**
 * Why, 1 to 500 characters (the server requires it).
 */
rejectionReason: string, };

export type RejectMoveArgs = { id: string, 
/**
 * Why, 1 to 2,000 characters.
 */
rejectionReason: string, };

export type Reminder = { 
/**
 * Its calendar.
 */
calendarId: string, 
/**
 * The entry it reminds of.
 */
calendarEntryId?: string, 
/**
 * The series it reminds of.
 */
recurrenceMasterId?: string, 
/**
 * How it reaches its people.
 */
channel: ReminderChannel, 
/**
 * Minutes before (negative) or after the start, within a week.
 */
offsetMinutes: number, 
/**
 * Whether it is on.
 */
isEnabled?: boolean, };

export type ReminderChannel = "in_app" | "email" | "sms" | "webhook";

export type ReminderSummary = { localId: string, serverId: string | null, calendarId: string, entryId: string | null, masterId: string | null, channel: string, offsetMinutes: number, };

export type RemoveServerArgs = { name: string, };

export type ReplicaHoldsArgs = Record<symbol, never>;

export type RequestMoveArgs = { 
/**
 * The resource's local or server id.
 */
resourceId: string, 
/**
 * The server id of the space it should move to.
 */
targetSpaceId: string, reason?: string, };

export type ResetTenantSettingsArgs = { category: SettingsCategory, 
/**
 * The plan whose defaults it takes (the tenant's own when left out).
 */
tenantType?: TenantPlan, };

export type Resolution = { "kind": "keep_mine" } | { "kind": "take_theirs" } | { "kind": "per_field", "fields": { [key in string]: Choice } };

export type ResolveConflictArgs = { conflictId: string, resolution: Resolution, };

export type Resource = { 
/**
 * Its name, 1 to 255 characters.
 */
name?: string, 
/**
 * What it is.
 */
description?: string, 
/**
 * The language of its name and description (ISO 639-1).
 */
language?: string, 
/**
 * Where it stands (pending while it waits for an approval).
 */
status?: PlaceStatus, 
/**
 * Its settings, checked by its type definition.
 */
settings?: { [key in string]: JsonValue }, 
/**
 * The type definition that checks the settings.
 */
typeDefinitionId?: string, 
/**
 * The space it stands in (its server id).
 */
spaceId?: string, };

export type ResourceMember = { 
/**
 * The resource (its server id once known, its local id before).
 */
resourceId: string, 
/**
 * The user.
 */
userId: string, 
/**
 * What they may do with it (the server's; a new member reads).
 */
role?: ResourceRole, };

export type ResourceMemberArgs = { 
/**
 * The resource's local or server id.
 */
resourceId: string, 
/**
 * The user's server id.
 */
userId: string, };

export type ResourcePatch = { 
/**
 * Its name.
 */
name?: string, 
/**
 * What it is.
 */
description?: string | null, 
/**
 * The language of its name and description.
 */
language?: string, 
/**
 * Where it stands.
 */
status?: PlaceStatus, 
/**
 * Its settings (the whole object).
 */
settings?: { [key in string]: JsonValue } | null, 
/**
 * The type definition that checks the settings.
 */
typeDefinitionId?: string | null, 
/**
 * The space it stands in (null: none).
 */
spaceId?: string | null, };

export type ResourceRole = "admin" | "manager" | "reader";

export type RespondArgs = { id: string, 
/**
 * accepted, declined, tentative or pending (text here, as [`EntryStatusArgs`] says why).
 */
responseStatus: ResponseStatus, };

export type ResponseStatus = "pending" | "accepted" | "declined" | "tentative";

export type RunOutcome = "running" | "ok" | "partial" | "failed";

export type RunReport = { pulled: number, pushed: number, skipped: number, failed: number, conflicts: number, error: string | null, details: Record<string, unknown> | null, };

export type SaveServerArgs = { name: string, url: string, 
/**
 * The profile this changes (by its current name); absent to add one.
 */
replaces?: string, };

export type SearchContactsArgs = { 
/**
 * Words as typed; each is matched as a prefix, accents ignored.
 */
query: string, limit?: number, };

export type SearchEntriesArgs = { query: string, limit?: number, };

export type SecondFactorMethod = "totp" | "backup";

export type SendCodeArgs = { 
/**
 * `sms`, `email` or `whatsapp` (TOTP codes come from the app).
 */
method: FactorMethod, };

export type Series = { 
/**
 * Its calendar.
 */
calendarId: string, 
/**
 * The entry it repeats.
 */
rootEntryId: string, 
/**
 * How often it repeats.
 */
frequency: Frequency, 
/**
 * Every how many periods (1 and up).
 */
intervalCount?: number, 
/**
 * The weekdays it falls on (0 = Sunday to 6 = Saturday).
 */
byWeekday?: Array<number>, 
/**
 * The days of the month it falls on (1 to 31).
 */
byMonthDay?: Array<number>, 
/**
 * When its first occurrence starts.
 */
startsAt: string, 
/**
 * When it stops repeating.
 */
untilAt?: string, 
/**
 * How many occurrences it has at most.
 */
occurrenceCountLimit?: number, 
/**
 * The IANA time zone it expands in.
 */
timezone: string, 
/**
 * How many days ahead the server generates occurrences (1 to 366).
 */
generatedWindowDays?: number, 
/**
 * Free-form metadata (a create from here carries its op id in it).
 */
metadata?: { [key in string]: JsonValue }, };

export type SeriesPatch = { 
/**
 * How often it repeats.
 */
frequency?: Frequency, 
/**
 * Every how many periods.
 */
intervalCount?: number, 
/**
 * The weekdays it falls on (0 = Sunday to 6 = Saturday).
 */
byWeekday?: Array<number>, 
/**
 * The days of the month it falls on.
 */
byMonthDay?: Array<number>, 
/**
 * When its first occurrence starts.
 */
startsAt?: string, 
/**
 * When it stops repeating.
 */
untilAt?: string, 
/**
 * How many occurrences it has at most.
 */
occurrenceCountLimit?: number, 
/**
 * Its time zone.
 */
timezone?: string, 
/**
 * How many days ahead the server generates occurrences.
 */
generatedWindowDays?: number, 
/**
 * Free-form metadata.
 */
metadata?: { [key in string]: JsonValue }, };

export type ServerHealth = { serverUrl: string, 
/**
 * The server's own word: `ok`, `degraded` or `healthy`.
 */
status: string, version: string | null, 
/**
 * Round trip of the health request, in milliseconds.
 */
latencyMs: number, };

export type ServerHealthArgs = { 
/**
 * A server to check (the sign-in screen checks what the user typed); else the current one.
 */
serverUrl?: string, };

export type ServerProfile = { name: string, 
/**
 * The server's root address, checked: HTTPS except on loopback.
 */
url: string, };

export type SessionState = { accounts: Array<Account>, activeAccount: Account | null, 
/**
 * The active account has a session (its tokens are in the keyring or in memory).
 */
signedIn: boolean, tenants: Array<TenantView>, activeTenant: TenantView | null, pendingSecondFactor: PendingSecondFactor | null, 
/**
 * Which keyring holds the tokens, once one is in use.
 */
keyring: VaultBackend | null, };

export type SessionStateArgs = Record<symbol, never>;

export type SetPrimaryArgs = { linkId: string, isPrimary: boolean, };

export type SettingsAction = { "action": "reset", "payload": { tenant_type?: TenantPlan, } };

export type SettingsCategory = "general" | "limits" | "integrations" | "notifications" | "security";

export type SignInArgs = { serverUrl: string, email: string, password: string, rememberMe: boolean, };

export type SignInOutcome = { status: SignInStatus, session: SessionState, };

export type SignInStatus = "signed_in" | "second_factor_required";

export type SignOutArgs = { 
/**
 * Delete the local replica too. Unsynced edits are then lost.
 */
wipeReplica: boolean, };

export type SignOutCheck = { 
/**
 * Local edits not yet on the server (pending, failed or in conflict), all tenants.
 */
unsyncedEdits: number, };

export type SignOutCheckArgs = Record<symbol, never>;

export type SignOutReport = { 
/**
 * The server revoked the session (false when it could not be reached).
 */
revokedOnServer: boolean, replicaWiped: boolean, unsyncedEdits: number, session: SessionState, };

export type Source = "user" | "sync" | "import";

export type Space = { 
/**
 * Its name, 2 to 255 characters.
 */
name?: string, 
/**
 * What it is.
 */
description?: string, 
/**
 * The language of its name and description (ISO 639-1).
 */
language?: string, 
/**
 * Where it stands (pending while it waits for an approval).
 */
status?: PlaceStatus, 
/**
 * Its settings, checked by its type definition.
 */
settings?: { [key in string]: JsonValue }, 
/**
 * The type definition that checks the settings.
 */
type_definition_id?: string, };

export type SpaceMember = { 
/**
 * The space (its server id once known, its local id before).
 */
spaceId: string, 
/**
 * The user.
 */
userId: string, 
/**
 * What they may do there.
 */
role: SpaceRole, };

export type SpaceMemberArgs = { 
/**
 * The space's local or server id.
 */
spaceId: string, 
/**
 * The user's server id.
 */
userId: string, 
/**
 * What they may do there (reader when left out); ignored by a removal.
 */
role?: SpaceRole, };

export type SpaceMemberPatch = { 
/**
 * What they may do there.
 */
role?: SpaceRole, };

export type SpacePatch = { 
/**
 * Its name.
 */
name?: string, 
/**
 * What it is.
 */
description?: string | null, 
/**
 * The language of its name and description.
 */
language?: string, 
/**
 * Where it stands.
 */
status?: PlaceStatus, 
/**
 * Its settings (the whole object).
 */
settings?: { [key in string]: JsonValue } | null, 
/**
 * The type definition that checks the settings.
 */
type_definition_id?: string | null, };

export type SpaceRole = "manager" | "reader";

export type SslStatus = "none" | "pending" | "issued" | "failed" | "expiring" | "expired";

export type StorageStrategy = "sequential" | "distributed";

export type SyncHistoryArgs = { limit?: number, };

export type SyncNowArgs = { 
/**
 * List everything on the server instead of asking what changed since the last run.
 */
full?: boolean, };

export type SyncOutcome = { run: SyncRun, status: SyncStatus, };

export type SyncPhase = "sending" | "changes" | "contacts" | "calendars" | "directory";

export type SyncProgress = { phase: SyncPhase, 
/**
 * Ops sent or records received so far in this phase.
 */
done: number, 
/**
 * How many there are, once known.
 */
total: number | null, };

export type SyncRun = { runId: string, trigger: string, startedAt: string, finishedAt: string | null, outcome: RunOutcome, report: RunReport, };

export type SyncSettings = { 
/**
 * Sync by itself every so many minutes while the server is reachable; 0 turns it off.
 */
intervalMinutes: number, 
/**
 * Keep entries from this many days back...
 */
entryWindowPastDays: number, 
/**
 * ...to this many days ahead.
 */
entryWindowFutureDays: number, 
/**
 * Between runs that ask the server only what changed, list everything every so many
 * hours, to catch what the change feed missed and move the entry window on. Settings
 * written before it existed leave it out: the default.
 */
verifyEveryHours: number, };

export type SyncState = "never_synced" | "up_to_date" | "pending" | "offline" | "needs_attention" | "syncing";

export type SyncStatus = { tenantId: string, state: SyncState, outbox: OutboxSummary, lastRun: SyncRun | null, 
/**
 * When the last run that finished without error ended.
 */
lastSuccessAt: string | null, 
/**
 * What the last health probe of the background sync found; None before the first.
 */
online: boolean | null, 
/**
 * How far the run going on has come; absent when no run is going on.
 */
progress?: SyncProgress, };

export type SyncStatusArgs = Record<symbol, never>;

export type TemporaryPassword = { 
/**
 * The user's server id.
 */
userId: string, password: string, };

export type Tenant = { 
/**
 * Its name.
 */
name?: string, 
/**
 * Its short name in addresses.
 */
slug?: string, 
/**
 * Its domain.
 */
domain?: string, 
/**
 * Where it stands in its lifecycle.
 */
status?: TenantStatus, 
/**
 * What it is.
 */
description?: string, 
/**
 * Its plan (the seed's `type`).
 */
type?: TenantPlan, 
/**
 * Whom to write to.
 */
contact_email?: string, 
/**
 * Whom to call.
 */
contact_phone?: string, 
/**
 * Free-form settings (the categorised ones are the tenant settings of their own).
 */
settings?: { [key in string]: JsonValue }, 
/**
 * Its first language (ISO 639-1), fixed when it was made.
 */
default_language?: string, 
/**
 * Its further languages (ISO 639-1).
 */
additional_languages?: Array<string>, 
/**
 * How it spreads its files over its storage.
 */
storage_distribution_strategy?: StorageStrategy, 
/**
 * The storage configurations tried in turn (UUIDs).
 */
storage_fallback_chain?: Array<string>, };

export type TenantAction = { "action": "activate", "payload": { reason?: string, } } | { "action": "suspend", "payload": { reason?: string, } } | { "action": "reactivate", "payload": { reason?: string, } } | { "action": "archive", "payload": { reason?: string, } } | { "action": "upgrade", "payload": { target_type: UpgradePlan, reason?: string, } };

export type TenantArgs = { tenantId: string, };

export type TenantCounts = { contacts: number, calendars: number, users: number, groups: number, spaces: number, resources: number, };

export type TenantCountsArgs = Record<symbol, never>;

export type TenantDomain = { 
/**
 * The host name (no protocol, no path).
 */
domain: string, 
/**
 * What it serves.
 */
domain_type: DomainType, 
/**
 * How it proves it is the tenant's (cname when made without it).
 */
verification_method?: VerificationMethod, 
/**
 * Further settings.
 */
settings?: { [key in string]: JsonValue }, 
/**
 * Where its verification stands (the server's).
 */
status?: DomainStatus, 
/**
 * What the DNS record or file must hold (the server's).
 */
verification_token?: string, 
/**
 * When it was verified.
 */
verified_at?: string, 
/**
 * Where its certificate stands.
 */
ssl_status?: SslStatus, 
/**
 * When its certificate was issued.
 */
ssl_issued_at?: string, 
/**
 * When its certificate expires.
 */
ssl_expires_at?: string, };

export type TenantDomainPatch = { 
/**
 * The host name.
 */
domain?: string, 
/**
 * How it proves it is the tenant's.
 */
verification_method?: VerificationMethod, 
/**
 * Further settings.
 */
settings?: { [key in string]: JsonValue }, 
/**
 * Where its verification stands (as an operator sets it).
 */
status?: DomainStatus, 
/**
 * Where its certificate stands (as an operator sets it).
 */
ssl_status?: SslStatus, };

export type TenantMove = "activate" | "suspend" | "reactivate" | "archive" | "upgrade";

export type TenantPatch = { 
/**
 * Its name, 2 to 255 characters.
 */
name?: string, 
/**
 * Its domain: lowercase letters, digits and hyphens, 2 to 63 characters.
 */
domain?: string, 
/**
 * A status the lifecycle allows from the current one.
 */
status?: TenantStatus, 
/**
 * Its further languages (the whole list).
 */
additional_languages?: Array<string>, 
/**
 * How it spreads its files over its storage.
 */
storage_distribution_strategy?: StorageStrategy, 
/**
 * The storage configurations tried in turn (the whole list).
 */
storage_fallback_chain?: Array<string>, 
/**
 * Free-form settings (replaced whole).
 */
settings?: { [key in string]: JsonValue }, };

export type TenantPlan = "system" | "trial" | "paid" | "enterprise";

export type TenantReadArgs = { kind: TenantReadKind, };

export type TenantReadKind = "lifecycle_history" | "settings_history" | "metrics_snapshot" | "metrics_daily" | "metrics_monthly" | "quota_warnings";

export type TenantReadView = { kind: TenantReadKind, 
/**
 * The server's answer, in the seed's shape.
 */
body: unknown, 
/**
 * When it was read (RFC 3339): what the UI says its age is.
 */
readAt: string, };

export type TenantRole = "owner" | "admin" | "member" | "guest";

export type TenantSettings = { 
/**
 * Which category.
 */
category: SettingsCategory, 
/**
 * Its values, in the seed's shape for the category.
 */
settings: { [key in string]: JsonValue }, };

export type TenantSettingsPatch = { 
/**
 * Its values.
 */
settings?: { [key in string]: JsonValue }, };

export type TenantStatus = "active" | "inactive" | "maintenance" | "retired" | "pending";

export type TenantType = "dev" | "test" | "run";

export type TenantView = { id: string, name: string, slug: string | null, 
/**
 * owner, admin, manager, member, guest or system_admin.
 */
role: string | null, 
/**
 * The membership's status: active, suspended, pending or invited.
 */
status: string | null, isDefault: boolean, 
/**
 * The tenant Outpost shows and syncs now.
 */
active: boolean, };

export type TotpEnrolmentView = { 
/**
 * The shared secret (base32), for typing into an authenticator app.
 */
secret: string, 
/**
 * The `otpauth://` address, for a QR code.
 */
otpauthUri: string, 
/**
 * One-time codes for when the app is lost; they count once TOTP is confirmed.
 */
backupCodes: Array<string>, };

export type TwoFactorView = { enabledMethods: Array<FactorView>, backupCodesRemaining: number, 
/**
 * Whether the tenant asks for a second factor.
 */
required: boolean, };

export type UpdateContactArgs = { id: string, 
/**
 * Only the fields that change; `null` clears a field (the model's contact patch).
 */
fields: ContactPatch, };

export type UpdateDomainArgs = { 
/**
 * The local or server id.
 */
id: string, 
/**
 * Only the fields that change.
 */
fields: TenantDomainPatch, };

export type UpdateGroupArgs = { id: string, 
/**
 * Only the fields that change.
 */
fields: GroupPatch, };

export type UpdateRateLimitArgs = { 
/**
 * The local or server id.
 */
id: string, 
/**
 * Only the fields that change.
 */
fields: RateLimitPatch, };

export type UpdateResourceArgs = { id: string, 
/**
 * Only the fields that change.
 */
fields: ResourcePatch, };

export type UpdateSpaceArgs = { id: string, 
/**
 * Only the fields that change.
 */
fields: SpacePatch, };

export type UpdateTenantArgs = { 
/**
 * Only the fields that change; a map here so that the replica's checks name each field a
 * value is wrong for.
 */
fields: TenantPatch, };

export type UpdateUserArgs = { id: string, 
/**
 * Only the fields that change.
 */
fields: UserPatch, };

export type UpgradePlan = "paid" | "enterprise";

export type UseAccountArgs = { accountId: string, };

export type User = { 
/**
 * The sign-in address (the platform keeps one account per address).
 */
email?: string, 
/**
 * First name.
 */
firstName?: string, 
/**
 * Middle name.
 */
middleName?: string, 
/**
 * Last name.
 */
lastName?: string, 
/**
 * The name shown for the user.
 */
displayName?: string, 
/**
 * The language the platform speaks to the user in.
 */
locale?: UserLocale, 
/**
 * The user's settings, checked by the tenant's type definition.
 */
settings?: { [key in string]: JsonValue }, 
/**
 * The type definition that checks the settings.
 */
typeDefinitionId?: string, 
/**
 * Where the user stands (answered by the server).
 */
status?: UserStatus, };

export type UserIdArgs = { 
/**
 * The local id, or the server id once the user has one.
 */
id: string, };

export type UserLocale = "en" | "de" | "fr" | "es" | "it";

export type UserPatch = { 
/**
 * First name.
 */
firstName?: string | null, 
/**
 * Middle name.
 */
middleName?: string | null, 
/**
 * Last name.
 */
lastName?: string | null, 
/**
 * The name shown (null: made again from the first and last name).
 */
displayName?: string | null, 
/**
 * The language the platform speaks to the user in.
 */
locale?: UserLocale, 
/**
 * The user's settings (the whole object).
 */
settings?: { [key in string]: JsonValue }, 
/**
 * The type definition that checks the settings.
 */
typeDefinitionId?: string | null, };

export type UserStatus = "active" | "inactive" | "maintenance" | "retired" | "pending";

export type VCardVersion = "3.0" | "4.0";

export type VaultBackend = "secret-service" | "kernel-keyring" | "demo-memory";

export type VerificationMethod = "cname" | "txt" | "http";

export type VerifySecondFactorArgs = { method: SecondFactorMethod, code: string, };

export type WatchReport = { 
/**
 * The file's name as it was dropped.
 */
file: string, 
/**
 * Where it is now.
 */
movedTo: string, at: string, 
/**
 * Why nothing was imported (unreadable, wrong format, no calendar chosen...).
 */
error?: string, 
/**
 * What the import did, item by item (an `ImportOutcome`, kept as read back from the
 * report file).
 */
outcome?: ImportOutcome, };

export type WatchReportsArgs = { 
/**
 * At most this many, newest first (default 50).
 */
limit?: number, };

export type WatchSettings = { 
/**
 * The folder watched; none when the watched folder is off.
 */
folder?: string, 
/**
 * The calendar events of .ics files go into.
 */
calendarId?: string, 
/**
 * What happens to a record the replica has already.
 */
duplicates: DuplicatePolicy, };

export type WindowArgs = { 
/**
 * The calendars to show (local or server ids); every calendar when empty.
 */
calendarIds: Array<string>, 
/**
 * Start of the window, RFC 3339 (inclusive).
 */
from: string, 
/**
 * End of the window, RFC 3339 (exclusive).
 */
to: string, };

export type WindowItem = { 
/**
 * The entry (for an occurrence: the series' root entry).
 */
entryId: string, calendarId: string, 
/**
 * The series, for occurrences.
 */
seriesId: string | null, 
/**
 * The occurrence's date in the series' time zone (YYYY-MM-DD), for occurrences.
 */
instanceDate: string | null, title: string, 
/**
 * event, booking, reservation, hold or reminder_task.
 */
kind: string, description: string | null, locationName: string | null, status: string, startsAt: string, endsAt: string, timezone: string, isAllDay: boolean, 
/**
 * An occurrence changed by an override.
 */
overridden: boolean, 
/**
 * Local changes to this entry, its series or this occurrence wait in the outbox.
 */
hasPendingOps: boolean, };

/** Every command: its arguments and its result. */
export interface Commands {
  app_info: { args: AppInfoArgs; result: AppInfo };
  server_health: { args: ServerHealthArgs; result: ServerHealth };
  session_state: { args: SessionStateArgs; result: SessionState };
  tenant_counts: { args: TenantCountsArgs; result: TenantCounts };
  list_servers: { args: ListServersArgs; result: Array<ServerProfile> };
  save_server: { args: SaveServerArgs; result: Array<ServerProfile> };
  remove_server: { args: RemoveServerArgs; result: Array<ServerProfile> };
  sign_in: { args: SignInArgs; result: SignInOutcome };
  verify_second_factor: { args: VerifySecondFactorArgs; result: SignInOutcome };
  cancel_sign_in: { args: CancelSignInArgs; result: SessionState };
  sign_out_check: { args: SignOutCheckArgs; result: SignOutCheck };
  sign_out: { args: SignOutArgs; result: SignOutReport };
  use_account: { args: UseAccountArgs; result: SessionState };
  list_tenants: { args: ListTenantsArgs; result: Array<TenantView> };
  use_tenant: { args: TenantArgs; result: SessionState };
  set_default_tenant: { args: TenantArgs; result: Array<TenantView> };
  list_contacts: { args: ContactQuery; result: ContactPage };
  search_contacts: { args: SearchContactsArgs; result: Array<ContactSummary> };
  get_contact: { args: ContactIdArgs; result: RecordView<Contact> };
  create_contact: { args: CreateContactArgs; result: RecordView<Contact> };
  update_contact: { args: UpdateContactArgs; result: RecordView<Contact> };
  delete_contact: { args: ContactIdArgs; result: Done };
  link_contact: { args: LinkContactArgs; result: RecordView<ContactLink> };
  unlink_contact: { args: LinkIdArgs; result: Done };
  set_primary_link: { args: SetPrimaryArgs; result: RecordView<ContactLink> };
  contact_references: { args: ContactIdArgs; result: Array<ContactReference> };
  linked_contacts: { args: LinkedContactsArgs; result: Array<LinkedContact> };
  list_directory: { args: DirectoryArgs; result: Array<DirectoryItem> };
  list_groups: { args: ListGroupsArgs; result: Array<RecordView<Group>> };
  get_group: { args: GroupIdArgs; result: RecordView<Group> };
  create_group: { args: CreateGroupArgs; result: RecordView<Group> };
  update_group: { args: UpdateGroupArgs; result: RecordView<Group> };
  delete_group: { args: GroupIdArgs; result: Done };
  list_group_members: { args: GroupIdArgs; result: Array<RecordView<GroupMember>> };
  add_group_member: { args: GroupMemberArgs; result: RecordView<GroupMember> };
  remove_group_member: { args: GroupMemberArgs; result: Done };
  list_users: { args: ListUsersArgs; result: Array<RecordView<User>> };
  get_user: { args: UserIdArgs; result: RecordView<User> };
  create_user: { args: CreateUserArgs; result: RecordView<User> };
  update_user: { args: UpdateUserArgs; result: RecordView<User> };
  delete_user: { args: UserIdArgs; result: Done };
  reset_user_password: { args: UserIdArgs; result: TemporaryPassword };
  list_spaces: { args: ListPlacesArgs; result: Array<RecordView<Space>> };
  get_space: { args: PlaceIdArgs; result: RecordView<Space> };
  create_space: { args: CreateSpaceArgs; result: RecordView<Space> };
  update_space: { args: UpdateSpaceArgs; result: RecordView<Space> };
  delete_space: { args: PlaceIdArgs; result: Done };
  list_resources: { args: ListPlacesArgs; result: Array<RecordView<Resource>> };
  get_resource: { args: PlaceIdArgs; result: RecordView<Resource> };
  create_resource: { args: CreateResourceArgs; result: RecordView<Resource> };
  update_resource: { args: UpdateResourceArgs; result: RecordView<Resource> };
  delete_resource: { args: PlaceIdArgs; result: Done };
  list_space_members: { args: PlaceIdArgs; result: Array<RecordView<SpaceMember>> };
  add_space_member: { args: SpaceMemberArgs; result: RecordView<SpaceMember> };
  remove_space_member: { args: SpaceMemberArgs; result: Done };
  list_resource_members: { args: PlaceIdArgs; result: Array<RecordView<ResourceMember>> };
  add_resource_member: { args: ResourceMemberArgs; result: RecordView<ResourceMember> };
  remove_resource_member: { args: ResourceMemberArgs; result: Done };
  list_move_requests: { args: ListMoveRequestsArgs; result: Array<RecordView<MoveRequest>> };
  request_move: { args: RequestMoveArgs; result: RecordView<MoveRequest> };
  approve_move: { args: MoveRequestIdArgs; result: RecordView<MoveRequest> };
  reject_move: { args: RejectMoveArgs; result: RecordView<MoveRequest> };
  cancel_move: { args: MoveRequestIdArgs; result: Done };
  list_invitations: { args: ListInvitationsArgs; result: Array<RecordView<Invitation>> };
  invite: { args: InviteArgs; result: RecordView<Invitation> };
  resend_invitation: { args: InvitationIdArgs; result: RecordView<Invitation> };
  revoke_invitation: { args: InvitationIdArgs; result: Done };
  list_approvals: { args: ListApprovalsArgs; result: Array<RecordView<Approval>> };
  approve_request: { args: ApproveArgs; result: RecordView<Approval> };
  reject_request: { args: RejectArgs; result: RecordView<Approval> };
  get_tenant: { args: GetTenantArgs; result: RecordView<Tenant> | null };
  update_tenant: { args: UpdateTenantArgs; result: RecordView<Tenant> };
  move_tenant: { args: MoveTenantArgs; result: RecordView<Tenant> };
  list_tenant_settings: { args: ListTenantSettingsArgs; result: Array<RecordView<TenantSettings>> };
  change_tenant_settings: { args: ChangeTenantSettingsArgs; result: RecordView<TenantSettings> };
  reset_tenant_settings: { args: ResetTenantSettingsArgs; result: RecordView<TenantSettings> };
  list_domains: { args: ListDomainsArgs; result: Array<RecordView<TenantDomain>> };
  add_domain: { args: AddDomainArgs; result: RecordView<TenantDomain> };
  update_domain: { args: UpdateDomainArgs; result: RecordView<TenantDomain> };
  verify_domain: { args: DomainIdArgs; result: RecordView<TenantDomain> };
  delete_domain: { args: DomainIdArgs; result: Done };
  list_rate_limits: { args: ListRateLimitsArgs; result: Array<RecordView<RateLimit>> };
  create_rate_limit: { args: CreateRateLimitArgs; result: RecordView<RateLimit> };
  update_rate_limit: { args: UpdateRateLimitArgs; result: RecordView<RateLimit> };
  delete_rate_limit: { args: RateLimitIdArgs; result: Done };
  tenant_read: { args: TenantReadArgs; result: TenantReadView | null };
  change_password: { args: ChangePasswordArgs; result: Done };
  two_factor_status: { args: NoArgs; result: TwoFactorView };
  enrol_totp: { args: NoArgs; result: TotpEnrolmentView };
  confirm_two_factor: { args: FactorCodeArgs; result: Done };
  send_two_factor_code: { args: SendCodeArgs; result: Done };
  disable_two_factor: { args: FactorCodeArgs; result: Done };
  new_backup_codes: { args: NoArgs; result: BackupCodesView };
  leave_tenant: { args: LeaveTenantArgs; result: Array<TenantView> };
  search_audit_log: { args: AuditSearchArgs; result: Array<AuditEntry> };
  list_calendars: { args: ListCalendarsArgs; result: Array<CalendarSummary> };
  get_calendar: { args: IdArgs; result: RecordView<Calendar> };
  create_calendar: { args: FieldsArgs<Calendar>; result: RecordView<Calendar> };
  update_calendar: { args: PatchArgs<CalendarPatch>; result: RecordView<Calendar> };
  delete_calendar: { args: IdArgs; result: Done };
  calendar_window: { args: WindowArgs; result: Array<WindowItem> };
  free_busy: { args: WindowArgs; result: FreeBusy };
  get_entry: { args: IdArgs; result: RecordView<Entry> };
  create_entry: { args: FieldsArgs<Entry>; result: RecordView<Entry> };
  update_entry: { args: PatchArgs<EntryPatch>; result: RecordView<Entry> };
  delete_entry: { args: IdArgs; result: Done };
  set_entry_status: { args: EntryStatusArgs; result: RecordView<Entry> };
  respond_to_entry: { args: RespondArgs; result: Participant };
  entry_participants: { args: IdArgs; result: Array<Participant> };
  make_recurring: { args: FieldsArgs<Series>; result: RecordView<Series> };
  update_series: { args: PatchArgs<SeriesPatch>; result: RecordView<Series> };
  entry_series: { args: IdArgs; result: RecordView<Series> | null };
  override_occurrence: { args: OccurrenceArgs; result: RecordView<Occurrence> };
  cancel_occurrence: { args: OccurrenceArgs; result: RecordView<Occurrence> };
  add_reminder: { args: FieldsArgs<Reminder>; result: RecordView<Reminder> };
  remove_reminder: { args: IdArgs; result: Done };
  list_reminders: { args: CalendarIdArgs; result: Array<ReminderSummary> };
  search_entries: { args: SearchEntriesArgs; result: Array<EntryHit> };
  import_preview: { args: ImportArgs; result: ImportOutcome };
  import_apply: { args: ImportArgs; result: ImportOutcome };
  export: { args: ExportArgs; result: ExportOutcome };
  replica_holds: { args: ReplicaHoldsArgs; result: HeldWindow | null };
  get_watch_settings: { args: GetWatchSettingsArgs; result: WatchSettings };
  set_watch_settings: { args: WatchSettings; result: WatchSettings };
  watch_reports: { args: WatchReportsArgs; result: Array<WatchReport> };
  sync_now: { args: SyncNowArgs; result: SyncOutcome };
  cancel_sync: { args: CancelSyncArgs; result: CancelSyncOutcome };
  sync_status: { args: SyncStatusArgs; result: SyncStatus };
  list_outbox: { args: ListOutboxArgs; result: Array<OutboxOp> };
  retry_op: { args: OpIdArgs; result: Done };
  discard_op: { args: OpIdArgs; result: Done };
  list_conflicts: { args: ListConflictsArgs; result: Array<Conflict> };
  resolve_conflict: { args: ResolveConflictArgs; result: Done };
  get_sync_settings: { args: GetSyncSettingsArgs; result: SyncSettings };
  set_sync_settings: { args: SyncSettings; result: SyncSettings };
  sync_history: { args: SyncHistoryArgs; result: Array<SyncRun> };
}

export type CommandName = keyof Commands;
