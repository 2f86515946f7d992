import { eq } from "drizzle-orm";
import { REVIEW_MECHANISM_INFO, renderIcs, STEP_NAMES } from "../../core/index.ts";
import { loadActor } from "../auth/actor.ts";
import { hashToken, randomToken } from "../auth/tokens.ts";
import type { Db } from "../db/connect.ts";
import { calendarFeeds, regions } from "../db/schema.ts";
import { UserError } from "../errors.ts";
import { publicUrl } from "../mail/send-mail.ts";
import { readCalendar } from "./read-calendar.ts";

/**
 * Makes a subscription URL for a country's or a region's calendar. The token is random and
 * stored only as its hash; the feed answers without a session, with what its maker may read
 * at the time it is fetched (nothing once they lose access or are deactivated).
 */
export async function createCalendarFeed(
  db: Db,
  userId: string,
  scope: { country?: string; region?: string },
): Promise<{ url: string; path: string }> {
  const token = randomToken();
  await db.insert(calendarFeeds).values({
    tokenHash: hashToken(token),
    userId,
    countryCode: scope.country ?? null,
    regionCode: scope.region ?? null,
  });
  const path = `/api/reporting/feeds/${token}`;
  return { url: `${publicUrl()}${path}`, path };
}

/** The iCalendar text of a feed token, or 404 for an unknown token or a maker no longer active. */
export async function renderCalendarFeed(db: Db, token: string, now: Date): Promise<string> {
  const [feed] = await db
    .select()
    .from(calendarFeeds)
    .where(eq(calendarFeeds.tokenHash, hashToken(token)));
  const actor = feed && (await loadActor(db, feed.userId));
  if (!feed || !actor) throw new UserError("no such calendar feed", [], 404);
  const calendar = await readCalendar(db, actor, {
    country: feed.countryCode ?? undefined,
    region: feed.countryCode ? undefined : (feed.regionCode ?? undefined),
  });
  let name = calendar.countries.find((c) => c.code === feed.countryCode)?.name ?? feed.countryCode ?? "";
  if (feed.regionCode) {
    const [region] = await db.select().from(regions).where(eq(regions.code, feed.regionCode));
    name = region?.name.en ?? feed.regionCode;
  }
  return renderIcs(
    `Childmark reporting calendar — ${name}`,
    calendar.events.map((e) => ({
      uid: `${e.stepId}@childmark`,
      date: e.dueOn,
      endDate: e.endsOn,
      summary: `${e.countryName}: ${STEP_NAMES[e.kind]} — ${REVIEW_MECHANISM_INFO[e.mechanism].name.en}`,
      description: [e.review, e.note].filter(Boolean).join("\n"),
      url: `${publicUrl()}/reporting/calendar?country=${e.country}`,
      stamp: now,
    })),
  );
}
