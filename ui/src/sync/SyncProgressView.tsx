import type { SyncProgress } from "../generated/bindings";
import { progressFraction, progressWords } from "./words";

/** How far the run going on has come, in words, with a bar once the phase's total is known. */
export function SyncProgressView({ progress, compact = false }: { progress: SyncProgress; compact?: boolean }) {
  const words = progressWords(progress);
  const fraction = progressFraction(progress);
  return (
    <span className={`sync-progress${compact ? " compact" : ""}`} data-testid="sync-progress">
      <span className="sync-progress-words">{words}</span>
      {fraction !== null && (
        <progress
          max={progress.total ?? undefined}
          value={progress.done}
          aria-label={words}
          aria-valuetext={`${Math.round(fraction * 100)} %`}
        />
      )}
    </span>
  );
}
