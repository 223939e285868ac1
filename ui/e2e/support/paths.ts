import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

/** Where cargo put the binaries of the current (debug) build. */
export function binary(name: string): string {
  const target = process.env.CARGO_TARGET_DIR ?? path.join(repoRoot, "target");
  return path.join(target, "debug", name);
}

/** Screenshots land in test-results/screenshots, for people to look at and for the README. */
export function screenshotPath(name: string): string {
  const dir = path.join(repoRoot, "test-results", "screenshots");
  mkdirSync(dir, { recursive: true });
  return path.join(dir, name);
}
