import { act, fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { CallProvider } from "../api/context";
import { CommandError } from "../api/transport";
import { fakeCall } from "../testing/fakeCall";
import { ContactEditor, type ContactRecord } from "./ContactEditor";

const record: ContactRecord = {
  entity: "contact",
  localId: "l1",
  serverId: "s1",
  fields: {
    firstName: "Ana",
    lastName: "Lima",
    email: "ana@example.com",
    phone: "+351 1",
    address: { city: "Porto", country_code: "PT" },
  },
  baseUpdatedAt: "2026-01-01T00:00:00Z",
  hasPendingOps: false,
};

describe("ContactEditor", () => {
  it("shows the backend's objection next to the field, and focuses it", async () => {
    const { call } = fakeCall({
      update_contact: () => {
        throw new CommandError({
          code: "invalid",
          message: "email: must be an email address",
          details: { field: "email" },
        });
      },
    });
    render(
      <CallProvider call={call}>
        <ContactEditor record={record} onSaved={vi.fn()} onCancel={vi.fn()} />
      </CallProvider>,
    );
    const email = screen.getByLabelText("Email");
    fireEvent.change(email, { target: { value: "nope" } });
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Save changes" })));
    const error = await screen.findByTestId("error-email");
    expect(error.textContent).toBe("must be an email address");
    expect(email.getAttribute("aria-invalid")).toBe("true");
    expect(email.getAttribute("aria-describedby")).toBe(error.id);
    expect(document.activeElement).toBe(email);
    expect(screen.getByRole("alert").textContent).toBe("Email: must be an email address");
  });

  it("points at an address part the backend names", async () => {
    const { call } = fakeCall({
      create_contact: () => {
        throw new CommandError({ code: "invalid", message: "address.city: must be text or null", details: { field: "address.city" } });
      },
    });
    render(
      <CallProvider call={call}>
        <ContactEditor onSaved={vi.fn()} onCancel={vi.fn()} />
      </CallProvider>,
    );
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Create contact" })));
    expect((await screen.findByTestId("error-address.city")).textContent).toBe("must be text or null");
    expect(screen.getByLabelText("City").getAttribute("aria-invalid")).toBe("true");
  });

  it("sends only the changed fields, keeping address keys it does not show", async () => {
    const onSaved = vi.fn();
    const { call, calls } = fakeCall({ update_contact: () => ({ ...record, hasPendingOps: true }) });
    render(
      <CallProvider call={call}>
        <ContactEditor record={record} onSaved={onSaved} onCancel={vi.fn()} />
      </CallProvider>,
    );
    fireEvent.change(screen.getByLabelText("Phone"), { target: { value: "" } });
    fireEvent.change(screen.getByLabelText("Street"), { target: { value: "Rua A" } });
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Save changes" })));
    expect(calls("update_contact")).toEqual([
      {
        id: "l1",
        fields: {
          phone: null,
          address: { street: "Rua A", street_number: null, city: "Porto", postal_code: null, region: null, country: null, country_code: "PT" },
        },
      },
    ]);
    expect(onSaved).toHaveBeenCalledWith({ ...record, hasPendingOps: true });
  });

  it("says when nothing changed instead of sending an empty edit, and leaves on Escape", async () => {
    const onCancel = vi.fn();
    const { call, calls } = fakeCall({});
    render(
      <CallProvider call={call}>
        <ContactEditor record={record} onSaved={vi.fn()} onCancel={onCancel} />
      </CallProvider>,
    );
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Save changes" })));
    expect(screen.getByRole("status").textContent).toBe("Nothing changed yet.");
    expect(calls("update_contact")).toEqual([]);
    fireEvent.keyDown(screen.getByLabelText("First name"), { key: "Escape" });
    expect(onCancel).toHaveBeenCalledOnce();
  });

  it("shows an error that is not about one field in words at the form", async () => {
    const { call } = fakeCall({
      create_contact: () => {
        throw new CommandError({ code: "no_tenant", message: "choose a tenant first", details: null });
      },
    });
    render(
      <CallProvider call={call}>
        <ContactEditor onSaved={vi.fn()} onCancel={vi.fn()} />
      </CallProvider>,
    );
    fireEvent.change(screen.getByLabelText("First name"), { target: { value: "Ana" } });
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Create contact" })));
    expect((await screen.findByTestId("contact-form-error")).textContent).toBe("choose a tenant first");
  });
});
