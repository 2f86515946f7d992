#!/usr/bin/env node
// Runs the TypeScript sources directly: the command is the code in src/cli.
import { register } from "tsx/esm/api";

// Loaded before tsx is registered, so tsx does not transform PGlite's ~800 KB of JavaScript
// (that cost ~40 MB of memory in every command); the TypeScript sources then reuse this module.
await import("@electric-sql/pglite");
register();
await import("../src/cli/main.ts");
