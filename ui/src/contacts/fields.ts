// A contact's fields as the form edits them, and the request bodies the backend takes
// (`create_contact`: every filled field; `update_contact`: only what changed, null clears).

import type { CommandError } from "../api/transport";
import type { Address, Contact, ContactPatch } from "../generated/bindings";

// The field names are the model's (crates/model, through the generated bindings): a name the
// model does not have is a type error here.
export const TEXT_FIELDS = [
  "firstName",
  "middleName",
  "lastName",
  "email",
  "phone",
  "url",
  "notes",
] as const satisfies readonly (keyof Contact)[];
export type TextField = (typeof TEXT_FIELDS)[number];

export const ADDRESS_KEYS = [
  "street",
  "street_number",
  "postal_code",
  "city",
  "region",
  "country",
] as const satisfies readonly (keyof Address)[];
export type AddressKey = (typeof ADDRESS_KEYS)[number];

/** Every form field, named as the backend's `details.field` names it ("email", "address.city"). */
export type FormField = TextField | `address.${AddressKey}`;

export const FIELD_LABELS: Record<string, string> = {
  firstName: "First name",
  middleName: "Middle name",
  lastName: "Last name",
  email: "Email",
  phone: "Phone",
  url: "Website",
  notes: "Notes",
  address: "Address",
  "address.street": "Street",
  "address.street_number": "Number",
  "address.postal_code": "Postal code",
  "address.city": "City",
  "address.region": "Region",
  "address.country": "Country",
};

export type ContactForm = Record<TextField, string> & { address: Record<AddressKey, string> };

export function formFromFields(fields: Contact): ContactForm {
  const address = fields.address ?? {};
  return {
    ...(Object.fromEntries(TEXT_FIELDS.map((f) => [f, fields[f] ?? ""])) as Record<TextField, string>),
    address: Object.fromEntries(ADDRESS_KEYS.map((k) => [k, address[k] ?? ""])) as Record<AddressKey, string>,
  };
}

export const EMPTY_FORM: ContactForm = formFromFields({});

/** Notes keep their spacing; one-line fields lose leading and trailing blanks. */
function clean(field: TextField, value: string): string {
  return field === "notes" ? value : value.trim();
}

/** The body of `create_contact`: the filled fields only. */
export function createBody(form: ContactForm): Contact {
  const body: Contact = {};
  for (const f of TEXT_FIELDS) {
    const v = clean(f, form[f]);
    if (v !== "") body[f] = v;
  }
  const address: Address = {};
  for (const k of ADDRESS_KEYS) {
    const v = form.address[k].trim();
    if (v !== "") address[k] = v;
  }
  if (Object.keys(address).length) body.address = address;
  return body;
}

/**
 * The body of `update_contact`: only the fields that differ from `original`; an emptied field is
 * null. The address goes as a whole object, keeping keys this form does not show (country_code).
 */
export function patchBody(original: Contact, form: ContactForm): ContactPatch {
  const before = formFromFields(original);
  const patch: ContactPatch = {};
  for (const f of TEXT_FIELDS) {
    const v = clean(f, form[f]);
    if (v !== clean(f, before[f])) patch[f] = v === "" ? null : v;
  }
  const changed = ADDRESS_KEYS.some((k) => form.address[k].trim() !== before.address[k].trim());
  if (changed) {
    // Keys the model does not name ride along as they came (the backend keeps them too).
    const kept: Address = { ...original.address };
    for (const k of ADDRESS_KEYS) {
      const v = form.address[k].trim();
      kept[k] = v === "" ? null : v;
    }
    const anything = Object.values(kept).some((v) => v !== null && v !== undefined && v !== "");
    patch.address = anything ? kept : null;
  }
  return patch;
}

/** "Ana Lima", else the email, else a word that says there is no name. */
export function contactName(fields: Contact | null | undefined): string {
  if (!fields) return "(no name)";
  const name = [fields.firstName, fields.middleName, fields.lastName]
    .map((part) => (part ?? "").trim())
    .filter(Boolean)
    .join(" ");
  return name || fields.email || "(no name)";
}

/** One line for an address: "Hauptstraße 3, 10115 Berlin, DE". */
export function addressLine(a: Address | null | undefined): string {
  if (!a) return "";
  const street = [a.street, a.street_number].filter(Boolean).join(" ");
  const city = [a.postal_code, a.city].filter(Boolean).join(" ");
  return [street, city, a.region, a.country || a.country_code].filter(Boolean).join(", ");
}

/** The field an `invalid` error is about, and its message without the field's name in front. */
export function fieldError(error: CommandError): { field: string; message: string } | null {
  if (error.code !== "invalid") return null;
  const field = error.details?.field;
  if (typeof field !== "string" || !(field in FIELD_LABELS)) return null;
  const prefix = `${field}: `;
  const message = error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
  return { field, message };
}
