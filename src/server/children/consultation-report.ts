import { IntlMessageFormat } from "intl-messageformat";
import {
  type ChildBreakdown,
  type ConsultationDefinition,
  type Dimension,
  pickText,
  type Question,
  type Tally,
} from "../../core/index.ts";
import type { ResultsOut } from "../api-schemas/children.ts";
import { countryName } from "../reference/countries.ts";
import { printBarChart } from "../reports/print-charts.ts";
import { reportText } from "../reports/report-messages.ts";
import type { Block, ReportDocument, ReportSection } from "../reports/report-model.ts";
import { CHART_WIDTH } from "../reports/report-parts.ts";

/*
 * A consultation's results as a report (PDF through Chromium, DOCX through the same writer as the
 * index's reports), to attach to an alternative report to the CRC Committee. Everything in it
 * comes from the aggregate the API gives (groups under the threshold already left out), so the
 * report cannot show more than the results page.
 */

const en = {
  subtitle: "Results of a children's consultation",
  closed: "{organisation} · closed {date}",
  notClosed: "{organisation} · still open: results may change",
  coverCount: "{count, plural, one {# child took part} other {# children took part}}",
  coverUnder: "Fewer than {threshold} children took part: no result is shown.",
  about: "About this consultation",
  aboutText:
    "{organisation} asked children, in simple words and in {languages}, what they think. Children answered anonymously, without an account; no name, e-mail, address or device was stored with their answers. Age bands: {bands}.",
  participants: "Who took part",
  results: "What children answered",
  quotes: "In their words",
  quotesLead: "Short answers written by children, read by a moderator before they are shown.",
  method: "How to read these results",
  methodText:
    "These are children's own views, a different kind of evidence from an expert assessment. Results are shown only in aggregate. Any group of fewer than {threshold} children is not shown, in any table; when a hidden group could be worked out from the total, another group is hidden with it.",
  linked: "Speaks to: {links}",
  linkIndicator: "indicator {ref}",
  linkArticle: "UNCRC article {ref}",
  linkRecommendation: "recommendation {ref}",
  questionUnder: "Fewer than {threshold} children answered this question: not shown.",
  answeredBy: "{count, plural, one {# child answered} other {# children answered}}; {share} agreed.",
  answeredByPlain: "{count, plural, one {# child answered} other {# children answered}}.",
  median: "Half of the children answered {median} or less.",
  texts: "{count, plural, one {# child wrote an answer} other {# children wrote an answer}}.",
  chartTitle: "{question}: share of children per answer",
  answer: "Answer",
  children: "Children",
  share: "Share",
  group: "Group",
  agreeing: "Agreeing",
  hiddenGroups: "Other groups are not shown (fewer than {threshold} children, or they could be worked out).",
  dimension:
    "{dimension, select, band {Age band} gender {Gender} country {Country} region {Region} other {Group}}",
  byDimension:
    "By {dimension, select, band {age band} gender {gender} country {country} region {region} other {group}}",
  yes: "Yes",
  no: "No",
  notSure: "Not sure",
  face: "Face {face} of {of}",
  girl: "Girls",
  boy: "Boys",
  other: "Other",
  rather: "Rather not say",
  notStated: "Did not say",
};
type Key = keyof typeof en;

