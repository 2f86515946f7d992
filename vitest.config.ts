import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Vitest's default is one worker fewer than the cores, which is one on a 2-core machine; most
    // files wait on a database, a server or Chromium, so two run side by side without starving.
    maxWorkers: 2,
    // The web app is built once per run for the browser tests (test/e2e).
    globalSetup: ["test/e2e/global-setup.ts"],
    // Cheaper password hashing in tests only; production uses scrypt N=2^17.
    env: { CHILDMARK_PASSWORD_COST: "12" },
  },
});
