import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Grant } from "../../src/core/index.ts";
import { buildApp } from "../../src/server/app/build-app.ts";
import { sanitiseFileName } from "../../src/server/evidence/sanitise-file-name.ts";
import { seedReference } from "../../src/server/reference/countries.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { buildAssessments, buildUser, type Session, signInAs } from "../support/factories.ts";
import { PNG } from "./evidence-files.ts";

/*
 * Stored XSS: every free-text field the API takes is stored as given and comes
 * back only as a JSON string (never HTML); `javascript:` evidence addresses are
 * refused; uploaded files are served as attachments that no browser renders.
 * The web app renders these strings as text (React escapes them); the journey
 * test checks that on screen.
 */

const ATTACKS = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "javascript:alert(1)"];

const grant = (role: Grant["role"], code: string): { grants: Grant[] } => ({
  grants: [{ role, scopeType: "country", scopeCode: code }],
});

/** The answer is JSON (never HTML or sniffable) and parses to `body`'s shape. */
function jsonOf(res: LightMyRequestResponse, status: number): unknown {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers["content-type"]).toMatch(/^application\/json(;|$)/);
  return JSON.parse(res.body);
}

/** A multipart body whose file name is sent exactly, as RFC 5987 `filename*` (quotes and all). */
function uploadBody(fileName: string, content: Buffer): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----xss${Math.random().toString(16).slice(2)}`;
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16)}`);
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename*=UTF-8''${encoded}\r\nContent-Type: image/png\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}

