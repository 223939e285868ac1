import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import { createInterface } from "node:readline";
import path from "node:path";
import { binary, repoRoot } from "./paths";

export interface RunningBridge {
  origin: string;
  secret: string;
  uiUrl: string;
  stop: () => Promise<void>;
}

/**
 * Starts the real backend: `outpost bridge --json`, serving the built UI (ui/dist) and the command
 * surface on a random loopback port; resolves once it prints where it listens.
 */
export async function startBridge(extraArgs: string[]): Promise<RunningBridge> {
  // Each backend gets its own data folder, so tests never share (or touch a user's) replicas.
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "outpost-e2e-"));
  const child = spawn(
    binary("outpost"),
    ["bridge", "--json", "--ui-dir", path.join(repoRoot, "ui", "dist"), ...extraArgs],
    { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, OUTPOST_DATA_DIR: dataDir } },
  );
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const lines = createInterface({ input: child.stdout });
  const first = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bridge did not start: ${stderr}`)), 30_000);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`bridge exited with ${code}: ${stderr}`));
    });
    lines.once("line", (line) => {
      clearTimeout(timer);
      resolve(line);
    });
  });
  const info = JSON.parse(first) as { origin: string; secret: string; uiUrl: string };
  return {
    ...info,
    stop: () =>
      new Promise<void>((resolve) => {
        const done = () => {
          rmSync(dataDir, { recursive: true, force: true });
          resolve();
        };
        if (child.exitCode !== null) return done();
        child.once("exit", done);
        child.kill("SIGINT");
      }),
  };
}

/** A loopback port with nothing listening on it: a server that is down. */
export async function closedPort(): Promise<number> {
  const net = await import("node:net");
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}
