import { readFile } from "node:fs/promises";
import type { FastifyInstance, FastifyReply } from "fastify";
import {
  PLAN_LANGUAGES,
  PLANS_CSS,
  renderPublicPlanNotFound,
  renderPublicPlanPage,
  renderPublicPlansIndex,
} from "../../../portal/plans/plan-pages.tsx";
import type { Db } from "../../db/connect.ts";
import { UserError } from "../../errors.ts";
import { listPublicPlans, readPublicPlan } from "./read-public-plan.ts";

const HTML = "text/html; charset=utf-8";
const language = (lang: unknown) =>
  PLAN_LANGUAGES.includes(lang as never) ? (lang as (typeof PLAN_LANGUAGES)[number]) : null;

/** Pages change as actuals are entered and leave when unpublished: short cache. */
const sendPage = (reply: FastifyReply, body: string, code = 200) =>
  reply
    .code(code)
    .type(HTML)
    .header("cache-control", code === 200 ? "public, max-age=60" : "no-store")
    .send(body);

/** The portal pages of published plans (outside /api, no sign-in): the list and each plan per language. */
export async function registerPublicPlanPages(app: FastifyInstance, db: Db): Promise<void> {
  const css = new URL(`../../../portal/plans/${PLANS_CSS}`, import.meta.url);
  app.get(`/portal/plans/assets/${PLANS_CSS}`, async (_request, reply) =>
    reply
      .type("text/css; charset=utf-8")
      .header("cache-control", "public, max-age=300")
      .send(await readFile(css)),
  );
  app.get("/portal/plans", (_request, reply) => reply.redirect("/portal/plans/", 301));
  app.get<{ Querystring: { lang?: string } }>("/portal/plans/", async (request, reply) =>
    sendPage(reply, renderPublicPlansIndex(await listPublicPlans(db), language(request.query.lang) ?? "en")),
  );
  app.get<{ Params: { id: string } }>("/portal/plans/:id/", async (request, reply) =>
    reply.redirect(`/portal/plans/${encodeURIComponent(request.params.id)}/en/`),
  );
  app.get<{ Params: { id: string; lang: string }; Querystring: { period?: string } }>(
    "/portal/plans/:id/:lang/",
    async (request, reply) => {
      const lang = language(request.params.lang);
      if (!lang) return sendPage(reply, renderPublicPlanNotFound("en"), 404);
      try {
        const plan = await readPublicPlan(db, request.params.id);
        return sendPage(reply, renderPublicPlanPage(plan, lang, request.query.period));
      } catch (error) {
        if (error instanceof UserError && error.status === 404)
          return sendPage(reply, renderPublicPlanNotFound(lang), 404);
        throw error;
      }
    },
  );
}
