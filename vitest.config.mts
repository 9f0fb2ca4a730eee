import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: [
      // @/sdk is the SDK's source (its package.json points at the built files for npm pack).
      { find: /^@\/sdk$/, replacement: path.resolve(import.meta.dirname, "sdk/index.ts") },
      { find: "@", replacement: path.resolve(import.meta.dirname) },
    ],
  },
  test: {
    environment: "node",
    include: [
      "lib/**/*.test.ts",
      "components/**/*.test.ts",
      "app/**/*.test.ts",
      "scripts/**/*.test.ts",
      "sdk/**/*.test.ts",
      "cli/**/*.test.ts",
    ],
    exclude: ["node_modules", "e2e", ".next", "dist", "sdk/dist"],
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // "server-only" throws outside React's server bundle; under Vitest every module is server code.
    alias: { "server-only": path.resolve(import.meta.dirname, "lib/testing/server-only-stub.ts") },
  },
});
