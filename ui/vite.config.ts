import { defineConfig } from "vitest/config";

// The UI is served from the binary by Tauri (tauri://localhost) or by the HTTP bridge; both load
// it from `dist/`. `npm run dev` serves it from Vite and talks to a bridge given in the URL.
export default defineConfig({
  clearScreen: false,
  build: {
    outDir: "dist",
    target: "es2022",
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
  },
  server: { port: 5173, strictPort: true },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.{ts,tsx}"],
    setupFiles: ["src/testing/setup.ts"],
  },
});
