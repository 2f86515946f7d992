import type { Catalog } from "../catalog.ts";

/** Words of the coalition's pages of children's consultations. */
const en = {
  chNav: "Children",
  chConsultationsNav: "Consultations",
  chTitle: "Children's consultations",
  chLead:
    "Anonymous, child-friendly consultations linked to the index. Results are shown in aggregate only: any group of fewer children than the threshold is left out, in every breakdown and download.",
  chNone: "There is no consultation you may read yet.",
  chColConsultation: "Consultation",
  chColChildren: "Children",
  chStatus: "{status, select, open {Open} closed {Closed} other {Draft}}",
  chUnder: "Fewer than {threshold} children: not shown",
  chChildren: "{count, plural, one {# child} other {# children}}",
  chOpen: "Open to children",
  chClose: "Close and publish the aggregate results",
  chAddSession: "New session code (shared tablet)",
  chNewSessionLabel: "Session",
  chSessions: "Session codes",
  chPending:
    "{count, plural, one {# free-text answer waits} other {# free-text answers wait}} for a moderator.",
  chResults: "Results (aggregate only)",
  chSuppressionNote:
    "Groups of fewer than {threshold} children are not shown, and another group is hidden with them when the hidden one could otherwise be worked out from the total.",
  chDownloadCsv: "Download the aggregate results (CSV)",
  chGroup: "Group",
  chAgreeing: "Agreeing",
  chAnswers: "Answers",
  chAll: "All children",
  chDimension:
    "{dimension, select, band {Age band} gender {Gender} country {Country} region {Region} other {Group}}",
  chHiddenGroups: "Other groups hidden (fewer than {threshold} children, or needed to protect one that is)",
  chMedian: "median",
  chQuotes: "In their words (moderated)",
  chSaidTitle: "What children said",
  chSaidNote:
    "A different kind of evidence: the views of children consulted by {organisation}, not an expert assessment.",
  chNotStated: "Did not say",
  chGirl: "Girls",
  chBoy: "Boys",
  chGenderOther: "Another gender",
  chRatherNotSay: "Rather not say",
  chYes: "Yes",
  chNo: "No",
  chNotSure: "Not sure",
  chSaidLine: "{share} of {count} children agreed: “{question}”",
};

const fr: Record<keyof typeof en, string> = {
  chNav: "Enfants",
  chConsultationsNav: "Consultations",
  chTitle: "Consultations d'enfants",
  chLead:
    "Des consultations anonymes, adaptées aux enfants, reliées à l'indice. Les résultats ne sont montrés qu'agrégés : tout groupe de moins d'enfants que le seuil est omis, dans chaque ventilation et chaque téléchargement.",
  chNone: "Aucune consultation que vous pouvez lire pour l'instant.",
  chColConsultation: "Consultation",
  chColChildren: "Enfants",
  chStatus: "{status, select, open {Ouverte} closed {Close} other {Brouillon}}",
  chUnder: "Moins de {threshold} enfants : non montré",
  chChildren: "{count, plural, one {# enfant} other {# enfants}}",
  chOpen: "Ouvrir aux enfants",
  chClose: "Clore et publier les résultats agrégés",
  chAddSession: "Nouveau code de session (tablette partagée)",
  chNewSessionLabel: "Session",
  chSessions: "Codes de session",
  chPending:
    "{count, plural, one {# réponse libre attend} other {# réponses libres attendent}} un modérateur.",
  chResults: "Résultats (agrégés seulement)",
  chSuppressionNote:
    "Les groupes de moins de {threshold} enfants ne sont pas montrés, et un autre groupe est masqué avec eux quand le total permettrait sinon de le retrouver.",
  chDownloadCsv: "Télécharger les résultats agrégés (CSV)",
  chGroup: "Groupe",
  chAgreeing: "D'accord",
  chAnswers: "Réponses",
  chAll: "Tous les enfants",
  chDimension:
    "{dimension, select, band {Tranche d'âge} gender {Genre} country {Pays} region {Région} other {Groupe}}",
  chHiddenGroups: "Autres groupes masqués (moins de {threshold} enfants, ou nécessaires pour en protéger un)",
  chMedian: "médiane",
  chQuotes: "Avec leurs mots (modérés)",
  chSaidTitle: "Ce que les enfants ont dit",
  chSaidNote:
    "Une autre sorte de preuve : l'avis d'enfants consultés par {organisation}, pas une évaluation d'experts.",
  chNotStated: "N'a pas dit",
  chGirl: "Filles",
  chBoy: "Garçons",
  chGenderOther: "Autre genre",
  chRatherNotSay: "Préfère ne pas dire",
  chYes: "Oui",
  chNo: "Non",
  chNotSure: "Pas sûr",
  chSaidLine: "{share} de {count} enfants sont d'accord : « {question} »",
};

