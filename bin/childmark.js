#!/usr/bin/env node
// Runs the TypeScript sources directly: the command is the code in src/cli.
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";
import { register } from "tsx/esm/api";

// Short commands compile PGlite's WASM (PostgreSQL) with V8's baseline compiler only: optimising
// its hot functions again (TurboFan) took ~70 MB more memory and longer than the command's own work
// (`framework list`: 250–259 MB → ~197 MB peak). Commands that run long or move many rows keep it.
const LONG_RUNNING = new Set([
  "serve",
  "data",
  "restore",
  "backup",
  "export-site",
  "recommendations",
  "score",
  "publish",
  "releases",
]);
const command = process.argv.slice(2).find((a) => !a.startsWith("-"));
if (command && !LONG_RUNNING.has(command)) setFlagsFromString("--liftoff-only");

// Loaded before tsx is registered, so tsx does not transform PGlite's ~800 KB of JavaScript
// (that cost ~40 MB of memory in every command); the TypeScript sources then reuse this module.
await import("@electric-sql/pglite");
// The tsconfig is named: tsx would otherwise look for it from the working folder, and a command
// started elsewhere would compile the pages' JSX for a global React that is not there.
register({ tsconfig: fileURLToPath(new URL("../tsconfig.json", import.meta.url)) });
await import("../src/cli/main.ts");
