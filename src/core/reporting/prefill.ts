import { groupSynergies, type SynergyGroup } from "../recommendations/synergies.ts";
import type { ReportingCluster } from "./clusters.ts";

/** A source a section's text cites as `[n]`: a link back to the evidence in Childmark or outside. */
export interface Citation {
  n: number;
  kind: "evidence" | "recommendation" | "score" | "consultation" | "budget";
  label: string;
  /** A path in Childmark (`/recommendations/…`) or an outside URL. */
  href: string | null;
}

export interface ScoreFact {
  article: string;
  score: number | null;
  change: number | null;
  period: string;
}

export interface AnswerFact {
  indicatorCode: string;
  indicatorText: string;
  value: string;
  articles: readonly string[];
  href: string;
  evidence: readonly { label: string; href: string | null }[];
}

export interface RecommendationFact {
  id: string;
  reference: string;
  text: string;
  articles: readonly string[];
  status: string | null;
  assessedOn: string | null;
  evidence: string | null;
  /** The mechanism that made it and its themes: recommendations of several mechanisms on one issue are reported together. */
  mechanism?: string;
  themes?: readonly string[];
}

export interface ConsultationFact {
  id: string;
  title: string;
  participants: number | null;
  articles: readonly string[];
}

/** A budget line of a validated fiscal year, tagged with UNCRC articles (public investment in children). */
export interface BudgetFact {
  id: string;
  fiscalYear: string;
  /** The line's English name, else its name. */
  name: string;
  ministry: string;
  currency: string;
  allocated: number | null;
  executed: number | null;
  articles: readonly string[];
  /** The budget document and page, as evidence. */
  source: string | null;
  href: string;
}

export interface KnownFacts {
  scores: readonly ScoreFact[];
  answers: readonly AnswerFact[];
  recommendations: readonly RecommendationFact[];
  consultations: readonly ConsultationFact[];
  /** Budget lines linked to articles (absent where budgets are not kept). */
  budgets?: readonly BudgetFact[];
  /**
   * The State's synergies a person confirmed (each the ids of its recommendations): when given,
   * only these are reported together; when absent, the suggestions of `groupSynergies` are.
   */
  synergies?: readonly (readonly string[])[];
}

export interface PrefilledSection {
  key: string;
  body: string;
  citations: Citation[];
  questions: string[];
}

const STATUS_WORDS: Record<string, string> = {
  not_started: "not started",
  in_progress: "in progress",
  partially_implemented: "partially implemented",
  implemented: "implemented",
  regressed: "regressed",
};

const MAX_ANSWERS = 6;
const MAX_RECOMMENDATIONS = 8;
const MAX_BUDGET_LINES = 6;

const touches = (articles: readonly string[], cluster: ReportingCluster) =>
  articles.some((a) => cluster.articles.includes(a));

const signed = (value: number) => `${value > 0 ? "+" : ""}${value.toFixed(1)}`;

/**
 * A cluster's first draft from what Childmark knows: the index scores and change of its articles,
 * the answers and the evidence behind them, the previous recommendations on its articles with the
 * coalition's latest status, and the children's consultations that asked about them. Every fact
 * carries a citation `[n]` that export turns into a footnote with its link, and each recommendation
 * not shown implemented gives a suggested question for the list of issues. The coalition rewrites
 * the prose; the citations are what make the report traceable to its evidence.
 */
