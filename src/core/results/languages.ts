/**
 * Every language the given texts are written in, `first` (English) first and the
 * rest in the order met: the languages a plan's texts are edited and exported in.
 */
export function textLanguages(
  texts: Iterable<Record<string, string> | null | undefined>,
  first = "en",
): string[] {
  const langs = new Set<string>([first]);
  for (const text of texts) for (const lang of Object.keys(text ?? {})) langs.add(lang);
  return [...langs];
}

type Text = Record<string, string> | null;

/** The texts of a plan (a plan as the API gives it has them all). */
export interface PlanTexts {
  title: Text;
  levels: { name: Text }[];
  disaggregations: { name: Text; values: { name: Text }[] }[];
  nodes: { title: Text; description: Text }[];
  indicators: { title: Text }[];
}

/** Every language any text of the plan is written in, English first. */
export function planLanguages(plan: PlanTexts): string[] {
  return textLanguages([
    plan.title,
    ...[...plan.levels, ...plan.disaggregations].map((x) => x.name),
    ...plan.disaggregations.flatMap((c) => c.values.map((v) => v.name)),
    ...plan.nodes.flatMap((n) => [n.title, n.description]),
    ...plan.indicators.map((i) => i.title),
  ]);
}