const fr: Record<Key, string> = {
  subtitle: "Résultats d'une consultation d'enfants",
  closed: "{organisation} · close le {date}",
  notClosed: "{organisation} · encore ouverte : les résultats peuvent changer",
  coverCount: "{count, plural, one {# enfant a participé} other {# enfants ont participé}}",
  coverUnder: "Moins de {threshold} enfants ont participé : aucun résultat n'est montré.",
  about: "À propos de cette consultation",
  aboutText:
    "{organisation} a demandé aux enfants, avec des mots simples et en {languages}, ce qu'ils pensent. Les enfants ont répondu anonymement, sans compte ; aucun nom, e-mail, adresse ni appareil n'a été enregistré avec leurs réponses. Tranches d'âge : {bands}.",
  participants: "Qui a participé",
  results: "Ce que les enfants ont répondu",
  quotes: "Avec leurs mots",
  quotesLead: "Des réponses courtes écrites par des enfants, lues par un modérateur avant d'être montrées.",
  method: "Comment lire ces résultats",
  methodText:
    "Ce sont les avis des enfants eux-mêmes, une autre sorte de preuve qu'une évaluation d'experts. Les résultats ne sont montrés qu'agrégés. Tout groupe de moins de {threshold} enfants n'est montré dans aucun tableau ; quand un groupe masqué pourrait être retrouvé à partir du total, un autre groupe est masqué avec lui.",
  linked: "Se rapporte à : {links}",
  linkIndicator: "indicateur {ref}",
  linkArticle: "article {ref} de la CIDE",
  linkRecommendation: "recommandation {ref}",
  questionUnder: "Moins de {threshold} enfants ont répondu à cette question : non montré.",
  answeredBy: "{count, plural, one {# enfant a répondu} other {# enfants ont répondu}} ; {share} d'accord.",
  answeredByPlain: "{count, plural, one {# enfant a répondu} other {# enfants ont répondu}}.",
  median: "La moitié des enfants ont répondu {median} ou moins.",
  texts: "{count, plural, one {# enfant a écrit une réponse} other {# enfants ont écrit une réponse}}.",
  chartTitle: "{question} : part des enfants par réponse",
  answer: "Réponse",
  children: "Enfants",
  share: "Part",
  group: "Groupe",
  agreeing: "D'accord",
  hiddenGroups:
    "D'autres groupes ne sont pas montrés (moins de {threshold} enfants, ou ils pourraient être retrouvés).",
  dimension:
    "{dimension, select, band {Tranche d'âge} gender {Genre} country {Pays} region {Région} other {Groupe}}",
  byDimension:
    "Par {dimension, select, band {tranche d'âge} gender {genre} country {pays} region {région} other {groupe}}",
  yes: "Oui",
  no: "Non",
  notSure: "Pas sûr",
  face: "Visage {face} sur {of}",
  girl: "Filles",
  boy: "Garçons",
  other: "Autre",
  rather: "Préfère ne pas dire",
  notStated: "N'a pas dit",
};

