import { defineConfig } from "vitest/config";

// Desktop tests: the real Tauri window under Xvfb, driven by tauri-driver and WebKitWebDriver.
export default defineConfig({
  test: {
    environment: "node",
    include: ["e2e/desktop/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
