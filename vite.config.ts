import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { precompress } from "./scripts/precompress-plugin.ts";

export default defineConfig({
  root: "src/web",
  plugins: [react(), precompress()],
  build: {
    outDir: "../../dist/web",
    emptyOutDir: true,
    // Each page is its own chunk (app.tsx, routing/lazy-page.ts); the one larger than this is the
    // password policy's dictionaries (1.7 MB), loaded only where a password is chosen
    // (account/password-strength.tsx).
    chunkSizeWarningLimit: 1800,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            {
              // zod and the module that turns its `new Function` probe off travel in one chunk, so
              // the setting runs before any schema is built, whichever chunk builds it. Left to the
              // bundler, the setting stays in the entry chunk, which runs after the shared chunks it
              // imports (zod, the API schemas): their schemas then probe with `Function("")`, and
              // the Content-Security-Policy (no 'unsafe-eval') reports a violation.
              name: "zod",
              test: /[\\/]node_modules[\\/]zod[\\/]|[\\/]src[\\/]web[\\/]zod-jitless\.ts$/,
            },
          ],
        },
      },
    },
  },
  server: { proxy: { "/api": "http://127.0.0.1:3000" } },
});
