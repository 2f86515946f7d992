import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { frameworkSchemaText, SCHEMA_PATH } from "../../scripts/write-framework-schema.ts";

describe("docs/framework.schema.json", () => {
  it("is exactly what `npm run schema` generates from the zod schema (run it after changing the model)", () => {
    expect(readFileSync(SCHEMA_PATH, "utf8")).toBe(frameworkSchemaText());
  });

  it("describes the file as written: defaults optional, required fields and indicator types present", () => {
    const schema = JSON.parse(frameworkSchemaText());
    expect(schema.required).toEqual([
      "code",
      "version",
      "title",
      "defaultLanguage",
      "languages",
      "nodes",
      "indicators",
    ]);
    const types = schema.properties.indicators.items.oneOf ?? schema.properties.indicators.items.anyOf;
    expect(types.map((t: { properties: { type: { const: string } } }) => t.properties.type.const)).toEqual([
      "checklist",
      "number",
      "percentage",
      "scale",
    ]);
  });
});
