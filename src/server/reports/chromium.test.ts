import { existsSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { CHROMIUM_PATH, closeChromium, printPdf, renderPng } from "./chromium.ts";

const hasChromium = existsSync(CHROMIUM_PATH);
if (!hasChromium) console.warn(`skipping: no Chromium at ${CHROMIUM_PATH}`);

describe.skipIf(!hasChromium)("printing with Chromium", () => {
  afterAll(closeChromium);

  it("prints a self-contained page to a PDF that holds its text", async () => {
    const pdf = await printPdf(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title></head><body><h1>Moldova 61.4</h1></body></html>`,
    );
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdf.length).toBeGreaterThan(1000);
  });

  it("runs no script and fetches nothing the document carries", async () => {
    let hits = 0;
    const { createServer } = await import("node:http");
    const server = createServer((_req, res) => {
      hits++;
      res.end("x");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    try {
      await printPdf(
        `<html><body><img src="http://127.0.0.1:${port}/a.png"><script>fetch("http://127.0.0.1:${port}/b")</script><link rel="stylesheet" href="http://127.0.0.1:${port}/c.css"></body></html>`,
      );
    } finally {
      server.close();
    }
    expect(hits).toBe(0);
  });

  it("renders an SVG chart to a PNG at twice its CSS size", async () => {
    const png = await renderPng(
      `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="100"><rect width="150" height="100" fill="#2874a6"/></svg>`,
      { width: 300, height: 100 },
    );
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    expect(png.readUInt32BE(16)).toBe(600);
    expect(png.readUInt32BE(20)).toBe(200);
  });

  it("serves requests concurrently without mixing pages", async () => {
    const pdfs = await Promise.all(
      [1, 2, 3, 4, 5].map((n) => printPdf(`<html><body><p>page ${n}</p></body></html>`)),
    );
    expect(pdfs.every((p) => p.subarray(0, 5).toString() === "%PDF-")).toBe(true);
  });
});