const ar: Record<Key, string> = {
  subtitle: "نتائج استشارة الأطفال",
  closed: "{organisation} · أُغلقت في {date}",
  notClosed: "{organisation} · ما زالت مفتوحة: قد تتغير النتائج",
  coverCount:
    "{count, plural, zero {لم يشارك أي طفل} one {شارك طفل واحد} two {شارك طفلان} few {شارك # أطفال} many {شارك # طفلًا} other {شارك # طفل}}",
  coverUnder: "شارك أقل من {threshold} أطفال: لا تُعرض أي نتيجة.",
  about: "عن هذه الاستشارة",
  aboutText:
    "سألت {organisation} الأطفال، بكلمات بسيطة وباللغات {languages}، عن رأيهم. أجاب الأطفال دون الكشف عن هويتهم ودون حساب؛ لم يُحفظ أي اسم أو بريد إلكتروني أو عنوان أو جهاز مع إجاباتهم. الفئات العمرية: {bands}.",
  participants: "من شارك",
  results: "بماذا أجاب الأطفال",
  quotes: "بكلماتهم",
  quotesLead: "إجابات قصيرة كتبها الأطفال، قرأها مشرف قبل عرضها.",
  method: "كيف تُقرأ هذه النتائج",
  methodText:
    "هذه آراء الأطفال أنفسهم، وهي نوع مختلف من الأدلة عن تقييم الخبراء. لا تُعرض النتائج إلا مجمّعة. لا تُعرض أي مجموعة تضم أقل من {threshold} أطفال في أي جدول؛ وعندما يمكن استنتاج مجموعة مخفية من المجموع، تُخفى معها مجموعة أخرى.",
  linked: "يتعلق بـ: {links}",
  linkIndicator: "المؤشر {ref}",
  linkArticle: "المادة {ref} من اتفاقية حقوق الطفل",
  linkRecommendation: "التوصية {ref}",
  questionUnder: "أجاب أقل من {threshold} أطفال عن هذا السؤال: غير معروض.",
  answeredBy:
    "{count, plural, zero {لم يُجب أي طفل} one {أجاب طفل واحد} two {أجاب طفلان} few {أجاب # أطفال} many {أجاب # طفلًا} other {أجاب # طفل}}؛ وافق {share}.",
  answeredByPlain:
    "{count, plural, zero {لم يُجب أي طفل} one {أجاب طفل واحد} two {أجاب طفلان} few {أجاب # أطفال} many {أجاب # طفلًا} other {أجاب # طفل}}.",
  median: "أجاب نصف الأطفال بـ {median} أو أقل.",
  texts:
    "{count, plural, zero {لم يكتب أي طفل} one {كتب طفل واحد إجابة} two {كتب طفلان إجابة} few {كتب # أطفال إجابة} many {كتب # طفلًا إجابة} other {كتب # طفل إجابة}}.",
  chartTitle: "{question}: نسبة الأطفال لكل إجابة",
  answer: "الإجابة",
  children: "الأطفال",
  share: "النسبة",
  group: "المجموعة",
  agreeing: "الموافقون",
  hiddenGroups: "مجموعات أخرى غير معروضة (أقل من {threshold} أطفال، أو يمكن استنتاجها).",
  dimension:
    "{dimension, select, band {الفئة العمرية} gender {الجنس} country {البلد} region {المنطقة} other {المجموعة}}",
  byDimension:
    "حسب {dimension, select, band {الفئة العمرية} gender {الجنس} country {البلد} region {المنطقة} other {المجموعة}}",
  yes: "نعم",
  no: "لا",
  notSure: "لست متأكدًا",
  face: "الوجه {face} من {of}",
  girl: "الفتيات",
  boy: "الفتيان",
  other: "آخر",
  rather: "أفضّل عدم القول",
  notStated: "لم يذكر",
};

const CATALOGS: Record<string, Record<Key, string>> = { en, fr, ar };
/** The languages a consultation report is written in. */
export const REPORT_LANGUAGES = ["en", "fr", "ar"] as const;

/** Formatting of one report language. */
export function reportWords(lang: string) {
  const base = (REPORT_LANGUAGES as readonly string[]).includes(lang) ? lang : "en";
  const words = (key: Key, vars: Record<string, string | number> = {}) =>
    String(new IntlMessageFormat(CATALOGS[base]![key], base).format(vars));
  const pct = new Intl.NumberFormat(base, { style: "percent", maximumFractionDigits: 0 });
  const num = new Intl.NumberFormat(base, { maximumFractionDigits: 1 });
  const date = new Intl.DateTimeFormat(base, { dateStyle: "long", timeZone: "UTC" });
  return {
    lang: base,
    dir: base === "ar" ? ("rtl" as const) : ("ltr" as const),
    words,
    pct: (share: number) => pct.format(share),
    num: (n: number) => num.format(n),
    date: (iso: string) => date.format(new Date(iso)),
    text: (value: Record<string, string>) => pickText(value, base),
  };
}
export type ReportWords = ReturnType<typeof reportWords>;

/** What an answer value is called in the report. */
export function answerLabel(w: ReportWords, question: Question, value: string): string {
  if (question.type === "yes-no")
    return value === "yes" ? w.words("yes") : value === "no" ? w.words("no") : w.words("notSure");
  if (question.type === "smiley-3" || question.type === "smiley-5")
    return w.words("face", { face: value, of: question.type === "smiley-3" ? 3 : 5 });
  const option = question.options.find((o) => o.value === value);
  return option ? w.text(option.label) : value;
}

