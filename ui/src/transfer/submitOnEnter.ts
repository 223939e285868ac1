import type { KeyboardEvent } from "react";

/**
 * Enter confirms a dialog's form from any field, radios, checkboxes and selects included (a
 * browser submits only from text boxes); a focused button keeps its own Enter.
 */
export function submitOnEnter(event: KeyboardEvent<HTMLFormElement>): void {
  const target = event.target as HTMLElement;
  if (event.key !== "Enter" || target.tagName === "BUTTON" || target.tagName === "TEXTAREA") return;
  event.preventDefault();
  event.currentTarget.requestSubmit();
}
