import { sql } from "drizzle-orm";
import type { Db } from "../db/connect.ts";
import { queryRows } from "../db/query-rows.ts";
import { evidenceSources } from "../db/schema.ts";
import { checkFileContent } from "../evidence/check-file-content.ts";
import { storeFile } from "../evidence/store-file.ts";
import { DEMO_COUNTRIES } from "./demo-countries.ts";
import { uprPage } from "./demo-recommendations.ts";
import { randomFor } from "./random.ts";

/** A one-page PDF saying what it is: the demo's evidence file. */
export function demoPdf(title: string): Buffer {
  const text = title.replace(/[()\\]/g, "");
  const stream = `BT /F1 14 Tf 72 760 Td (${text}) Tj 0 -24 Td /F1 11 Tf (Demo evidence file: invented for the Childmark demo, not a finding.) Tj ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, "0")} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}

/** Sources a coalition cites for each kind of indicator (by the code's prefix), besides its own report. */
const LEGAL: Record<string, string> = {
  ge: "Law on the rights of the child, art. 4–9 (demo reference)",
  a07: "Civil status law, art. 12 (demo reference)",
  a09: "Family code, art. 58 (demo reference)",
  a19: "Law on the protection of children against violence, art. 3 (demo reference)",
  a20: "Government decision on alternative care standards (demo reference)",
  a37: "Juvenile justice code, art. 10 (demo reference)",
};

/**
 * Gives the demo's answers their evidence, as a coalition documents them: about two answers in
 * three get a source (the coalition's monitoring report, a law, or the OHCHR page of the State),
 * and one governance answer per assessment gets a PDF file. Call before the releases are
 * published, so the portal shows the sources. Returns how many sources were added.
 */
export async function loadDemoEvidence(db: Db, adminId: string): Promise<number> {
  const answers = await queryRows<{ id: string; country: string; period: string; code: string }>(
    db,
    sql`select a.id, s.country_code as country, c.period, i.code
      from answers a join assessments s on s.id = a.assessment_id join cycles c on c.id = s.cycle_id
        join indicators i on i.id = a.indicator_id
      where c.is_demo and s.area_code is null and (a.value_text is not null or a.value_number is not null)
      order by s.country_code, c.period, i.code`,
  );
  const coalitions = new Map(DEMO_COUNTRIES.map((c) => [c.code, c.coalition]));
  const rows: (typeof evidenceSources.$inferInsert)[] = [];
  const filed = new Set<string>();
  for (const answer of answers) {
    const random = randomFor("demo-evidence", answer.country, answer.period, answer.code);
    const prefix = answer.code.split(".")[0]!;
    const draw = random();
    const base = { answerId: answer.id, createdBy: adminId, sourceDate: `${answer.period}-03-31` };
    if (prefix === "ge" && !filed.has(`${answer.country}/${answer.period}`)) {
      filed.add(`${answer.country}/${answer.period}`);
      const name = `${answer.country.toLowerCase()}-child-protection-monitoring-${answer.period}.pdf`;
      const bytes = demoPdf(`${coalitions.get(answer.country)}: monitoring report ${answer.period}`);
      const { mediaType } = await checkFileContent(bytes, name);
      const stored = await storeFile(bytes);
      rows.push({
        ...base,
        kind: "file",
        filePath: stored.path,
        fileName: name,
        mediaType,
        fileSize: stored.size,
        sha256: stored.sha256,
      });
    } else if (draw < 0.3) {
      rows.push({
        ...base,
        kind: "citation",
        citation: `${coalitions.get(answer.country)}, Child protection monitoring report ${answer.period} (demo), section ${answer.code}`,
      });
    } else if (draw < 0.5 && LEGAL[prefix]) {
      rows.push({ ...base, kind: "legal", legalReference: LEGAL[prefix] });
    } else if (draw < 0.65) {
      rows.push({ ...base, kind: "url", url: uprPage(answer.country) });
    }
  }
  for (let i = 0; i < rows.length; i += 1000)
    await db.insert(evidenceSources).values(rows.slice(i, i + 1000));
  return rows.length;
}
