import { and, eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { organisations, roleAssignments } from "../../src/server/db/schema.ts";
import { demoLogoPng } from "../../src/server/demo/demo-logos.ts";
import { createUser } from "../../src/server/users/create-user.ts";
import { findSeriousViolations } from "./support/axe.ts";
import { type DemoAdminPage, openDemoAdminPage } from "./support/demo-admin-page.ts";

/*
 * A coalition's coordinator runs her network in Chromium: she opens her coalition, approves the
 * demo's pending application, starts a working group, adds a person and records a meeting.
 * Another coalition's coordinator is refused by the server (403) when she tries the same on
 * Moldova's coalition. Screenshots in English at 1280 px and in Arabic at 390 px.
 */

const PASSWORD = "amber lantern orbit quay 2026";
let app: DemoAdminPage;
const problems: string[] = [];

beforeAll(async () => {
  app = await openDemoAdminPage("network", problems, { timeout: 20_000 });
}, 240_000);
afterAll(async () => {
  await app?.close();
});

async function coalitionOf(country: string): Promise<string> {
  const [row] = await app.server.database.db
    .select({ id: organisations.id })
    .from(organisations)
    .where(and(eq(organisations.kind, "coalition"), eq(organisations.countryCode, country)));
  return row!.id;
}

/** A coordinator of one coalition (a role scoped to the organisation), signed in in a page of her own. */
async function coordinatorPage(email: string, name: string, coalitionId: string): Promise<Page> {
  const db = app.server.database.db;
  const user = await createUser(db, { email, name, password: PASSWORD });
  await db
    .insert(roleAssignments)
    .values({ userId: user.id, role: "coordinator", scopeType: "organisation", scopeCode: coalitionId });
  const context = await app.browser.newContext({ locale: "en-GB", viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(20_000);
  const res = await context.request.post(`${app.server.url}/api/auth/sign-in`, {
    data: { email, password: PASSWORD },
  });
  if (!res.ok()) throw new Error(`sign-in of ${email}: ${res.status()}`);
  const page = await context.newPage();
  page.on("pageerror", (error) => problems.push(error.message));
  page.on("console", (m) => {
    // The refused "add a person" (no such account) is a 400 on purpose.
    if (m.type() === "error" && !/status of 400/.test(m.text())) problems.push(m.text());
  });
  return page;
}

const noSidewaysScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

it("a coordinator approves an application, starts a group, adds a person and records a meeting; another coalition's is refused", async () => {
  const url = app.server.url;
  const moldova = await coalitionOf("MD");
  const page = await coordinatorPage("mariana@md-coalition.example.org", "Mariana Coordinator", moldova);

  // Her coalition from the network page: its members and people.
  await page.goto(`${url}/network`);
  await page
    .getByRole("link", { name: /^APSCF/ })
    .first()
    .click();
  await page.getByRole("heading", { name: "Member organisations" }).waitFor();
  const membersBefore = await page.locator("section[aria-labelledby='nw-members'] tbody tr").count();
  expect(membersBefore).toBeGreaterThanOrEqual(2);
  await page.locator("section[aria-labelledby='nw-people']").getByText("Mariana Coordinator").waitFor();

  // The pending application, from the module's navigation.
  await page.getByRole("link", { name: "Membership applications" }).first().click();
  await page.getByRole("heading", { name: "Moldova Street Children Outreach (demo)" }).waitFor();
  await page.getByText(/street in Chișinău and Bălți/).waitFor();
  await page.screenshot({ path: "/tmp/childmark-e2e-network-applications.png", fullPage: true });
  await page.getByRole("button", { name: "Approve" }).click();
  await page.getByText("No application is waiting.").waitFor();
  await page
    .locator("section[aria-labelledby='nw-decided']")
    .getByText("Approved", { exact: true })
    .waitFor();
  await page.getByRole("link", { name: "Open the organisation" }).click();
  await page.getByRole("heading", { name: "Moldova Street Children Outreach (demo)", level: 1 }).waitFor();
  await page.getByText("Application approved", { exact: true }).waitFor();

  // She gives the new member its logo and publishes it in the directory with the profile.
  const logoForm = page.getByRole("form", { name: "Upload the logo" });
  await logoForm
    .getByLabel(/^Logo image/)
    .setInputFiles({ name: "outreach.png", mimeType: "image/png", buffer: demoLogoPng(200) });
  await logoForm.getByRole("button", { name: "Upload the logo" }).click();
  const logo = page.locator("img.nw-logo");
  await logo.waitFor();
  await expect.poll(() => logo.evaluate((i) => (i as HTMLImageElement).naturalWidth)).toBe(96);
  await page.getByText("Not shown in the public directory").waitFor();
  await page.getByRole("button", { name: "Edit the profile" }).click();
  await page.getByLabel("List this organisation in the public directory").check();
  await page.getByLabel("Show the logo in the public directory").check();
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await page.getByText("Shown in the public directory", { exact: true }).waitFor();
  const directory = (await (await page.request.get(`${url}/api/public/directory`)).json()) as {
    name: string;
    logo: { url: string } | null;
  }[];
  const listed = directory.find((d) => d.name === "Moldova Street Children Outreach (demo)");
  expect(listed?.logo?.url).toMatch(/^\/api\/public\/directory\/.+\/logo$/);
  const publicLogo = await page.request.get(`${url}${listed!.logo!.url}`);
  expect(publicLogo.headers()["content-type"]).toBe("image/png");
  await page.screenshot({ path: "/tmp/childmark-e2e-network-logo.png", fullPage: false });

  // Back to the coalition: one member more; start a working group there.
  await page.goto(`${url}/network/organisations/${moldova}`);
  await page.getByRole("heading", { name: "Member organisations" }).waitFor();
  await expect
    .poll(() => page.locator("section[aria-labelledby='nw-members'] tbody tr").count())
    .toBe(membersBefore + 1);
  await page.getByText("Start a working group").click();
  const groupForm = page.getByRole("form", { name: "Start a working group" });
  await groupForm.getByLabel("Name of the group").fill("Children on the street");
  await groupForm.getByLabel("Areas of work (comma-separated)").fill("street children, participation");
  await groupForm
    .getByLabel("Description")
    .fill("Brings the outreach organisations' evidence into the alternative report.");
  await groupForm.getByLabel("Moldova Street Children Outreach (demo)").check();
  await groupForm.getByRole("button", { name: "Create the group" }).click();
  await page.getByRole("link", { name: "Open the group" }).click();
  await page.getByRole("heading", { name: "Children on the street", level: 1 }).waitFor();
  await page.locator(".nw-lead").getByText("Lead", { exact: true }).waitFor();

  // A person with an account joins the group; a person without one is refused with a clear message.
  const addForm = page.getByRole("form", { name: "Add a person" });
  await addForm.getByLabel("E-mail of their Childmark account").fill("nobody@nowhere.example.org");
  await addForm.getByRole("button", { name: "Add to the group" }).click();
  await page.getByText(/nobody has an account with nobody@nowhere.example.org: invite them first/).waitFor();
  await addForm.getByLabel("E-mail of their Childmark account").fill("elena@md-coalition.example.org");
  await addForm.getByRole("button", { name: "Add to the group" }).click();
  await page.getByText("Elena Rusu (demo)").waitFor();
  await expect
    .poll(() => page.locator("section[aria-labelledby='nw-group-members'] .nw-list > li").count())
    .toBe(2);

  // A meeting with its notes and decisions.
  await page.getByRole("button", { name: "Record a meeting" }).click();
  const meeting = page.getByRole("form", { name: "Record a meeting" });
  await meeting.getByLabel("Date").fill("2026-04-14");
  await meeting.getByLabel("Title").fill("First meeting");
  await meeting.getByLabel("Notes").fill("Outreach teams described what children on the street tell them.");
  await meeting
    .getByLabel("Decisions (one per line)")
    .fill("Collect cases for three months\nInvite two children's councils");
  await meeting.getByRole("button", { name: "Save the meeting" }).click();
  await page.getByRole("heading", { name: /First meeting/ }).waitFor();
  await expect(
    page.locator("section[aria-labelledby='nw-meetings'] ol li").allTextContents(),
  ).resolves.toEqual(["Collect cases for three months", "Invite two children's councils"]);
  expect(await findSeriousViolations(page)).toEqual([]);
  await page.screenshot({ path: "/tmp/childmark-e2e-network-group.png", fullPage: true });
  const groupUrl = page.url();
  const groupId = groupUrl.split("/").pop()!;

  // Georgia's coordinator: refused by the server on Moldova's coalition and its group.
  const georgia = await coordinatorPage(
    "nino.c@ge-coalition.example.org",
    "Nino Coordinator",
    await coalitionOf("GE"),
  );
  await georgia.goto(`${url}/network`);
  await georgia.getByRole("heading", { name: "Network", level: 1 }).waitFor();
  const me = (await (await georgia.request.get(`${url}/api/auth/me`)).json()) as { csrfToken: string };
  const headers = { "x-csrf-token": me.csrfToken };
  const create = await georgia.request.post(`${url}/api/network/groups`, {
    headers,
    data: { organisationId: moldova, name: "Taken over", kind: "thematic" },
  });
  expect(create.status()).toBe(403);
  const member = await georgia.request.post(`${url}/api/network/organisations`, {
    headers,
    data: { parentId: moldova, name: "Not hers", kind: "member" },
  });
  expect(member.status()).toBe(403);
  const meetingThere = await georgia.request.post(`${url}/api/network/groups/${groupId}/meetings`, {
    headers,
    data: { heldOn: "2026-04-15", title: "Not hers" },
  });
  expect(meetingThere.status()).toBe(404);
  expect((await georgia.request.get(`${url}/api/network/organisations/${moldova}`)).status()).toBe(404);
  // Her own coalition she may manage.
  const own = await georgia.request.post(`${url}/api/network/groups`, {
    headers,
    data: { organisationId: await coalitionOf("GE"), name: "Georgia's group", kind: "task" },
  });
  expect(own.status()).toBe(201);

  // Arabic at phone width: right to left, no sideways scroll, no serious axe violation.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.evaluate(() => localStorage.setItem("childmark.lang", "ar"));
  for (const path of [groupUrl, `${url}/network/organisations/${moldova}`, `${url}/network/applications`]) {
    await page.goto(path);
    await page.waitForFunction(() => document.documentElement.dir === "rtl");
    await page.locator("main h1").waitFor();
    await page.waitForFunction(() => !document.querySelector(".status--loading"));
    expect(await noSidewaysScroll(page)).toBeLessThanOrEqual(0);
    expect(await findSeriousViolations(page)).toEqual([]);
    await page.screenshot({
      path: `/tmp/childmark-e2e-network-ar-390-${path.includes("groups") ? "group" : path.includes("applications") ? "applications" : "organisation"}.png`,
      fullPage: true,
    });
  }
  expect(problems).toEqual([]);
}, 300_000);
