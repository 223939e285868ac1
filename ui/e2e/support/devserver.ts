import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { closedPort } from "./bridge";
import { binary } from "./paths";

export interface RunningDevserver {
  url: string;
  /** Stops it the hard way, as a network cut would look to a client. */
  kill: () => Promise<void>;
}

/**
 * Starts `outpost-devserver --demo` on a free loopback port, apart from any bridge: a server a test
 * can take away. `extraArgs` such as `--faults` turn on its fault injection (see `addFault`).
 */
export async function startDevserver(extraArgs: string[] = []): Promise<RunningDevserver> {
  const port = await closedPort();
  const child = spawn(binary("outpost-devserver"), ["--demo", "--port", String(port), ...extraArgs], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const lines = createInterface({ input: child.stdout });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`devserver did not start: ${stderr}`)), 30_000);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`devserver exited with ${code}: ${stderr}`));
    });
    lines.on("line", (line) => {
      const found = /listening on (\S+)/.exec(line);
      if (found?.[1]) {
        clearTimeout(timer);
        resolve(found[1]);
      }
    });
  });
  return {
    url,
    kill: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGKILL");
      }),
  };
}

/** A rule for a devserver started with `--faults`: e.g. `{path: "/api/v1/secure/*", kind: "latency", latencyMs: 800}`. */
export async function addFault(server: RunningDevserver, rule: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${server.url.replace(/\/$/, "")}/_faults`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(rule),
  });
  if (response.status !== 201) throw new Error(`the devserver refused the fault rule: ${await response.text()}`);
}

/** Takes every fault rule away. */
export async function clearFaults(server: RunningDevserver): Promise<void> {
  await fetch(`${server.url.replace(/\/$/, "")}/_faults`, { method: "DELETE" });
}
