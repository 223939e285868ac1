import { defineConfig } from "vitest/config";

// Browser tests: the built UI in headless Chromium, served by the real HTTP bridge.
export default defineConfig({
  test: {
    environment: "node",
    include: ["e2e/browser/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
