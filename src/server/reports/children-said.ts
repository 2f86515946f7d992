import { someQuotes } from "../../core/index.ts";
import type { PageEnv } from "../../portal/context.ts";
import { describeAnswer } from "../../portal/model/answers.ts";
import { countryGroup, countsText } from "../../portal/pages/children-said.tsx";
import type { ChildrenVoiceOut } from "../api-schemas/children.ts";
import type { Block, Cell, ReportSection } from "./report-model.ts";
import { wordsOf } from "./report-parts.ts";

/*
 * "What children said" in a country report: for each index indicator a published consultation's
 * question speaks to, the experts' answer beside the children's (share agreeing, number of
 * children, the answers, approved quotes), with the consultation's name and date and the rule
 * that protects the children. The voices come from the server already aggregated (closed and
 * published consultations only, small groups left out, quotes approved by a moderator only).
 */

/** Quotes printed per question: a report is not the place for every child's words. */
const MAX_QUOTES = 8;

/** The voices about indicators of this framework. */
function voicesOfReport(env: PageEnv): ChildrenVoiceOut[] {
  return (env.ctx.childrenVoices ?? []).filter((v) => env.fw.indicators.some((i) => i.code === v.indicator));
}

/** The country's own group when it may be shown, else every country together. */
function shownGroup(voice: ChildrenVoiceOut, country: string) {
  const own = countryGroup(voice, country);
  return {
    own: Boolean(own),
    children: own ? own.children : voice.children,
    agreeing: own ? own.agreeing : voice.agreeing,
    counts: own ? own.counts : voice.counts,
  };
}

export function childrenSectionTitle(env: PageEnv, country: string): string {
  return env.t("childrenCountryTitle", { country: env.countryName(country) });
}

/** The line beside an indicator's answer in the answers table, when children spoke to it. */
export function childrenBesideLines(env: PageEnv, country: string, indicator: string): string[] {
  const words = wordsOf(env);
  return voicesOfReport(env)
    .filter((v) => v.indicator === indicator)
    .map((v) => {
      const g = shownGroup(v, country);
      return g.agreeing === null
        ? words("childrenBesideCount", { count: g.children })
        : words("childrenBeside", { share: env.pct(g.agreeing, 0), count: g.children });
    });
}

/** The consultation, its organisation, when it closed and the ages of the children. */
function sourceLine(env: PageEnv, voice: ChildrenVoiceOut): string {
  return [
    env.text(voice.title),
    voice.organisation,
    voice.closedAt ? env.t("childrenClosed", { date: env.date(voice.closedAt) }) : null,
    voice.bands.length
      ? env.t("childrenAges", { bands: env.list(voice.bands.map((b) => env.text(b.label))) })
      : null,
  ]
    .filter(Boolean)
    .join(" · ");
}

/** What children said to one question: wording, share and children, answers, source, approved quotes. */
function voiceCell(env: PageEnv, voice: ChildrenVoiceOut, country: string): Cell {
  const words = wordsOf(env);
  const g = shownGroup(voice, country);
  const headline = [
    g.agreeing === null ? null : `${env.pct(g.agreeing, 0)} ${env.t("childrenAgreeing")}`,
    env.t("childrenCount", { count: g.children }),
  ]
    .filter(Boolean)
    .join(" · ");
  const counts = countsText(env, voice, g.counts);
  const quotes = someQuotes(voice.quotes, MAX_QUOTES);
  return {
    text: env.text(voice.question.text),
    lines: [
      headline,
      ...(counts ? [counts] : []),
      ...(g.own
        ? []
        : [env.t("childrenAllCountries", { country: env.countryName(country), threshold: voice.threshold })]),
      ...(voice.hidden ? [env.t("childrenSomeHidden", { threshold: voice.threshold })] : []),
      ...(quotes.length ? [`${words("childrenQuotes")}:`, ...quotes.map((q) => `“${q}”`)] : []),
      sourceLine(env, voice),
    ],
  };
}

/** The section: one pair (experts' answer, children's answers) per indicator and question. */
export function childrenSaidSection(env: PageEnv, country: string): ReportSection {
  const words = wordsOf(env);
  const voices = voicesOfReport(env);
  const blocks: Block[] = [];
  if (voices.length) {
    const thresholds = [...new Set(voices.map((v) => v.threshold))].sort((a, b) => a - b);
    blocks.push(
      { kind: "paragraph", tone: "lead", text: env.t("childrenSaidLead") },
      {
        kind: "paragraph",
        tone: "note",
        text: words("childrenRule", { threshold: env.list(thresholds.map((t) => env.num(t, 0))) }),
      },
    );
  }
  // One table per indicator: the experts' answer beside each question that speaks to it.
  const indicators = [...new Set(voices.map((v) => v.indicator))];
  for (const code of indicators) {
    const ind = env.fw.indicators.find((i) => i.code === code)!;
    const rows: Cell[][] = voices
      .filter((v) => v.indicator === code)
      .map((voice, i) => [
        i === 0 ? describeAnswer(env, ind, env.idx.answer(country, ind.code)) : "",
        voiceCell(env, voice, country),
      ]);
    blocks.push(
      { kind: "subheading", text: `${ind.code} · ${env.text(ind.text)}` },
      { kind: "table", head: [env.t("childrenExperts"), env.t("childrenTag")], rows, widths: [34, 66] },
    );
  }
  return { id: "children-said", title: childrenSectionTitle(env, country), blocks };
}
