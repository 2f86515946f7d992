/**
 * Writes docs/framework.schema.json, the JSON Schema of framework files,
 * generated from the zod schema in src/core/framework/model.ts so the two
 * cannot drift (test/formats/schema.test.ts checks the committed copy).
 * Run with `npm run schema`.
 */
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { z } from "zod";
import { framework } from "../src/core/index.ts";

export const SCHEMA_PATH = resolve(import.meta.dirname, "../docs/framework.schema.json");

/** The JSON Schema of a framework file as written (defaults make fields optional), as formatted text. */
export function frameworkSchemaText(): string {
  const schema = z.toJSONSchema(framework, { io: "input", target: "draft-2020-12" });
  const documented = {
    $schema: schema.$schema,
    $id: "https://childmark.org/schemas/framework.schema.json",
    title: "Childmark framework",
    description: "A Childmark framework file (format childmark-framework/1). See docs/framework-format.md.",
    ...schema,
  };
  return `${JSON.stringify(documented, null, 2)}\n`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  writeFileSync(SCHEMA_PATH, frameworkSchemaText());
  console.log(`Wrote ${SCHEMA_PATH}`);
}