const ar: Record<keyof typeof en, string> = {
  chNav: "الأطفال",
  chConsultationsNav: "الاستشارات",
  chTitle: "استشارات الأطفال",
  chLead:
    "استشارات مجهولة الهوية وملائمة للأطفال ومرتبطة بالمؤشر. لا تُعرض النتائج إلا مجمّعة: تُستبعد كل مجموعة يقل عدد أطفالها عن الحد الأدنى، في كل تصنيف وكل تنزيل.",
  chNone: "لا توجد بعد أي استشارة يمكنك الاطلاع عليها.",
  chColConsultation: "الاستشارة",
  chColChildren: "الأطفال",
  chStatus: "{status, select, open {مفتوحة} closed {مغلقة} other {مسودة}}",
  chUnder: "أقل من {threshold} أطفال: لا تُعرض",
  chChildren:
    "{count, plural, zero {لا أطفال} one {طفل واحد} two {طفلان} few {# أطفال} many {# طفلًا} other {# طفل}}",
  chOpen: "فتحها للأطفال",
  chClose: "إغلاقها ونشر النتائج المجمّعة",
  chAddSession: "رمز جلسة جديد (جهاز لوحي مشترك)",
  chNewSessionLabel: "الجلسة",
  chSessions: "رموز الجلسات",
  chPending:
    "{count, plural, zero {لا توجد إجابة حرة تنتظر} one {إجابة حرة واحدة تنتظر} two {إجابتان حرتان تنتظران} few {# إجابات حرة تنتظر} many {# إجابةً حرة تنتظر} other {# إجابة حرة تنتظر}} مراجعة المشرف.",
  chResults: "النتائج (مجمّعة فقط)",
  chSuppressionNote:
    "لا تُعرض المجموعات التي يقل عدد أطفالها عن {threshold}، وتُخفى معها مجموعة أخرى إذا كان يمكن استنتاج المجموعة المخفية من المجموع.",
  chDownloadCsv: "تنزيل النتائج المجمّعة (CSV)",
  chGroup: "المجموعة",
  chAgreeing: "الموافقون",
  chAnswers: "الإجابات",
  chAll: "جميع الأطفال",
  chDimension:
    "{dimension, select, band {الفئة العمرية} gender {الجنس} country {البلد} region {المنطقة} other {المجموعة}}",
  chHiddenGroups: "مجموعات أخرى مخفية (أقل من {threshold} أطفال، أو لازمة لحماية مجموعة كذلك)",
  chMedian: "الوسيط",
  chQuotes: "بكلماتهم (بعد المراجعة)",
  chSaidTitle: "ما قاله الأطفال",
  chSaidNote: "نوع مختلف من الأدلة: آراء أطفال استشارتهم {organisation}، وليست تقييمًا من خبراء.",
  chNotStated: "لم يذكر",
  chGirl: "الفتيات",
  chBoy: "الفتيان",
  chGenderOther: "جنس آخر",
  chRatherNotSay: "يفضّل عدم القول",
  chYes: "نعم",
  chNo: "لا",
  chNotSure: "غير متأكد",
  chSaidLine:
    "وافق {share} من {count, plural, zero {# طفل} one {طفل واحد} two {طفلين} few {# أطفال} many {# طفلًا} other {# طفل}} على: «{question}»",
};

export const children: Catalog<typeof en> = { en, fr, ar };
