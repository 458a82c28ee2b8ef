import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 600_000,
    hookTimeout: 600_000,
    // The shared-data cache is imported once; files run in separate forks that share it on disk.
    globalSetup: ["test/global-setup.ts"],
  },
});
