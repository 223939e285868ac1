import { describe, expect, it } from "vitest";
import { actionFor, ariaKeys, labels } from "./keys";

function key(init: KeyboardEventInit, target?: HTMLElement): KeyboardEvent {
  const event = new KeyboardEvent("keydown", { ...init, bubbles: true });
  if (target) Object.defineProperty(event, "target", { value: target });
  return event;
}

const all = ["newContact", "focusSearch", "syncNow", "goOverview", "goContacts", "goSync"] as const;

describe("shortcuts", () => {
  it("uses Ctrl on Linux and Windows, Cmd on a Mac", () => {
    expect(actionFor(key({ key: "s", ctrlKey: true }), all, false)).toBe("syncNow");
    expect(actionFor(key({ key: "s", metaKey: true }), all, false)).toBeNull();
    expect(actionFor(key({ key: "s", metaKey: true }), all, true)).toBe("syncNow");
    expect(actionFor(key({ key: "F5" }), all, false)).toBe("syncNow");
    expect(actionFor(key({ key: "K", ctrlKey: true }), all, false)).toBe("focusSearch");
  });

  it("switches views with Alt and a digit, whatever character the layout makes of it", () => {
    expect(actionFor(key({ key: "¡", code: "Digit1", altKey: true }), all, true)).toBe("goOverview");
    expect(actionFor(key({ key: "3", code: "Digit3", altKey: true }), all, false)).toBe("goSync");
    expect(actionFor(key({ key: "3", code: "Digit3" }), all, false)).toBeNull();
  });

  it("ignores bare keys while the user types in a field", () => {
    const input = document.createElement("input");
    expect(actionFor(key({ key: "/" }, input), all, false)).toBeNull();
    expect(actionFor(key({ key: "n" }, input), all, false)).toBeNull();
    expect(actionFor(key({ key: "n", ctrlKey: true }, input), all, false)).toBe("newContact");
    expect(actionFor(key({ key: "/" }, document.body), all, false)).toBe("focusSearch");
  });

  it("has the calendar's keys, bare letters only outside text fields", () => {
    const calendar = ["newEntry", "today", "previous", "next", "viewMonth", "viewWeek", "viewDay", "viewAgenda"] as const;
    expect(actionFor(key({ key: "e", ctrlKey: true }), calendar, false)).toBe("newEntry");
    expect(actionFor(key({ key: "n" }), calendar, false)).toBe("newEntry");
    expect(actionFor(key({ key: "t" }), calendar, false)).toBe("today");
    expect(actionFor(key({ key: "j" }), calendar, false)).toBe("previous");
    expect(actionFor(key({ key: "k" }), calendar, false)).toBe("next");
    expect(actionFor(key({ key: "W" }), calendar, false)).toBe("viewWeek");
    expect(actionFor(key({ key: "a" }, document.createElement("input")), calendar, false)).toBeNull();
    expect(actionFor(key({ key: "6", code: "Digit6", altKey: true }), ["goSettings"], false)).toBe("goSettings");
    expect(labels("newEntry", false)).toBe("Ctrl+E or N");
  });

  it("only answers for the actions asked about", () => {
    expect(actionFor(key({ key: "n", ctrlKey: true }), ["syncNow"], false)).toBeNull();
  });

  it("names the keys for tooltips and assistive technology", () => {
    expect(labels("syncNow", false)).toBe("Ctrl+S or F5");
    expect(labels("syncNow", true)).toBe("⌘S or F5");
    expect(labels("goContacts", false)).toBe("Alt+2");
    expect(ariaKeys("focusSearch", false)).toBe("Control+K /");
  });
});
