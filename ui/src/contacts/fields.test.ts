import { describe, expect, it } from "vitest";
import { CommandError } from "../api/transport";
import type { Contact } from "../generated/bindings";
import { addressLine, contactName, createBody, EMPTY_FORM, fieldError, formFromFields, patchBody } from "./fields";

const ana: Contact = {
  firstName: "Ana",
  lastName: "Lima",
  email: "ana@example.com",
  phone: "+351 1",
  address: { street: "Rua A", street_number: "4", city: "Porto", postal_code: "4050", country_code: "PT" },
};

describe("contact fields", () => {
  it("creates with the filled fields only, trimmed", () => {
    const form = { ...EMPTY_FORM, firstName: " Ana ", email: "ana@example.com", address: { ...EMPTY_FORM.address, city: "Porto" } };
    expect(createBody(form)).toEqual({ firstName: "Ana", email: "ana@example.com", address: { city: "Porto" } });
    expect(createBody(EMPTY_FORM)).toEqual({});
  });

  it("patches only what changed, and clears an emptied field with null", () => {
    const form = formFromFields(ana);
    expect(patchBody(ana, form)).toEqual({});
    expect(patchBody(ana, { ...form, phone: "+351 2", email: "" })).toEqual({ phone: "+351 2", email: null });
  });

  it("sends the whole address when a part of it changes, keeping keys the form does not show", () => {
    const form = formFromFields(ana);
    expect(patchBody(ana, { ...form, address: { ...form.address, city: "Lisboa" } })).toEqual({
      address: { street: "Rua A", street_number: "4", city: "Lisboa", postal_code: "4050", region: null, country: null, country_code: "PT" },
    });
    const plain = { ...ana, address: { city: "Porto" } };
    expect(patchBody(plain, { ...formFromFields(plain), address: { ...EMPTY_FORM.address } })).toEqual({ address: null });
  });

  it("names a contact and writes its address on one line", () => {
    expect(contactName(ana)).toBe("Ana Lima");
    expect(contactName({ email: "x@y.z" })).toBe("x@y.z");
    expect(addressLine(ana.address)).toBe("Rua A 4, 4050 Porto, PT");
  });

  it("finds the field an invalid answer is about", () => {
    const e = new CommandError({ code: "invalid", message: "email: must be an email address", details: { field: "email" } });
    expect(fieldError(e)).toEqual({ field: "email", message: "must be an email address" });
    const city = new CommandError({ code: "invalid", message: "address.city: must be text or null", details: { field: "address.city" } });
    expect(fieldError(city)?.field).toBe("address.city");
    expect(fieldError(new CommandError({ code: "offline", message: "x", details: null }))).toBeNull();
    expect(fieldError(new CommandError({ code: "invalid", message: "an edit must change at least one field", details: { field: "" } }))).toBeNull();
  });
});
