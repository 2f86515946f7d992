import { writeFileSync } from "node:fs";
import { renderPermissionsDoc } from "../src/server/app/permissions-doc.ts";

writeFileSync(new URL("../docs/permissions.md", import.meta.url), renderPermissionsDoc());
console.log("Wrote docs/permissions.md");
