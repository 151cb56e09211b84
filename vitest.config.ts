import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;
const resolve = {
  alias: [
    { find: /^@\//, replacement: `${root}/` },
    // `server-only` throws outside React's server build; tests run our server code directly.
    { find: "server-only", replacement: path.join(root, "test/support/empty-module.ts") },
  ],
};

export default defineConfig({
  test: {
    reporters: ["default", ["json", { outputFile: "test-results/vitest.json" }]],
    projects: [
      {
        resolve,
        test: {
          name: "unit",
          include: ["{lib,worker,scripts}/**/*.test.ts"],
        },
      },
      {
        resolve,
        test: {
          name: "integration",
          include: ["test/**/*.test.ts"],
          globalSetup: ["test/support/redis-global-setup.ts"],
          setupFiles: ["test/support/integration-env.ts"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // One Redis and one worker fleet per file; files in parallel would fight over the 2 cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
