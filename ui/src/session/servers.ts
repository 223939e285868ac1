// Server profiles on the sign-in screen: matching a typed or stored address to a profile.

import type { CommandError } from "../api/transport";
import type { ServerProfile } from "../generated/bindings";

/**
 * Whether two addresses name the same server. The backend stores addresses without a trailing
 * slash and with a lower-case scheme and host, while the user may type either.
 */
export function sameAddress(a: string, b: string): boolean {
  const normal = (s: string) => {
    const trimmed = s.trim().replace(/\/+$/, "");
    try {
      const url = new URL(trimmed);
      return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, "")}`;
    } catch {
      return trimmed.toLowerCase();
    }
  };
  return normal(a) === normal(b);
}

/** The profile for this address, if there is one. */
export function profileFor(profiles: readonly ServerProfile[], address: string): ServerProfile | undefined {
  return address ? profiles.find((p) => sameAddress(p.url, address)) : undefined;
}

/** Which field of the profile form the backend's objection is about (its `details.field`), if it names one. */
export function fieldOf(error: CommandError | null): "name" | "url" | null {
  const field = error?.details?.field;
  return field === "name" || field === "url" ? field : null;
}
