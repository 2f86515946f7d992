import type { Catalog } from "../catalog.ts";

/**
 * Problems of a results import, by the code the server gives (with its parameters), and the
 * words of the IATI update of a plan. The server also sends each problem in English, which
 * the page shows for a code it does not know.
 */
const en = {
  rsImp_sheetMissing: "The sheet is missing: export the plan again and fill that workbook.",
  rsImp_columnUnknown: "Unknown column “{field}”.",
  rsImp_columnMissing: "The column “{field}” is missing.",
  rsImp_invalid: "{field}: not accepted ({detail}).",
  rsImp_notNumber: "{field} must be a number (found “{found}”).",
  rsImp_badLink: "Not a link as exported: leave it as it was.",
  rsImp_kindUnknown: "Write target or actual (found “{found}”).",
  rsImp_required: "{field} must be filled in.",
  rsImp_sectionUnknown: "“{found}” is not one of title, level, period, category, category value.",
  rsImp_categoryValueOrphan: "“{key}” must be category=value, after its category's row.",
  rsImp_editOnly:
    "You may enter actuals only: changing the plan, its tree, indicators or targets needs the right to edit the plan.",
  rsImp_stillUsed: "The plan still uses what this change removes ({detail}).",
  rsImp_duplicateCode: "The code {code} is also on row {row}.",
  rsImp_duplicateValue: "This value is also on row {row}.",
  rsImp_parentUnknown: "No node {code} in the plan or the sheet.",
  rsImp_nodeUnknown: "No node {code} in the plan or the sheet.",
  rsImp_indicatorUnknown: "No indicator {code} in the plan or the sheet.",
  rsImp_periodUnknown: "“{period}” is not a period of this plan.",
  rsImp_levelUnknown: "“{level}” is not a level of this plan.",
  rsImp_levelUnder: "A “{level}” cannot sit under a “{parent}”.",
  rsImp_cycle: "A node cannot sit under itself or one of its children.",
  rsImp_categoryUnknown: "Categories {keys} are not defined in this plan.",
  rsImp_linkNarrative: "A narrative indicator cannot be linked.",
  rsImp_targetsLocked: "The plan is approved: its targets are locked until it is reopened.",
  rsImp_structureLocked:
    "The plan is approved: nothing can be added to its tree, and a node's place or an indicator's definition cannot change, until it is reopened (texts, people and dates can).",
  rsImp_linkedActual: "The actual of {indicator} is read from its link, not entered.",
  rsImp_valueNarrative: "{indicator} is a narrative indicator: write the text in the narrative column.",
  rsImp_valuePercentage: "{indicator} is a percentage, between 0 and 100 (found {value}).",
  rsImp_valueScale: "{indicator} is on a scale from {min} to {max} (found {value}).",
  rsImp_breakdown: "The breakdown of {indicator} does not fit the total: {details}.",
  rsImp_conflict:
    "Conflict: {by} changed this value after the export (now version {version}, value {value}); it was not overwritten.",
  rsIati_noResults: "No activity of the file has results ({activities} activities read).",
  rsIati_noTitle: "The indicator has no title.",
  rsIati_measureUnknown:
    "Measure “{measure}” is not an IATI indicator measure (1 unit, 2 percentage, 3 nominal, 4 ordinal, 5 qualitative).",
  rsIati_notNumber: "“{found}” is not a number.",
  rsIati_notPercentage: "“{found}” is not a number (a percentage such as 95 or 95%).",
  rsIati_notFinite: "“{found}” is not a finite number.",
  rsIati_percentageRange: "“{found}” is not between 0 and 100.",
  rsIati_baselineYear: "The year “{year}” is not a year.",
  rsIati_periodDates:
    "A period needs a start date and an end date, the start first (found “{start}” and “{end}”).",
  rsIati_periodTwice: "The indicator has this period twice.",
  rsIati_manyValues: "{count} values without dimension: give one.",
  rsIati_resultNotInPlan:
    "A result of the activity exported from this plan is not in the plan: import it as a new plan.",
  rsIati_invalid: "Not accepted ({detail}).",
  rsIati_more: "… and {count} more.",
  rsIatiAtActivity: "activity “{id}”",
  rsIatiAtNode: "node {code}",
  rsIatiAtIndicator: "indicator “{name}”",
  rsIatiAtPeriod: "period {period}",
  rsIatiAtValue: "{value, select, baseline {baseline} target {target} other {actual}}",
  rsIatiAtBy: "by {by}",
  rsIatiAtSeparator: ", ",
  rsIatiAtProblem: "{place}: {text}",
  rsIatiMerge: "Update from an IATI file",
  rsIatiMergeTitle: "Update this plan from an IATI file",
  rsIatiMergeLead:
    "Reads the results of an IATI activity file and compares them with this plan: results and indicators already imported (or exported from here) are matched, new ones added, values updated. Nothing is written until you apply; the parts of the plan that are not in the file stay as they are.",
  rsIatiMergeSummary:
    "{added} to add, {changed} to change, {unchanged} already as in the plan; {left} parts of the plan not in the file are left as they are.",
  rsIatiMergeNothing: "The file changes nothing in this plan.",
  rsIatiMergeCaption: "What the file changes in the plan",
  rsIatiMergeProblems:
    "{count, plural, one {# problem: nothing can be imported} other {# problems: nothing can be imported}}",
  rsIatiMergeAction: "{action, select, add {Add} other {Change}}",
  rsIatiMergeApply: "{count, plural, one {Apply # change} other {Apply # changes}}",
  rsIatiMergeApplied:
    "{count, plural, one {# change from the IATI file applied.} other {# changes from the IATI file applied.}}",
};