/** The name of a group of a breakdown. */
export function groupLabel(
  w: ReportWords,
  definition: ConsultationDefinition,
  dimension: Dimension,
  key: string,
) {
  if (key === "not-stated") return w.words("notStated");
  if (dimension === "band") {
    const band = definition.ageBands.find((b) => b.code === key);
    return band ? w.text(band.label) : key;
  }
  if (dimension === "country") return pickText(countryName(key), w.lang) || key;
  if (dimension === "gender")
    return key === "girl"
      ? w.words("girl")
      : key === "boy"
        ? w.words("boy")
        : key === "other"
          ? w.words("other")
          : w.words("rather");
  return key;
}

/** The values of a question in the order they are asked (yes first, happiest face first). */
export function answerValues(question: Question, counts: Record<string, number>): string[] {
  const order =
    question.type === "yes-no"
      ? ["yes", "no", "not-sure"]
      : question.type === "smiley-5"
        ? ["5", "4", "3", "2", "1"]
        : question.type === "smiley-3"
          ? ["3", "2", "1"]
          : question.options.map((o) => o.value);
  return [...order.filter((v) => v in counts), ...Object.keys(counts).filter((v) => !order.includes(v))];
}

function breakdownTable(
  w: ReportWords,
  definition: ConsultationDefinition,
  b: ChildBreakdown,
  threshold: number,
  withAgreeing: boolean,
): Block[] {
  if (!b.groups.length) return [];
  const head = [w.words("dimension", { dimension: b.dimension }), w.words("children")];
  if (withAgreeing) head.push(w.words("agreeing"));
  const rows = b.groups.map((g) => {
    const row = [groupLabel(w, definition, b.dimension, g.key), w.num(g.n)];
    if (withAgreeing) row.push(g.agreeing === null ? "–" : w.pct(g.agreeing));
    return row;
  });
  return [
    { kind: "subheading", text: w.words("byDimension", { dimension: b.dimension }) },
    { kind: "table", head, rows },
    ...(b.hidden
      ? [{ kind: "paragraph" as const, text: w.words("hiddenGroups", { threshold }), tone: "note" as const }]
      : []),
  ];
}

function questionBlocks(
  w: ReportWords,
  definition: ConsultationDefinition,
  question: Question,
  result: ResultsOut["questions"][number],
  threshold: number,
): Block[] {
  const title = w.text(question.text);
  const blocks: Block[] = [{ kind: "subheading", text: `${question.code} · ${title}` }];
  const links = question.links.map((l) =>
    w.words(
      l.kind === "indicator" ? "linkIndicator" : l.kind === "article" ? "linkArticle" : "linkRecommendation",
      { ref: l.ref },
    ),
  );
  if (links.length)
    blocks.push({ kind: "paragraph", text: w.words("linked", { links: links.join("; ") }), tone: "note" });
  const total = result.total as Tally | null;
  if (!total) return [...blocks, { kind: "paragraph", text: w.words("questionUnder", { threshold }) }];
  if (question.type === "short-text")
    return [...blocks, { kind: "paragraph", text: w.words("texts", { count: total.n }) }];
  blocks.push({
    kind: "paragraph",
    text:
      total.agreeing === null
        ? w.words("answeredByPlain", { count: total.n })
        : w.words("answeredBy", { count: total.n, share: w.pct(total.agreeing) }),
  });
  if (question.type === "number") {
    if (total.median !== null)
      blocks.push({ kind: "paragraph", text: w.words("median", { median: w.num(total.median) }) });
  } else {
    const values = answerValues(question, total.counts);
    const chart = printBarChart(
      {
        width: CHART_WIDTH,
        dir: w.dir,
        title: w.words("chartTitle", { question: title }),
        format: (v) => w.pct(v / 100),
        tick: (v) => w.pct(v / 100),
        scale: 100,
      },
      values.map((v) => ({
        label: answerLabel(w, question, v),
        value: (100 * (total.counts[v] ?? 0)) / total.n,
        color: "#c26a00",
      })),
      { noData: "–" },
    );
    blocks.push(
      { kind: "chart", chart },
      {
        kind: "table",
        head: [w.words("answer"), w.words("children"), w.words("share")],
        rows: values.map((v) => [
          answerLabel(w, question, v),
          w.num(total.counts[v] ?? 0),
          w.pct((total.counts[v] ?? 0) / total.n),
        ]),
      },
    );
  }
  for (const b of result.breakdowns as ChildBreakdown[])
    if (b.dimension === "band" || b.dimension === "country")
      blocks.push(...breakdownTable(w, definition, b, threshold, total.agreeing !== null));
  return blocks;
}

