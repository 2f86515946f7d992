import { z } from "zod";

// zod compiles object parsers with `new Function` when it may; its probe alone is reported as a
// violation of the server's Content-Security-Policy (script-src without 'unsafe-eval'). Imported
// first by main.tsx, before any schema parses.
z.config({ jitless: true });
