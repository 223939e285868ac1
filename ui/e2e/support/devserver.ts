import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { closedPort } from "./bridge";
import { binary } from "./paths";

export interface RunningDevserver {
  url: string;
  /** Stops it the hard way, as a network cut would look to a client. */
  kill: () => Promise<void>;
}

/** Starts `outpost-devserver --demo` on a free loopback port, apart from any bridge: a server a test can take away. */
export async function startDevserver(): Promise<RunningDevserver> {
  const port = await closedPort();
  const child = spawn(binary("outpost-devserver"), ["--demo", "--port", String(port)], {
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
