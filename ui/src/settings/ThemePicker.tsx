import { useState } from "react";
import { readTheme, THEMES, writeTheme, type Theme } from "./theme";

/** Light, dark or the system's: applies at once, kept for the next start. */
export function ThemePicker() {
  const [theme, setTheme] = useState<Theme>(() => readTheme());
  return (
    <section className="card" aria-labelledby="theme-title">
      <header className="card-header">
        <h2 id="theme-title">Appearance</h2>
      </header>
      <fieldset className="segmented" aria-label="Theme">
        <legend className="sr-only">Theme</legend>
        {THEMES.map((t) => (
          <label key={t.value} className="check">
            <input
              type="radio"
              name="theme"
              value={t.value}
              checked={theme === t.value}
              onChange={() => {
                setTheme(t.value);
                writeTheme(t.value);
              }}
            />
            {t.label}
          </label>
        ))}
      </fieldset>
    </section>
  );
}