/** Each quote once, with how many children wrote the same words: “…” (×4). */
function quoteItems(texts: string[]): string[] {
  const counts = new Map<string, number>();
  for (const t of texts) counts.set(t, (counts.get(t) ?? 0) + 1);
  return [...counts].map(([text, n]) => (n > 1 ? `“${text}” (×${n})` : `“${text}”`));
}

/** The report of a consultation's aggregate results in `lang`. */
export function consultationReport(
  consultation: {
    definition: ConsultationDefinition;
    organisation: string;
    status: string;
    closedAt: Date | null;
  },
  results: ResultsOut,
  lang: string,
): ReportDocument {
  const w = reportWords(lang);
  const def = consultation.definition;
  const t = results.threshold;
  const title = w.text(def.title);
  const date = consultation.closedAt ? w.date(consultation.closedAt.toISOString()) : "";
  const languageNames = new Intl.DisplayNames([w.lang], { type: "language" });
  const sections: ReportSection[] = [
    {
      id: "about",
      title: w.words("about"),
      blocks: [
        {
          kind: "paragraph",
          tone: "lead",
          text: w.words("aboutText", {
            organisation: consultation.organisation,
            languages: def.languages.map((l) => languageNames.of(l) ?? l).join(", "),
            bands: def.ageBands.map((b) => w.text(b.label)).join(", "),
          }),
        },
        {
          kind: "paragraph",
          text: results.participants
            ? w.words("coverCount", { count: results.participants.n })
            : w.words("coverUnder", { threshold: t }),
        },
        ...(results.participants?.breakdowns ?? []).flatMap((b) =>
          breakdownTable(w, def, b as ChildBreakdown, t, false),
        ),
      ],
    },
    {
      id: "results",
      title: w.words("results"),
      blocks: def.questions.flatMap((q) => {
        const result = results.questions.find((r) => r.code === q.code);
        return result ? questionBlocks(w, def, q, result, t) : [];
      }),
    },
    {
      id: "quotes",
      title: w.words("quotes"),
      blocks: results.quotes.length
        ? [
            { kind: "paragraph", text: w.words("quotesLead"), tone: "note" },
            { kind: "list", items: quoteItems(results.quotes.map((q) => q.text)) },
          ]
        : [],
    },
    {
      id: "method",
      title: w.words("method"),
      blocks: [{ kind: "paragraph", text: w.words("methodText", { threshold: t }) }],
    },
  ];
  const line =
    consultation.status === "closed"
      ? w.words("closed", { organisation: consultation.organisation, date })
      : w.words("notClosed", { organisation: consultation.organisation });
  return {
    lang: w.lang,
    dir: w.dir,
    index: consultation.organisation,
    title,
    subtitle: w.words("subtitle"),
    release: line,
    published: results.participants
      ? w.words("coverCount", { count: results.participants.n })
      : w.words("coverUnder", { threshold: t }),
    footerRelease: date || w.words("subtitle"),
    demoNotice: null,
    pageLabel: reportText(w.lang, "pageOf", { page: "{page}", total: "{total}" }),
    contentsTitle: reportText(w.lang, "contents"),
    sections: sections.filter((s) => s.blocks.length > 0),
  };
}
