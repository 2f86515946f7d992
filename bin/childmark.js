#!/usr/bin/env node
// Runs the TypeScript sources directly: the command is the code in src/cli.
import { register } from "tsx/esm/api";

register();
await import("../src/cli/main.ts");