const fr: typeof en = {
  rsImp_sheetMissing: "La feuille manque : exportez à nouveau le plan et remplissez ce classeur.",
  rsImp_columnUnknown: "Colonne inconnue « {field} ».",
  rsImp_columnMissing: "La colonne « {field} » manque.",
  rsImp_invalid: "{field} : non accepté ({detail}).",
  rsImp_notNumber: "{field} doit être un nombre (trouvé « {found} »).",
  rsImp_badLink: "Ce n'est pas un lien tel qu'exporté : laissez-le tel quel.",
  rsImp_kindUnknown: "Écrivez target ou actual (trouvé « {found} »).",
  rsImp_required: "{field} doit être rempli.",
  rsImp_sectionUnknown: "« {found} » n'est pas title, level, period, category ni category value.",
  rsImp_categoryValueOrphan: "« {key} » doit être catégorie=valeur, après la ligne de sa catégorie.",
  rsImp_editOnly:
    "Vous pouvez saisir les réalisations seulement : modifier le plan, son arbre, ses indicateurs ou ses cibles demande le droit de modifier le plan.",
  rsImp_stillUsed: "Le plan utilise encore ce que cette modification retire ({detail}).",
  rsImp_duplicateCode: "Le code {code} figure aussi à la ligne {row}.",
  rsImp_duplicateValue: "Cette valeur figure aussi à la ligne {row}.",
  rsImp_parentUnknown: "Aucun nœud {code} dans le plan ni dans la feuille.",
  rsImp_nodeUnknown: "Aucun nœud {code} dans le plan ni dans la feuille.",
  rsImp_indicatorUnknown: "Aucun indicateur {code} dans le plan ni dans la feuille.",
  rsImp_periodUnknown: "« {period} » n'est pas une période de ce plan.",
  rsImp_levelUnknown: "« {level} » n'est pas un niveau de ce plan.",
  rsImp_levelUnder: "Un « {level} » ne peut pas se trouver sous un « {parent} ».",
  rsImp_cycle: "Un nœud ne peut pas se trouver sous lui-même ni sous l'un de ses enfants.",
  rsImp_categoryUnknown: "Les catégories {keys} ne sont pas définies dans ce plan.",
  rsImp_linkNarrative: "Un indicateur narratif ne peut pas être lié.",
  rsImp_targetsLocked: "Le plan est approuvé : ses cibles sont verrouillées jusqu'à sa réouverture.",
  rsImp_structureLocked:
    "Le plan est approuvé : rien ne peut être ajouté à son arbre, et la place d'un nœud ou la définition d'un indicateur ne peuvent changer, jusqu'à sa réouverture (les textes, personnes et dates peuvent l'être).",
  rsImp_linkedActual: "La réalisation de {indicator} est lue depuis son lien, pas saisie.",
  rsImp_valueNarrative:
    "{indicator} est un indicateur narratif : écrivez le texte dans la colonne narrative.",
  rsImp_valuePercentage: "{indicator} est un pourcentage, entre 0 et 100 (trouvé {value}).",
  rsImp_valueScale: "{indicator} est sur une échelle de {min} à {max} (trouvé {value}).",
  rsImp_breakdown: "La ventilation de {indicator} ne correspond pas au total : {details}.",
  rsImp_conflict:
    "Conflit : {by} a modifié cette valeur après l'export (version {version}, valeur {value}) ; elle n'a pas été écrasée.",
  rsIati_noResults: "Aucune activité du fichier n'a de résultats ({activities} activités lues).",
  rsIati_noTitle: "L'indicateur n'a pas de titre.",
  rsIati_measureUnknown:
    "La mesure « {measure} » n'est pas une mesure d'indicateur IATI (1 unité, 2 pourcentage, 3 nominale, 4 ordinale, 5 qualitative).",
  rsIati_notNumber: "« {found} » n'est pas un nombre.",
  rsIati_notPercentage: "« {found} » n'est pas un nombre (un pourcentage comme 95 ou 95 %).",
  rsIati_notFinite: "« {found} » n'est pas un nombre fini.",
  rsIati_percentageRange: "« {found} » n'est pas entre 0 et 100.",
  rsIati_baselineYear: "L'année « {year} » n'est pas une année.",
  rsIati_periodDates:
    "Une période demande une date de début et une date de fin, le début d'abord (trouvé « {start} » et « {end} »).",
  rsIati_periodTwice: "L'indicateur a deux fois cette période.",
  rsIati_manyValues: "{count} valeurs sans dimension : n'en donnez qu'une.",
  rsIati_resultNotInPlan:
    "Un résultat de l'activité exportée de ce plan n'est pas dans le plan : importez-le comme nouveau plan.",
  rsIati_invalid: "Non accepté ({detail}).",
  rsIati_more: "… et {count} de plus.",
  rsIatiAtActivity: "activité « {id} »",
  rsIatiAtNode: "nœud {code}",
  rsIatiAtIndicator: "indicateur « {name} »",
  rsIatiAtPeriod: "période {period}",
  rsIatiAtValue: "{value, select, baseline {référence} target {cible} other {réalisation}}",
  rsIatiAtBy: "par {by}",
  rsIatiAtSeparator: ", ",
  rsIatiAtProblem: "{place} : {text}",
  rsIatiMerge: "Mettre à jour depuis un fichier IATI",
  rsIatiMergeTitle: "Mettre à jour ce plan depuis un fichier IATI",
  rsIatiMergeLead:
    "Lit les résultats d'un fichier d'activités IATI et les compare à ce plan : les résultats et indicateurs déjà importés (ou exportés d'ici) sont reconnus, les nouveaux ajoutés, les valeurs mises à jour. Rien n'est écrit avant que vous appliquiez ; les parties du plan absentes du fichier restent telles quelles.",
  rsIatiMergeSummary:
    "{added} à ajouter, {changed} à modifier, {unchanged} déjà comme dans le plan ; {left} parties du plan absentes du fichier restent telles quelles.",
  rsIatiMergeNothing: "Le fichier ne change rien à ce plan.",
  rsIatiMergeCaption: "Ce que le fichier change dans le plan",
  rsIatiMergeProblems:
    "{count, plural, one {# problème : rien ne peut être importé} other {# problèmes : rien ne peut être importé}}",
  rsIatiMergeAction: "{action, select, add {Ajout} other {Modification}}",
  rsIatiMergeApply: "{count, plural, one {Appliquer # modification} other {Appliquer # modifications}}",
  rsIatiMergeApplied:
    "{count, plural, one {# modification du fichier IATI appliquée.} other {# modifications du fichier IATI appliquées.}}",
};

