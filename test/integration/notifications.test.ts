import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq, inArray } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Grant } from "../../src/core/index.ts";
import { buildApp } from "../../src/server/app/build-app.ts";
import { assessments, cycles, notifications, outbox, users } from "../../src/server/db/schema.ts";
import { sendDeadlineReminders } from "../../src/server/notifications/deadline-reminders.ts";
import { notify } from "../../src/server/notifications/notify.ts";
import { startReminderJob } from "../../src/server/notifications/reminder-job.ts";
import { seedReference } from "../../src/server/reference/countries.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { buildAssessments, buildUser, signInAs, type TestUser } from "../support/factories.ts";
import { runCli } from "../support/run-cli.ts";

const DAY = 24 * 3600 * 1000;
const country = (role: Grant["role"], code: string): Grant[] => [
  { role, scopeType: "country", scopeCode: code },
];

describeEachDatabase("notifications: in the app and by e-mail, deadline reminders", (database) => {
  let app: FastifyInstance;
  let alice: TestUser;
  let bob: TestUser;

  beforeAll(async () => {
    await seedReference(database().db);
    app = await buildApp({ database: database() });
    alice = await buildUser(database().db, { name: "Alice" });
    bob = await buildUser(database().db, { name: "Bob" });
  });
  afterAll(async () => {
    await app?.close();
  });

  const inbox = async (user: TestUser) =>
    database().db.select().from(notifications).where(eq(notifications.userId, user.id));
  const mails = async (user: TestUser) =>
    database().db.select().from(outbox).where(eq(outbox.toEmail, user.email));

  it("notify() writes one notification and one outbox message per active person, once each", async () => {
    const { db } = database();
    const inactive = await buildUser(db, { name: "Gone" });
    await db.update(users).set({ isActive: false }).where(eq(users.id, inactive.id));
    const ids = await notify(db, {
      userIds: [alice.id, alice.id, inactive.id],
      kind: "assignment",
      payload: { assessmentId: "a1", items: ["cv.01"] },
      email: { subject: "You have new questions", text: "Open the workspace" },
    });
    expect(ids).toHaveLength(1);
    expect((await inbox(alice)).map((n) => n.kind)).toEqual(["assignment"]);
    expect((await mails(alice)).map((m) => m.subject)).toEqual(["You have new questions"]);
    expect(await inbox(inactive)).toEqual([]);
    expect(
      await notify(db, { userIds: [], kind: "x", payload: {}, email: { subject: "s", text: "t" } }),
    ).toEqual([]);
  });

  it("lists my own notifications newest first with the unread count, and marks them read", async () => {
    const { db } = database();
    for (const n of [1, 2, 3]) {
      await notify(db, {
        userIds: [bob.id],
        kind: `k${n}`,
        payload: { n },
        email: { subject: "s", text: "t" },
      });
    }
    const session = await signInAs(app, bob);
    expect((await app.inject({ url: "/api/notifications" })).statusCode).toBe(401);
    const list = await app.inject({ url: "/api/notifications", headers: session.headers });
    expect(list.statusCode).toBe(200);
    expect(list.json().unread).toBe(3);
    expect(list.json().items.map((i: { kind: string }) => i.kind)).toEqual(["k3", "k2", "k1"]);
    expect(
      (await app.inject({ url: "/api/notifications?limit=0", headers: session.headers })).statusCode,
    ).toBe(400);

    const first = list.json().items[0].id as string;
    const read = (id: string, headers: Record<string, string> = session.headers) =>
      app.inject({ method: "POST", url: `/api/notifications/${id}/read`, headers });
    expect((await read(first, {})).statusCode).toBe(401);
    expect((await read(first)).json()).toEqual({ marked: 1 });
    expect((await app.inject({ url: "/api/notifications", headers: session.headers })).json().unread).toBe(2);
    // Someone else's notification is not found; a malformed id is a 400.
    const [alices] = await inbox(alice);
    expect((await read(alices!.id)).statusCode).toBe(404);
    expect((await read("not-a-uuid")).statusCode).toBe(400);

    expect((await app.inject({ method: "POST", url: "/api/notifications/read-all" })).statusCode).toBe(401);
    const all = await app.inject({
      method: "POST",
      url: "/api/notifications/read-all",
      headers: session.headers,
    });
    expect(all.json()).toEqual({ marked: 2 });
    const after = (await app.inject({ url: "/api/notifications", headers: session.headers })).json();
    expect(after.unread).toBe(0);
    expect(after.items.every((i: { readAt: string | null }) => i.readAt)).toBe(true);
    expect((await inbox(alice)).every((n) => n.readAt === null)).toBe(true);
  });

  it("reminds coordinators and contributors of open assessments due within 7 days, once per deadline", async () => {
    const { db } = database();
    const now = new Date("2026-03-10T09:00:00Z");
    const soon = await buildAssessments(db, { countries: ["MD", "GE"], period: "soon" });
    const later = await buildAssessments(db, { countries: ["MD"], period: "later" });
    await db
      .update(cycles)
      .set({ closesOn: new Date(now.getTime() + 3 * DAY) })
      .where(eq(cycles.id, soon.cycleId));
    await db
      .update(cycles)
      .set({ closesOn: new Date(now.getTime() + 10 * DAY) })
      .where(eq(cycles.id, later.cycleId));
    const people = {
      coordinator: await buildUser(db, { grants: country("coordinator", "MD") }),
      contributor: await buildUser(db, { grants: country("contributor", "MD") }),
      reviewer: await buildUser(db, { grants: country("reviewer", "MD") }),
      georgian: await buildUser(db, { grants: country("coordinator", "GE") }),
    };
    // Georgia has already submitted: no reminder.
    await db.update(assessments).set({ status: "submitted" }).where(eq(assessments.id, soon.assessments.GE!));

    const first = await sendDeadlineReminders(db, now);
    expect(first).toEqual({ assessments: 1, notifications: 2 });
    const deadlineNotices = async (u: TestUser) => (await inbox(u)).filter((n) => n.kind === "deadline");
    expect((await deadlineNotices(people.coordinator))[0]!.payload).toMatchObject({
      assessmentId: soon.assessments.MD,
      country: "MD",
    });
    expect(await deadlineNotices(people.contributor)).toHaveLength(1);
    expect(await deadlineNotices(people.reviewer)).toHaveLength(0);
    expect(await deadlineNotices(people.georgian)).toHaveLength(0);
    expect((await mails(people.contributor))[0]!.subject).toMatch(/MD|Moldova/);
    expect((await mails(people.contributor))[0]!.subject).toMatch(/due in 3 day/);

    // Already reminded: nothing new, even an hour later.
    expect(await sendDeadlineReminders(db, new Date(now.getTime() + 3600 * 1000))).toEqual({
      assessments: 0,
      notifications: 0,
    });
    // The later cycle comes into the window four days on; a moved deadline is announced again.
    expect((await sendDeadlineReminders(db, new Date(now.getTime() + 4 * DAY))).assessments).toBe(1);
    await db
      .update(cycles)
      .set({ closesOn: new Date(now.getTime() + 5 * DAY) })
      .where(eq(cycles.id, soon.cycleId));
    expect((await sendDeadlineReminders(db, now)).assessments).toBe(1);
    expect(await deadlineNotices(people.coordinator)).toHaveLength(3);
    // Past deadlines are not reminded.
    expect((await sendDeadlineReminders(db, new Date(now.getTime() + 30 * DAY))).assessments).toBe(0);
    const all = await db
      .select()
      .from(notifications)
      .where(inArray(notifications.userId, [people.reviewer.id, people.georgian.id]));
    expect(all).toEqual([]);
  });

  it("runs the reminders from a job that can be stopped", async () => {
    const errors: unknown[] = [];
    const stop = startReminderJob(database().db, { intervalMs: 20, log: (e) => errors.push(e) });
    await new Promise((resolve) => setTimeout(resolve, 120));
    stop();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(errors).toEqual([]);
  });
});

it("childmark notify-deadlines runs the reminders once", async () => {
  const dir = await mkdtemp(join(tmpdir(), "childmark-notify-"));
  try {
    const run = runCli(["notify-deadlines"], { CHILDMARK_DATA_DIR: join(dir, "db"), DATABASE_URL: "" });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Reminded 0 assessment\(s\)/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}, 120_000);
