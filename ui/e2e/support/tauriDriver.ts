import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { closedPort } from "./bridge";

export interface RunningDriver {
  url: string;
  stop: () => Promise<void>;
}

function tauriDriverPath(): string {
  const inCargoHome = path.join(process.env.CARGO_HOME ?? path.join(os.homedir(), ".cargo"), "bin", "tauri-driver");
  return existsSync(inCargoHome) ? inCargoHome : "tauri-driver";
}

/**
 * Starts tauri-driver (which runs WebKitWebDriver) on free ports and waits until it answers.
 * `env` is added to this process's environment for tauri-driver, and so reaches the app, which
 * WebKitWebDriver starts as its child (e.g. OUTPOST_DATA_DIR, OUTPOST_SERVER).
 */
export async function startTauriDriver(env: Record<string, string> = {}): Promise<RunningDriver> {
  if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    throw new Error("the desktop tests need a display: run them under `xvfb-run -a`");
  }
  const port = await closedPort();
  const nativePort = await closedPort();
  const child: ChildProcess = spawn(
    tauriDriverPath(),
    ["--port", String(port), "--native-port", String(nativePort)],
    { stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, ...env } },
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`tauri-driver exited with ${child.exitCode}`);
    try {
      const r = await fetch(`${url}/status`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error("tauri-driver did not start within 30 s");
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