const ar: typeof en = {
  rsImp_sheetMissing: "الورقة مفقودة: صدِّر الخطة من جديد واملأ ذلك المصنف.",
  rsImp_columnUnknown: "عمود غير معروف «{field}».",
  rsImp_columnMissing: "العمود «{field}» مفقود.",
  rsImp_invalid: "{field}: غير مقبول ({detail}).",
  rsImp_notNumber: "يجب أن يكون {field} رقمًا (وُجد «{found}»).",
  rsImp_badLink: "ليس رابطًا كما صُدِّر: اتركه كما كان.",
  rsImp_kindUnknown: "اكتب target أو actual (وُجد «{found}»).",
  rsImp_required: "يجب ملء {field}.",
  rsImp_sectionUnknown: "«{found}» ليس من title أو level أو period أو category أو category value.",
  rsImp_categoryValueOrphan: "يجب أن يكون «{key}» بصيغة فئة=قيمة، بعد سطر فئته.",
  rsImp_editOnly:
    "يمكنك إدخال القيم الفعلية فقط: تغيير الخطة أو شجرتها أو مؤشراتها أو غاياتها يتطلب صلاحية تعديل الخطة.",
  rsImp_stillUsed: "ما زالت الخطة تستخدم ما يزيله هذا التغيير ({detail}).",
  rsImp_duplicateCode: "الرمز {code} موجود أيضًا في السطر {row}.",
  rsImp_duplicateValue: "هذه القيمة موجودة أيضًا في السطر {row}.",
  rsImp_parentUnknown: "لا توجد عقدة {code} في الخطة ولا في الورقة.",
  rsImp_nodeUnknown: "لا توجد عقدة {code} في الخطة ولا في الورقة.",
  rsImp_indicatorUnknown: "لا يوجد مؤشر {code} في الخطة ولا في الورقة.",
  rsImp_periodUnknown: "«{period}» ليست فترة من فترات هذه الخطة.",
  rsImp_levelUnknown: "«{level}» ليس مستوى من مستويات هذه الخطة.",
  rsImp_levelUnder: "لا يمكن أن يقع «{level}» تحت «{parent}».",
  rsImp_cycle: "لا يمكن أن تقع عقدة تحت نفسها أو تحت أحد فروعها.",
  rsImp_categoryUnknown: "الفئات {keys} غير معرَّفة في هذه الخطة.",
  rsImp_linkNarrative: "لا يمكن ربط مؤشر سردي.",
  rsImp_targetsLocked: "الخطة معتمدة: غاياتها مقفلة حتى يُعاد فتحها.",
  rsImp_structureLocked:
    "الخطة معتمدة: لا يمكن إضافة أي شيء إلى شجرتها، ولا تغيير موضع عقدة أو تعريف مؤشر، حتى يُعاد فتحها (يمكن تعديل النصوص والأشخاص والتواريخ).",
  rsImp_linkedActual: "القيمة الفعلية لـ {indicator} تُقرأ من ارتباطه ولا تُدخَل.",
  rsImp_valueNarrative: "{indicator} مؤشر سردي: اكتب النص في عمود السرد.",
  rsImp_valuePercentage: "{indicator} نسبة مئوية بين 0 و100 (وُجد {value}).",
  rsImp_valueScale: "{indicator} على سلم من {min} إلى {max} (وُجد {value}).",
  rsImp_breakdown: "توزيع {indicator} لا يطابق المجموع: {details}.",
  rsImp_conflict:
    "تعارض: غيّر {by} هذه القيمة بعد التصدير (الإصدار الآن {version}، القيمة {value})؛ لم يُكتب فوقها.",
  rsIati_noResults: "لا يحتوي أي نشاط في الملف على نتائج (قُرئ {activities} من الأنشطة).",
  rsIati_noTitle: "المؤشر بلا عنوان.",
  rsIati_measureUnknown:
    "المقياس «{measure}» ليس من مقاييس مؤشرات IATI (1 وحدة، 2 نسبة مئوية، 3 اسمي، 4 ترتيبي، 5 نوعي).",
  rsIati_notNumber: "«{found}» ليس رقمًا.",
  rsIati_notPercentage: "«{found}» ليس رقمًا (نسبة مئوية مثل 95 أو 95%).",
  rsIati_notFinite: "«{found}» ليس رقمًا منتهيًا.",
  rsIati_percentageRange: "«{found}» ليس بين 0 و100.",
  rsIati_baselineYear: "السنة «{year}» ليست سنة.",
  rsIati_periodDates: "تحتاج الفترة إلى تاريخ بداية وتاريخ نهاية، والبداية أولًا (وُجد «{start}» و«{end}»).",
  rsIati_periodTwice: "هذه الفترة مكررة في المؤشر.",
  rsIati_manyValues: "{count} قيم بلا بُعد: أعطِ قيمة واحدة.",
  rsIati_resultNotInPlan: "إحدى نتائج النشاط المصدَّر من هذه الخطة ليست في الخطة: استوردها كخطة جديدة.",
  rsIati_invalid: "غير مقبول ({detail}).",
  rsIati_more: "… و{count} غيرها.",
  rsIatiAtActivity: "النشاط «{id}»",
  rsIatiAtNode: "العقدة {code}",
  rsIatiAtIndicator: "المؤشر «{name}»",
  rsIatiAtPeriod: "الفترة {period}",
  rsIatiAtValue: "{value, select, baseline {خط الأساس} target {الغاية} other {القيمة الفعلية}}",
  rsIatiAtBy: "حسب {by}",
  rsIatiAtSeparator: "، ",
  rsIatiAtProblem: "{place}: {text}",
  rsIatiMerge: "التحديث من ملف IATI",
  rsIatiMergeTitle: "تحديث هذه الخطة من ملف IATI",
  rsIatiMergeLead:
    "يقرأ نتائج ملف أنشطة IATI ويقارنها بهذه الخطة: تُطابَق النتائج والمؤشرات المستوردة سابقًا (أو المصدَّرة من هنا)، وتُضاف الجديدة، وتُحدَّث القيم. لا يُكتب شيء قبل أن تطبّق؛ وتبقى أجزاء الخطة غير الموجودة في الملف كما هي.",
  rsIatiMergeSummary:
    "{added} للإضافة، {changed} للتغيير، {unchanged} مطابقة للخطة أصلًا؛ {left} من أجزاء الخطة غير موجودة في الملف تبقى كما هي.",
  rsIatiMergeNothing: "الملف لا يغيّر شيئًا في هذه الخطة.",
  rsIatiMergeCaption: "ما يغيّره الملف في الخطة",
  rsIatiMergeProblems:
    "{count, plural, zero {لا مشكلات} one {مشكلة واحدة: لا يمكن استيراد شيء} two {مشكلتان: لا يمكن استيراد شيء} few {# مشكلات: لا يمكن استيراد شيء} many {# مشكلةً: لا يمكن استيراد شيء} other {# مشكلة: لا يمكن استيراد شيء}}",
  rsIatiMergeAction: "{action, select, add {إضافة} other {تغيير}}",
  rsIatiMergeApply:
    "{count, plural, zero {لا تغييرات للتطبيق} one {تطبيق تغيير واحد} two {تطبيق تغييرين} few {تطبيق # تغييرات} many {تطبيق # تغييرًا} other {تطبيق # تغيير}}",
  rsIatiMergeApplied:
    "{count, plural, zero {لم يُطبَّق أي تغيير من ملف IATI.} one {طُبِّق تغيير واحد من ملف IATI.} two {طُبِّق تغييران من ملف IATI.} few {طُبِّقت # تغييرات من ملف IATI.} many {طُبِّق # تغييرًا من ملف IATI.} other {طُبِّق # تغيير من ملف IATI.}}",
};

export const resultsImports: Catalog<typeof en> = { en, fr, ar };
