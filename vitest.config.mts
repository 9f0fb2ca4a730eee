import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    environment: "node",
    include: [
      "lib/**/*.test.ts",
      "components/**/*.test.ts",
      "app/**/*.test.ts",
      "scripts/**/*.test.ts",
    ],
    exclude: ["node_modules", "e2e", ".next", "dist"],
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // "server-only" throws outside React's server bundle; under Vitest every module is server code.
    alias: { "server-only": path.resolve(import.meta.dirname, "lib/testing/server-only-stub.ts") },
  },
});
