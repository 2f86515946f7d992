import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { attachmentHeader } from "./content-disposition.ts";
import { sanitiseFileName } from "./sanitise-file-name.ts";

describe("sanitiseFileName", () => {
  it.each([
    ["../../etc/<script>x.pdf", "_script_x.pdf"],
    ["C:\\Users\\ana\\Desktop\\report.docx", "report.docx"],
    ["..", "file"],
    [".hidden.pdf", "hidden.pdf"],
    ["evil\u202Efdp.exe", "evilfdp.exe"],
    ["line\r\nbreak\u0000.png", "line break.png"],
    ['a"b|c?.pdf', "a_b_c_.pdf"],
    ["Rapport  annuel\té.pdf", "Rapport annuel é.pdf"],
    ["", "file"],
  ])("%j → %j", (raw, safe) => {
    expect(sanitiseFileName(raw)).toBe(safe);
  });

  it("keeps the extension when shortening a long name", () => {
    const name = sanitiseFileName(`${"x".repeat(400)}.xlsx`);
    expect(name).toHaveLength(150);
    expect(name.endsWith(".xlsx")).toBe(true);
  });

  it("never returns a name with folder parts, control characters or markup, whatever it is given", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), (raw) => {
        const name = sanitiseFileName(raw);
        expect(name.length).toBeGreaterThan(0);
        expect(name.length).toBeLessThanOrEqual(150);
        // biome-ignore lint/suspicious/noControlCharactersInRegex: checking that none remain
        expect(name).not.toMatch(/[/\\<>:"|?*\u0000-\u001f\u007f\u202a-\u202e]/);
        expect(name.startsWith(".")).toBe(false);
      }),
    );
  });
});

describe("attachmentHeader", () => {
  it("gives an ASCII fallback and the exact name in RFC 5987 form", () => {
    expect(attachmentHeader("Résumé (2024).pdf")).toBe(
      `attachment; filename="R_sum_ (2024).pdf"; filename*=UTF-8''R%C3%A9sum%C3%A9%20%282024%29.pdf`,
    );
  });

  it("cannot be broken out of by any name", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), (raw) => {
        const header = attachmentHeader(sanitiseFileName(raw));
        expect(header).toMatch(
          /^attachment; filename="[\x20-\x21\x23-\x5b\x5d-\x7e]*"; filename\*=UTF-8''[\w.!~%-]*$/,
        );
      }),
    );
  });
});