describeEachDatabase(
  "stored XSS: free text comes back verbatim as JSON, files as inert attachments",
  (database) => {
    let app: FastifyInstance;
    let dataDir: string;
    let previousDataDir: string | undefined;
    let md: string;
    let versionId: string;
    let admin: Session;
    let coordinator: Session;
    let reviewer: Session;

    beforeAll(async () => {
      previousDataDir = process.env.CHILDMARK_DATA_DIR;
      dataDir = await mkdtemp(join(tmpdir(), "childmark-xss-"));
      process.env.CHILDMARK_DATA_DIR = dataDir;
      const { db } = database();
      await seedReference(db);
      const built = await buildAssessments(db, { countries: ["MD"] });
      md = built.assessments.MD!;
      versionId = built.versionId;
      app = await buildApp({ database: database() });
      admin = await signInAs(app, await buildUser(db, { isAdmin: true }));
      coordinator = await signInAs(app, await buildUser(db, grant("coordinator", "MD")));
      reviewer = await signInAs(app, await buildUser(db, grant("reviewer", "MD")));
    });
    afterAll(async () => {
      await app?.close();
      if (previousDataDir === undefined) delete process.env.CHILDMARK_DATA_DIR;
      else process.env.CHILDMARK_DATA_DIR = previousDataDir;
      await rm(dataDir, { recursive: true, force: true });
    });

    const answerUrl = (code: string, rest = "") => `/api/assessments/${md}/answers/${code}${rest}`;

    it("keeps a 'not applicable' justification verbatim in the answer, the assessment and the history", async () => {
      const codes = ["ge.01", "ge.02", "ge.03"];
      for (const [i, attack] of ATTACKS.entries()) {
        const saved = jsonOf(
          await app.inject({
            method: "PUT",
            url: answerUrl(codes[i]!),
            headers: coordinator.headers,
            payload: { value: "na", justification: attack, expectedVersion: 0 },
          }),
          200,
        );
        expect(saved).toMatchObject({ value: "na", justification: attack });
        const history = jsonOf(
          await app.inject({ url: answerUrl(codes[i]!, "/history"), headers: reviewer.headers }),
          200,
        ) as { after: { justification: string } | null }[];
        expect(history.map((h) => h.after?.justification)).toContain(attack);
      }
      const whole = jsonOf(
        await app.inject({ url: `/api/assessments/${md}`, headers: reviewer.headers }),
        200,
      ) as {
        answers: { indicator: string; justification: string | null }[];
      };
      const shown = codes.map((c) => whole.answers.find((a) => a.indicator === c)?.justification);
      expect(shown).toEqual(ATTACKS);
    });

    it("keeps comments verbatim", async () => {
      for (const attack of ATTACKS) {
        const posted = jsonOf(
          await app.inject({
            method: "POST",
            url: answerUrl("cv.05", "/comments"),
            headers: coordinator.headers,
            payload: { body: attack },
          }),
          201,
        );
        expect(posted).toMatchObject({ kind: "comment", body: attack });
      }
      const list = jsonOf(
        await app.inject({ url: answerUrl("cv.05", "/comments"), headers: reviewer.headers }),
        200,
      );
      expect((list as { body: string }[]).map((c) => c.body)).toEqual(ATTACKS);
    });

    it("keeps evidence citations and legal references verbatim, and refuses non-http addresses", async () => {
      for (const attack of ATTACKS) {
        const citation = jsonOf(
          await app.inject({
            method: "POST",
            url: answerUrl("cv.06", "/evidence"),
            headers: coordinator.headers,
            payload: { kind: "citation", citation: attack, legalReference: attack },
          }),
          201,
        );
        expect(citation).toMatchObject({ citation: attack, legalReference: attack, url: null });
        const legal = jsonOf(
          await app.inject({
            method: "POST",
            url: answerUrl("cv.06", "/evidence"),
            headers: coordinator.headers,
            payload: { kind: "legal", legalReference: attack },
          }),
          201,
        );
        expect(legal).toMatchObject({ legalReference: attack });
      }
      const list = jsonOf(
        await app.inject({ url: answerUrl("cv.06", "/evidence"), headers: reviewer.headers }),
        200,
      );
      expect(
        (list as { citation: string | null }[]).filter((e) => e.citation).map((e) => e.citation),
      ).toEqual(ATTACKS);
      expect((list as { legalReference: string }[]).map((e) => e.legalReference).sort()).toEqual(
        [...ATTACKS, ...ATTACKS].sort(),
      );

      for (const url of [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
      ]) {
        const refused = await app.inject({
          method: "POST",
          url: answerUrl("cv.07", "/evidence"),
          headers: coordinator.headers,
          payload: { kind: "url", url },
        });
        expect(refused.statusCode, url).toBe(400);
        expect(refused.headers["content-type"]).toMatch(/^application\/json/);
        // A citation source may not smuggle an address in either.
        const beside = await app.inject({
          method: "POST",
          url: answerUrl("cv.07", "/evidence"),
          headers: coordinator.headers,
          payload: { kind: "citation", citation: "report", url },
        });
        expect(beside.statusCode, url).toBe(400);
      }
      const none = jsonOf(
        await app.inject({ url: answerUrl("cv.07", "/evidence"), headers: reviewer.headers }),
        200,
      );
      expect(none).toEqual([]);
      const ok = jsonOf(
        await app.inject({
          method: "POST",
          url: answerUrl("cv.07", "/evidence"),
          headers: coordinator.headers,
          payload: { kind: "url", url: "https://example.org/?q=<script>alert(1)</script>" },
        }),
        201,
      ) as { url: string };
      expect(new URL(ok.url).protocol).toBe("https:");
    });

    it("sanitises uploaded file names and serves the files as sandboxed, unsniffable attachments", async () => {
      const names = [
        ...ATTACKS.map((a) => `${a}.png`),
        // Quotes, a backslash and a semicolon; and what a browser sends for a name with a line break.
        'report"; x=1\\ \\"\'.png',
        "report%22%0D%0AX-Injected: 1.png",
        "rapport d’évaluation ✓.png",
      ];
      for (const raw of names) {
        const upload = uploadBody(raw, PNG);
        const added = jsonOf(
          await app.inject({
            method: "POST",
            url: answerUrl("cv.08", "/evidence"),
            headers: { ...coordinator.headers, ...upload.headers },
            payload: upload.payload,
          }),
          201,
        ) as { file: { name: string; downloadUrl: string; mediaType: string } };
        expect(added.file.name).toBe(sanitiseFileName(raw));
        expect(added.file.name).not.toMatch(/[<>"\r\n]/);
        expect(added.file.mediaType).toBe("image/png");

        const download = await app.inject({ url: added.file.downloadUrl, headers: reviewer.headers });
        expect(download.statusCode).toBe(200);
        expect(download.headers["content-type"]).toBe("image/png");
        expect(download.headers["x-content-type-options"]).toBe("nosniff");
        expect(download.headers["content-security-policy"]).toMatch(/(^|;\s*)sandbox(;|$)/);
        expect(download.headers["x-injected"]).toBeUndefined();
        expect(download.rawPayload.equals(PNG)).toBe(true);
        const disposition = String(download.headers["content-disposition"]);
        // attachment; filename="<printable ASCII, no quote or backslash>"; filename*=UTF-8''<RFC 5987 attr-chars and %XX>
        const match =
          /^attachment; filename="([\x20-\x21\x23-\x5b\x5d-\x7e]*)"; filename\*=UTF-8''([A-Za-z0-9!#$&+.^_`|~%-]+)$/.exec(
            disposition,
          );
        expect(match, disposition).not.toBeNull();
        expect(decodeURIComponent(match![2]!)).toBe(added.file.name);
      }
    });

    it("keeps rework comments, return reasons and reopen reasons verbatim", async () => {
      const reworked = ["cv.01", "cv.02", "cv.03"];
      for (const code of reworked) {
        const res = await app.inject({
          method: "PUT",
          url: answerUrl(code),
          headers: coordinator.headers,
          payload: { value: 5, expectedVersion: 0 },
        });
        expect(res.statusCode, res.body).toBe(200);
      }
      const step = async (who: Session, name: string, payload?: object) =>
        jsonOf(
          await app.inject({
            method: "POST",
            url: `/api/assessments/${md}/${name}`,
            headers: who.headers,
            ...(payload ? { payload } : {}),
          }),
          200,
        ) as { status: string; event: { reason: string | null } };

      for (const [i, attack] of ATTACKS.entries()) {
        await step(coordinator, "submit");
        await step(reviewer, "start-review");
        const flagged = await app.inject({
          method: "POST",
          url: answerUrl(reworked[i]!, "/rework"),
          headers: reviewer.headers,
          payload: { comment: attack },
        });
        expect(flagged.statusCode, flagged.body).toBeLessThan(300);
        expect(flagged.headers["content-type"]).toMatch(/^application\/json/);
        const returned = await step(reviewer, "return", { reason: attack });
        expect(returned).toMatchObject({ status: "returned", event: { reason: attack } });
      }
      for (const [i, code] of reworked.entries()) {
        const comments = jsonOf(
          await app.inject({ url: answerUrl(code, "/comments"), headers: reviewer.headers }),
          200,
        );
        expect(comments).toEqual([expect.objectContaining({ kind: "rework", body: ATTACKS[i] })]);
      }

      await step(coordinator, "submit");
      await step(reviewer, "start-review");
      for (const code of reworked) {
        const cleared = await app.inject({
          method: "DELETE",
          url: answerUrl(code, "/rework"),
          headers: reviewer.headers,
        });
        expect(cleared.statusCode, cleared.body).toBe(200);
      }
      await step(reviewer, "validate");
      for (const [i, attack] of ATTACKS.entries()) {
        const reopened = await step(admin, "reopen", { reason: attack });
        expect(reopened).toMatchObject({ status: "returned", event: { reason: attack } });
        if (i < ATTACKS.length - 1) {
          await step(coordinator, "submit");
          await step(reviewer, "start-review");
          await step(reviewer, "validate");
        }
      }
      const events = jsonOf(
        await app.inject({ url: `/api/assessments/${md}/events`, headers: reviewer.headers }),
        200,
      );
      const reasons = (events as { to: string; reason: string | null }[]).filter((e) => e.to === "returned");
      expect(reasons.map((e) => e.reason).sort()).toEqual([...ATTACKS, ...ATTACKS].sort());
    });

    it("keeps a name given when accepting an invitation verbatim", async () => {
      for (const [i, attack] of ATTACKS.entries()) {
        const email = `xss-${i}-${Math.random().toString(16).slice(2)}@example.org`;
        jsonOf(
          await app.inject({
            method: "POST",
            url: "/api/invitations",
            headers: coordinator.headers,
            payload: { email, grant: { role: "contributor", scopeType: "country", scopeCode: "MD" } },
          }),
          201,
        );
        const outbox = jsonOf(
          await app.inject({ url: "/api/admin/outbox", headers: admin.headers }),
          200,
        ) as {
          toEmail: string;
          bodyText: string;
        }[];
        const token = /#token=([\w-]+)/.exec(outbox.find((m) => m.toEmail === email)!.bodyText)![1]!;
        const accepted = jsonOf(
          await app.inject({
            method: "POST",
            url: "/api/invitations/accept",
            payload: { token, name: attack, password: "a long enough password 1" },
          }),
          200,
        ) as { name: string; csrfToken: string };
        expect(accepted.name).toBe(attack);
        const cookie = (
          await app.inject({
            method: "POST",
            url: "/api/auth/sign-in",
            payload: { email, password: "a long enough password 1" },
          })
        ).cookies
          .map((c) => `${c.name}=${c.value}`)
          .join("; ");
        const me = jsonOf(await app.inject({ url: "/api/auth/me", headers: { cookie } }), 200);
        expect(me).toMatchObject({ name: attack });
        // The name is shown to others as the author of what they write.
        const comment = jsonOf(
          await app.inject({
            method: "POST",
            url: answerUrl("cv.09", "/comments"),
            headers: { cookie, "x-csrf-token": (me as { csrfToken: string }).csrfToken },
            payload: { body: "hello" },
          }),
          201,
        );
        expect(comment).toMatchObject({ author: attack });
      }
    });

    it("keeps cycle names verbatim in every language", async () => {
      for (const [i, attack] of ATTACKS.entries()) {
        const created = jsonOf(
          await app.inject({
            method: "POST",
            url: "/api/cycles",
            headers: admin.headers,
            payload: {
              frameworkVersionId: versionId,
              period: `xss-${i}`,
              name: { en: attack, fr: attack },
              countries: ["GE"],
            },
          }),
          201,
        ) as { id: string; name: Record<string, string> };
        expect(created.name).toMatchObject({ en: attack, fr: attack });
        const read = jsonOf(
          await app.inject({ url: `/api/cycles/${created.id}`, headers: admin.headers }),
          200,
        );
        expect(read).toMatchObject({ name: { en: attack, fr: attack } });
        const list = jsonOf(await app.inject({ url: "/api/cycles", headers: admin.headers }), 200) as {
          id: string;
          name: Record<string, string>;
        }[];
        expect(list.find((c) => c.id === created.id)?.name.en).toBe(attack);
      }
    });
  },
);
