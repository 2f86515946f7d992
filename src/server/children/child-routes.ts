import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { GENDERS } from "../../core/index.ts";
import {
  childrenViewOut,
  childrenViewQuery,
  childrenVoicesOut,
  codeParams,
  joinOut,
  submissionBody,
  submissionOut,
} from "../api-schemas/children.ts";
import { errorBody } from "../api-schemas/index.ts";
import type { Db } from "../db/connect.ts";
import { readChildrenView, readChildrenVoices } from "./children-view.ts";
import { definitionOf } from "./definition-cache.ts";
import { loadChildSession, loadSubmitSession, refusal, submitAnswers } from "./submit-answers.ts";

const tags = ["children"];

/** The join answer of a session (its code and sharing) and consultation version, as sent. */
const joinBodies = new Map<string, string>();

/**
 * Requests per minute from one address: a whole school behind one connection must get through,
 * a script hammering codes must not. The limit is held in memory and the address never stored.
 */
const perMinute = (name: string, fallback: number) => ({
  rateLimit: {
    max: Number(process.env[name] ?? fallback),
    timeWindow: "1 minute",
    hook: "preHandler" as const,
  },
});

/**
 * The child-facing API: no account, no cookie, reached by a facilitator's short code. And the
 * public "what children said" beside the index, from closed consultations made public.
 */
export async function registerChildRoutes(app: FastifyInstance, db: Db): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    "/children/join/:code",
    {
      config: perMinute("CHILDMARK_CHILD_JOIN_LIMIT", 300),
      schema: {
        tags,
        summary: "The questions of a consultation, by a session code (no account needed)",
        params: codeParams,
        response: { 200: joinOut, 404: errorBody, 429: errorBody },
      },
    },
    async (request, reply) => {
      const { session, consultation } = await loadChildSession(db, request.params.code);
      // Before it opens and after it closes, a code reveals nothing of the consultation.
      if (consultation.status !== "open")
        throw consultation.status === "draft"
          ? refusal("this consultation has not started yet", "not-started", 404)
          : refusal("this consultation has ended; thank you", "ended", 404);
      reply.header("cache-control", "no-store");
      // The same questions for every child of a session: serialised once per consultation version.
      const key = `${session.id}:${consultation.version}`;
      let body = joinBodies.get(key);
      if (!body) {
        const def = definitionOf(consultation);
        body = JSON.stringify(
          joinOut.parse({
            code: session.code,
            status: "open" as const,
            sharedDevice: session.sharedDevice,
            title: def.title,
            consent: def.consent,
            languages: def.languages,
            ageBands: def.ageBands,
            regions: def.regions,
            genders: [...GENDERS],
            questions: def.questions,
          }),
        );
        if (joinBodies.size >= 200) joinBodies.delete(joinBodies.keys().next().value!);
        joinBodies.set(key, body);
      }
      // A string is sent as it is (checked against the response schema when it was made).
      return reply.type("application/json; charset=utf-8").send(body as never);
    },
  );

  api.post(
    "/children/join/:code/submissions",
    {
      config: perMinute("CHILDMARK_CHILD_SUBMIT_LIMIT", 600),
      schema: {
        tags,
        summary:
          "Send one child's answers; the browser's submission id makes a retry store nothing twice (200 for a retry, 201 when stored)",
        params: codeParams,
        body: submissionBody,
        response: {
          200: submissionOut,
          201: submissionOut,
          400: errorBody,
          404: errorBody,
          409: errorBody,
          429: errorBody,
        },
      },
    },
    async (request, reply) => {
      const joined = await loadSubmitSession(db, request.params.code);
      // One statement (its own transaction): no BEGIN/COMMIT round trips for each child.
      const result = await submitAnswers(db, joined, request.body);
      return reply.code(result.stored ? 201 : 200).send(result);
    },
  );

  api.get(
    "/public/children/indicators/:code",
    {
      schema: {
        tags: ["public"],
        summary:
          "What children said about an indicator, from closed consultations made public: share agreeing and number of children (groups under the threshold never shown)",
        params: z.object({ code: z.string().min(1).max(100) }),
        querystring: childrenViewQuery,
        response: { 200: childrenViewOut, 400: errorBody },
      },
    },
    async (request) => readChildrenView(db, request.params.code, { country: request.query.country }),
  );

  api.get(
    "/public/children/voices",
    {
      schema: {
        tags: ["public"],
        summary:
          "Every 'what children said' of closed consultations made public, per linked indicator: totals, age bands and countries shown (groups under the threshold never shown)",
        response: { 200: childrenVoicesOut },
      },
    },
    async () => readChildrenVoices(db),
  );
}
