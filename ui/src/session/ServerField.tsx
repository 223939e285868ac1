import { useState } from "react";
import type { ServerProfile } from "../generated/bindings";
import { profileFor } from "./servers";

interface ServerFieldProps {
  profiles: readonly ServerProfile[];
  /** The address sign-in will use. */
  value: string;
  onChange: (address: string) => void;
  /** The user settled on an address (picked a profile, or left the address field): worth a health check. */
  onSettle: (address: string) => void;
  autoFocus?: boolean;
}

/**
 * The sign-in's server: a choice of the known servers (by name, with their address) plus
 * "Another address…" to type one; a plain address field while no server is known.
 */
export function ServerField({ profiles, value, onChange, onSettle, autoFocus }: ServerFieldProps) {
  // Chosen "Another address…": stay in the address field even when what is typed matches a
  // profile, so the field does not vanish under the user's fingers.
  const [typing, setTyping] = useState(false);
  const match = profileFor(profiles, value);

  const addressInput = (label: string) => (
    <label>
      {label}
      <input
        name="server"
        type="url"
        required
        placeholder="https://api.example.com"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onBlur={() => value && onSettle(value)}
        autoFocus={autoFocus || typing}
      />
    </label>
  );

  if (profiles.length === 0) return addressInput("Server");

  const showAddress = typing || !match;
  return (
    <>
      <label>
        Server
        <select
          name="server-profile"
          value={showAddress ? "" : match.name}
          autoFocus={autoFocus}
          onChange={(e) => {
            const chosen = profiles.find((p) => p.name === e.target.value);
            if (chosen) {
              setTyping(false);
              onChange(chosen.url);
              onSettle(chosen.url);
            } else {
              setTyping(true);
              onChange("");
            }
          }}
        >
          {profiles.map((p) => (
            <option key={p.name} value={p.name}>
              {p.name} — {p.url}
            </option>
          ))}
          <option value="">Another address…</option>
        </select>
      </label>
      {showAddress && addressInput("Address")}
    </>
  );
}
