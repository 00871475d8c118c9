// One config for the Remix build, the dev server and Vitest (the top level stays small: PostCSS and
// Vitest settings live here rather than in their own files).
import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vitest/config";
import tsconfigPaths from "vite-tsconfig-paths";
import postcssPresetMantine from "postcss-preset-mantine";
import postcssSimpleVars from "postcss-simple-vars";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

const isVitest = Boolean(process.env.VITEST);

// Integration tests run on PGlite always, and on PostgreSQL too when TEST_DATABASE_URL is set or a
// local server answers on 127.0.0.1:5432 (see tests/integration/postgres-setup.ts).
async function postgresAvailable(): Promise<boolean> {
  if (!isVitest) return false;
  if (process.env.TEST_DATABASE_URL) return true;
  const net = await import("node:net");
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port: 5432, timeout: 500 });
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => (socket.destroy(), resolve(false)));
  });
}
const withPostgres = await postgresAvailable();
if (isVitest && !withPostgres) {
  console.warn("No PostgreSQL server found (TEST_DATABASE_URL unset, 127.0.0.1:5432 closed): integration tests run on PGlite only.");
}

export default defineConfig({
  server: { port: Number(process.env.PORT ?? 3000) },
  css: {
    postcss: {
      plugins: [
        postcssPresetMantine(),
        postcssSimpleVars({
          variables: {
            "mantine-breakpoint-xs": "36em",
            "mantine-breakpoint-sm": "48em",
            "mantine-breakpoint-md": "62em",
            "mantine-breakpoint-lg": "75em",
            "mantine-breakpoint-xl": "88em",
          },
        }),
      ],
    },
  },
  optimizeDeps: {
    include: [
      "@mantine/core",
      "@mantine/hooks",
      "@mantine/charts",
      "@mantine/dropzone",
      "@mantine/notifications",
      "@mantine/dates",
      "recharts",
      "dayjs",
    ],
    exclude: ["@electric-sql/pglite", "kysely", "pg"],
  },
  build: { target: "es2022" },
  plugins: [
    !isVitest &&
      remix({
        // BUILD_DIR lets parallel checkouts of the suite build side by side.
        buildDirectory: process.env.BUILD_DIR ?? "build",
        future: {
          v3_fetcherPersist: true,
          v3_relativeSplatPath: true,
          v3_throwAbortReason: true,
          v3_lazyRouteDiscovery: true,
          v3_singleFetch: true,
          v3_routeConfig: true,
        },
      }),
    tsconfigPaths(),
  ],
  test: {
    // Each project is one level of the test pyramid; integration runs twice, once per database back end.
    projects: [
      {
        extends: true as const,
        test: { name: "unit", include: ["tests/unit/**/*.test.ts", "app/**/*.test.ts"], environment: "node" as const },
      },
      {
        extends: true as const,
        test: {
          name: "integration-pglite",
          include: ["tests/integration/**/*.test.ts"],
          env: { TEST_DB_BACKEND: "pglite" },
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      withPostgres && {
        extends: true as const,
        test: {
          name: "integration-postgres",
          include: ["tests/integration/**/*.test.ts"],
          env: { TEST_DB_BACKEND: "postgres" },
          globalSetup: ["tests/integration/postgres-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ].filter((p) => p !== false),
  },
});
