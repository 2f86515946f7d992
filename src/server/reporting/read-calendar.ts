import { and, asc, eq, gte, inArray, lte } from "drizzle-orm";
import {
  type Actor,
  can,
  INSTRUMENT_NAMES,
  type Instrument,
  isCoalitionDeadline,
  type RatificationStatus,
  type ReviewMechanism,
  type StepKind,
} from "../../core/index.ts";
import type { CalendarOut, CountryReportingOut } from "../api-schemas/reporting.ts";
import type { Db } from "../db/connect.ts";
import { countries, ratifications, reportingCycles, reportingSteps } from "../db/schema.ts";
import { type CountryRef, countryTarget, readableCountries } from "./scope.ts";

/** A country's ratifications and reservations, and its reviews with their dated steps. */
export async function readCountryReporting(
  db: Db,
  country: CountryRef,
  actor: Actor | null,
): Promise<CountryReportingOut> {
  const rats = await db
    .select()
    .from(ratifications)
    .where(eq(ratifications.countryCode, country.code))
    .orderBy(asc(ratifications.instrument));
  const reviews = await db
    .select()
    .from(reportingCycles)
    .where(eq(reportingCycles.countryCode, country.code))
    .orderBy(asc(reportingCycles.createdAt));
  const steps = reviews.length
    ? await db
        .select()
        .from(reportingSteps)
        .where(
          inArray(
            reportingSteps.cycleId,
            reviews.map((r) => r.id),
          ),
        )
        .orderBy(asc(reportingSteps.dueOn))
    : [];
  return {
    country: country.code,
    countryName: country.name,
    mayEdit: can(actor, "report:write", countryTarget(country)),
    ratifications: rats.map((r) => ({
      instrument: r.instrument as Instrument,
      name: INSTRUMENT_NAMES[r.instrument as Instrument] ?? r.instrument,
      status: r.status as RatificationStatus,
      signedOn: r.signedOn,
      ratifiedOn: r.ratifiedOn,
      reservations: r.reservations,
      source: r.source,
      version: r.version,
    })),
    reviews: reviews
      .map((r) => ({
        id: r.id,
        mechanism: r.mechanism as ReviewMechanism,
        review: r.review,
        wordLimit: r.wordLimit,
        source: r.source,
        version: r.version,
        steps: steps
          .filter((s) => s.cycleId === r.id)
          .map((s) => ({
            id: s.id,
            kind: s.kind as StepKind,
            dueOn: s.dueOn,
            endsOn: s.endsOn,
            note: s.note,
            isCoalitionDeadline: isCoalitionDeadline(s.kind as StepKind),
          })),
      }))
      .sort((a, b) => (a.steps[0]?.dueOn ?? "").localeCompare(b.steps[0]?.dueOn ?? "")),
  };
}

export interface CalendarFilter {
  country?: string;
  region?: string;
  from?: string;
  to?: string;
}

/**
 * The dated steps of every review of the countries the actor may read, narrowed to a country or
 * a region and a date range; in date order.
 */
export async function readCalendar(
  db: Db,
  actor: Actor | null,
  filter: CalendarFilter,
): Promise<CalendarOut> {
  const all = await db
    .select({ code: countries.code, name: countries.name, regionCode: countries.regionCode })
    .from(countries)
    .where(
      filter.country
        ? eq(countries.code, filter.country)
        : filter.region
          ? eq(countries.regionCode, filter.region)
          : undefined,
    );
  const visible = readableCountries(actor, all);
  const names = new Map(visible.map((c) => [c.code, c.name.en ?? c.code]));
  const events = visible.length
    ? await db
        .select({
          stepId: reportingSteps.id,
          cycleId: reportingCycles.id,
          country: reportingCycles.countryCode,
          mechanism: reportingCycles.mechanism,
          review: reportingCycles.review,
          kind: reportingSteps.kind,
          dueOn: reportingSteps.dueOn,
          endsOn: reportingSteps.endsOn,
          note: reportingSteps.note,
        })
        .from(reportingSteps)
        .innerJoin(reportingCycles, eq(reportingCycles.id, reportingSteps.cycleId))
        .where(
          and(
            inArray(reportingCycles.countryCode, [...names.keys()]),
            filter.from ? gte(reportingSteps.dueOn, filter.from) : undefined,
            filter.to ? lte(reportingSteps.dueOn, filter.to) : undefined,
          ),
        )
        .orderBy(asc(reportingSteps.dueOn), asc(reportingCycles.countryCode))
    : [];
  return {
    countries: [...names.entries()]
      .map(([code, name]) => ({ code, name }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    events: events.map((e) => ({
      ...e,
      countryName: names.get(e.country) ?? e.country,
      mechanism: e.mechanism as ReviewMechanism,
      kind: e.kind as StepKind,
      isCoalitionDeadline: isCoalitionDeadline(e.kind as StepKind),
    })),
  };
}
