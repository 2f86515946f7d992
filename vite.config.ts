import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { precompress } from "./scripts/precompress-plugin.ts";

export default defineConfig({
  root: "src/web",
  plugins: [react(), precompress()],
  build: {
    outDir: "../../dist/web",
    emptyOutDir: true,
    // Each page is its own chunk (app.tsx); the one larger than this is the password policy's
    // dictionaries (1.7 MB), loaded only where a password is chosen (account/password-strength.tsx).
    chunkSizeWarningLimit: 1800,
  },
  server: { proxy: { "/api": "http://127.0.0.1:3000" } },
});
