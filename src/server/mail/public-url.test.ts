import { spawn } from "node:child_process";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../../test/support/run-cli.ts";
import { publicUrlWarning } from "./send-mail.ts";

describe("CHILDMARK_PUBLIC_URL at start", () => {
  it("warns when it is unset outside the demo, naming the address e-mails would use", () => {
    const warning = publicUrlWarning(undefined);
    expect(warning).toContain("CHILDMARK_PUBLIC_URL is not set");
    expect(warning).toContain("http://localhost:3000");
    expect(publicUrlWarning("")).toBe(warning);
  });

  it("says nothing in the demo or when it is an http(s) address", () => {
    expect(publicUrlWarning(undefined, { demo: true })).toBeUndefined();
    expect(publicUrlWarning("https://childmark.example.org")).toBeUndefined();
    expect(publicUrlWarning("http://10.0.0.5:3000/")).toBeUndefined();
  });

  it("warns when it is not an http(s) address, even in the demo", () => {
    expect(publicUrlWarning("childmark.example.org")).toMatch(/must be an http:\/\/ or https:\/\/ address/);
    expect(publicUrlWarning("ftp://childmark.example.org", { demo: true })).toMatch(/must be an http/);
  });

  it("`childmark serve` prints the warning on its standard error when the variable is unset", async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, CHILDMARK_DATA_DIR: "memory" };
    delete env.CHILDMARK_PUBLIC_URL;
    delete env.DATABASE_URL;
    const child = spawn(process.execPath, [resolve(REPO_ROOT, "bin/childmark.js"), "serve", "--port", "0"], {
      cwd: REPO_ROOT,
      env,
    });
    let stdout = "";
    let stderr = "";
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    const exited = new Promise((done) => child.once("close", done));
    try {
      await new Promise<void>((done, fail) => {
        child.stdout.on("data", (chunk) => {
          stdout += chunk;
          if (stdout.includes("Press Ctrl+C")) done();
        });
        child.once("exit", (code) => fail(new Error(`serve exited (${code}): ${stderr}`)));
      });
    } finally {
      child.kill("SIGTERM");
      await exited; // both output streams read to their end
    }
    expect(stdout).toContain("Childmark is running at");
    expect(stderr).toContain("Warning: CHILDMARK_PUBLIC_URL is not set");
  }, 120_000);
});