export function prefillSection(cluster: ReportingCluster, facts: KnownFacts): PrefilledSection {
  const citations: Citation[] = [];
  const cite = (c: Omit<Citation, "n">) => {
    const n = citations.length + 1;
    citations.push({ ...c, n });
    return `[${n}]`;
  };
  const paragraphs: string[] = [];
  const questions: string[] = [];

  const scores = facts.scores.filter((s) => cluster.articles.includes(s.article) && s.score !== null);
  if (scores.length) {
    const parts = scores.map((s) => {
      const ref = cite({
        kind: "score",
        label: `Child Protection Index ${s.period}, UNCRC article ${s.article}`,
        href: null,
      });
      const change = s.change === null ? "" : ` (${signed(s.change)} since the previous cycle)`;
      return `article ${s.article}: ${s.score!.toFixed(1)} of 100${change} ${ref}`;
    });
    paragraphs.push(`The index scores the State's action on this cluster as follows: ${parts.join("; ")}.`);
  }

  const answers = facts.answers.filter((a) => touches(a.articles, cluster)).slice(0, MAX_ANSWERS);
  for (const answer of answers) {
    const refs = answer.evidence.map((e) => cite({ kind: "evidence", label: e.label, href: e.href }));
    if (!refs.length)
      refs.push(cite({ kind: "evidence", label: `Indicator ${answer.indicatorCode}`, href: answer.href }));
    paragraphs.push(`${answer.indicatorText} — the coalition's answer: ${answer.value}. ${refs.join(" ")}`);
  }

  const recs = facts.recommendations
    .filter((r) => touches(r.articles, cluster))
    .slice(0, MAX_RECOMMENDATIONS);
  // Synergies: recommendations of several mechanisms that ask for the same thing are reported
  // once, together, with every source: the groups a person confirmed when the facts name them,
  // else the suggestions of groupSynergies.
  const byId = new Map(facts.recommendations.map((r) => [r.id, r]));
  const groups: Pick<SynergyGroup, "ids" | "mechanisms">[] = facts.synergies
    ? facts.synergies
        .map((ids) => {
          const present = ids.filter((id) => byId.has(id));
          return {
            ids: present,
            mechanisms: [...new Set(present.map((id) => byId.get(id)!.mechanism ?? ""))].sort(),
          };
        })
        .filter((g) => g.ids.length > 1)
    : groupSynergies(
        facts.recommendations
          .filter((r) => r.mechanism)
          .map((r) => ({
            id: r.id,
            mechanism: r.mechanism!,
            text: r.text,
            articles: r.articles,
            themes: r.themes ?? [],
          })),
      );
  type Group = (typeof groups)[number];
  const groupOf = new Map<string, Group>(groups.flatMap((g) => g.ids.map((id) => [id, g] as const)));
  const done = new Set<Group>();
  const statusOf = (rec: RecommendationFact) =>
    rec.status
      ? `the coalition assesses it as ${STATUS_WORDS[rec.status] ?? rec.status}${rec.assessedOn ? ` (${rec.assessedOn})` : ""}`
      : "the coalition has not assessed its implementation yet";
  for (const rec of recs) {
    const group = groupOf.get(rec.id);
    if (group) {
      if (done.has(group)) continue;
      done.add(group);
      const members = group.ids.map((id) => byId.get(id)!);
      const parts = members.map((m) => {
        const ref = cite({
          kind: "recommendation",
          label: `${m.reference}: ${m.text}`,
          href: `/recommendations/${m.id}`,
        });
        const evidence = m.evidence ? ` ${m.evidence}` : "";
        return `${(m.mechanism ?? "").toUpperCase()} (${m.reference}): "${m.text}" — ${statusOf(m)}.${evidence} ${ref}`;
      });
      paragraphs.push(
        `Several mechanisms (${group.mechanisms.map((m) => m.toUpperCase()).join(", ")}) asked for the same thing; this report answers them together. ${parts.join(" ")}`,
      );
      if (members.some((m) => m.status !== "implemented"))
        questions.push(
          `Please provide information on the measures taken to implement the recommendations in ${members.map((m) => m.reference).join("; ")}, with their results and the budget allocated.`,
        );
      continue;
    }
    const ref = cite({
      kind: "recommendation",
      label: `${rec.reference}: ${rec.text}`,
      href: `/recommendations/${rec.id}`,
    });
    const evidence = rec.evidence ? ` ${rec.evidence}` : "";
    paragraphs.push(
      `The Committee recommended (${rec.reference}): "${rec.text}" — ${statusOf(rec)}.${evidence} ${ref}`,
    );
    if (rec.status !== "implemented")
      questions.push(
        `Please provide information on the measures taken to implement the recommendation in ${rec.reference}, with their results and the budget allocated.`,
      );
  }

  // Public investment: the latest validated fiscal year's lines linked to the cluster's articles.
  const linked = (facts.budgets ?? []).filter((b) => touches(b.articles, cluster));
  const latestYear = linked
    .map((b) => b.fiscalYear)
    .sort()
    .at(-1);
  const budgetLines = linked.filter((b) => b.fiscalYear === latestYear).slice(0, MAX_BUDGET_LINES);
  if (budgetLines.length) {
    const amount = (v: number | null, currency: string, what: string) =>
      v === null ? `${what} not reported` : `${Math.round(v).toLocaleString("en")} ${currency} ${what}`;
    const parts = budgetLines.map((b) => {
      const ref = cite({
        kind: "budget",
        label: `${b.name} (${b.ministry}), budget ${b.fiscalYear}${b.source ? `: ${b.source}` : ""}`,
        href: b.href,
      });
      return `${b.name}: ${amount(b.allocated, b.currency, "allocated")}, ${b.executed === null ? "execution not reported" : amount(b.executed, b.currency, "executed")} ${ref}`;
    });
    paragraphs.push(`Public investment in fiscal year ${latestYear}: ${parts.join("; ")}.`);
  }

  const consultations = facts.consultations.filter((c) => touches(c.articles, cluster));
  for (const c of consultations) {
    const ref = cite({
      kind: "consultation",
      label: `Children's consultation "${c.title}"`,
      href: `/children/${c.id}`,
    });
    const who = c.participants === null ? "children" : `${c.participants} children`;
    paragraphs.push(`Children's view: ${who} answered the consultation "${c.title}" on these rights. ${ref}`);
  }

  if (!paragraphs.length)
    paragraphs.push(
      "Childmark holds no scores, evidence, recommendations or consultations for the articles of this cluster yet.",
    );
  return { key: cluster.key, body: paragraphs.join("\n\n"), citations, questions };
}
