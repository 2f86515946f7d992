/** The words of the child-friendly results page, in simple language; other languages fall back to English. */
const en = {
  heading: "What you told us",
  thanks: "Thank you! {count} children answered. Here is what you said, all together.",
  under: "Not enough children answered for us to show results without anyone being recognised.",
  notShared: "The results are not ready yet. Ask your facilitator.",
  language: "Language",
  of: "{count} of {total} children",
  yes: "Yes",
  no: "No",
  "not-sure": "Not sure",
  words: "In your words",
  safe: "We counted everyone's answers together. Nobody can know what you answered.",
  next: "The grown-ups who asked you will use your answers to tell the government and the United Nations what children think.",
};
type Key = keyof typeof en;

const fr: Record<Key, string> = {
  heading: "Ce que vous nous avez dit",
  thanks: "Merci ! {count} enfants ont répondu. Voici ce que vous avez dit, tous ensemble.",
  under: "Trop peu d'enfants ont répondu pour montrer les résultats sans que quelqu'un soit reconnu.",
  notShared: "Les résultats ne sont pas encore prêts. Demande à ton animateur.",
  language: "Langue",
  of: "{count} enfants sur {total}",
  yes: "Oui",
  no: "Non",
  "not-sure": "Pas sûr",
  words: "Avec vos mots",
  safe: "Nous avons compté les réponses de tout le monde ensemble. Personne ne peut savoir ce que tu as répondu.",
  next: "Les adultes qui vous ont posé les questions vont utiliser vos réponses pour dire au gouvernement et aux Nations unies ce que pensent les enfants.",
};

const ar: Record<Key, string> = {
  heading: "ما قلتموه لنا",
  thanks: "شكرًا لكم! أجاب {count} طفلًا. هذا ما قلتموه، كلكم معًا.",
  under: "لم يُجب عدد كافٍ من الأطفال لعرض النتائج دون أن يُعرف أحد.",
  notShared: "النتائج ليست جاهزة بعد. اسأل المُيسِّر.",
  language: "اللغة",
  of: "{count} من {total} طفلًا",
  yes: "نعم",
  no: "لا",
  "not-sure": "لست متأكدًا",
  words: "بكلماتكم",
  safe: "عددنا إجابات الجميع معًا. لا أحد يستطيع أن يعرف بماذا أجبت.",
  next: "سيستخدم الكبار الذين سألوكم إجاباتكم ليخبروا الحكومة والأمم المتحدة بما يفكر فيه الأطفال.",
};

const TEXTS: Record<string, Record<Key, string>> = { en, fr, ar };

/** The page's words in `lang`, `{name}` placeholders filled. */
export function resultsTexts(lang: string) {
  const table = TEXTS[lang] ?? en;
  return (key: Key, vars: Record<string, string | number> = {}) =>
    table[key].replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? ""));
}
