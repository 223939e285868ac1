import { CommandError } from "../api/transport";
import type { Count } from "./useTenantCounts";

export interface Tile {
  id: string;
  /** The word for one and for many: "contact", "contacts". */
  one: string;
  many: string;
  count: Count;
  /** The screen that shows them. */
  href: string;
}

function valueOf(count: Count): string {
  if (count === null) return "…";
  if (count instanceof CommandError) return "—";
  return count.toLocaleString();
}

/** What the tenant holds, one tile per kind, each a link to the screen that lists them. */
export function CountTiles({ tiles }: { tiles: Tile[] }) {
  return (
    <ul className="count-tiles" aria-label="In this tenant">
      {tiles.map((t) => {
        const failed = t.count instanceof CommandError ? t.count : null;
        const word = t.count === 1 ? t.one : t.many;
        return (
          <li key={t.id}>
            <a
              href={t.href}
              className={`card count-tile${failed ? " count-failed" : ""}`}
              data-testid={`count-${t.id}`}
              title={failed ? `${t.many}: ${failed.message}` : undefined}
              aria-busy={t.count === null}
            >
              <span className="count-value">{valueOf(t.count)}</span>
              <span className="count-label">{word}</span>
              {failed && <span className="sr-only">: cannot be counted ({failed.message})</span>}
            </a>
          </li>
        );
      })}
    </ul>
  );
}
