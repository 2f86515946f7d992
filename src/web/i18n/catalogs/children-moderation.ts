import type { Catalog } from "../catalog.ts";

/** Words of the moderators' page of children's free texts. */
const en = {
  mdTitle: "Free texts to moderate",
  mdLead:
    "Children's own words are shown in the results, the reports and on the portal only once a moderator approved them. Remove any part that could identify a child or someone else (a name, a school, a street); reject a text that cannot be shown. Names, phone numbers and e-mail addresses found when the text was sent are already replaced by […].",
  mdLink: "Moderate the free texts",
  mdShow: "Show",
  mdWaiting: "Waiting ({count})",
  mdDecided: "Decided ({count})",
  mdNoneWaiting: "No free text waits for a moderator.",
  mdNoneDecided: "No decision yet.",
  mdStatus:
    "{status, select, pending {Waiting} approved {Approved} redacted {Approved with parts removed} rejected {Rejected} other {status}}",
  mdFound: "Found when sent:",
  mdFinding:
    "{finding, select, email {an e-mail address} phone {a phone number} handle {a user name} name {a name} possible_name {perhaps a name} other {finding}}",
  mdPartLabel: "A part to remove (copy it from the text)",
  mdPartHint: "Each occurrence is replaced by […]. The preview above shows the text as it will be shown.",
  mdPartMissing: "This is not in the text: copy it exactly as written.",
  mdAddPart: "Remove this part",
  mdPartsToRemove: "Parts to remove",
  mdKeepPart: "Keep “{part}”",
  mdApprove: "Approve",
  mdRedact: "{count, plural, one {Remove # part and approve} other {Remove # parts and approve}}",
  mdReject: "Reject",
  mdHistory: "Decisions",
  mdDecision:
    "{status, select, approved {Approved} redacted {Parts removed ({parts}) and approved} rejected {Rejected} other {Decided}} by {by},",
};

const fr: Record<keyof typeof en, string> = {
  mdTitle: "Réponses libres à modérer",
  mdLead:
    "Les mots des enfants n'apparaissent dans les résultats, les rapports et sur le portail qu'une fois approuvés par un modérateur. Retirez toute partie qui permettrait d'identifier un enfant ou quelqu'un d'autre (un nom, une école, une rue) ; rejetez un texte qui ne peut pas être montré. Les noms, numéros de téléphone et adresses e-mail trouvés à l'envoi sont déjà remplacés par […].",
  mdLink: "Modérer les réponses libres",
  mdShow: "Afficher",
  mdWaiting: "En attente ({count})",
  mdDecided: "Décidées ({count})",
  mdNoneWaiting: "Aucune réponse libre n'attend de modérateur.",
  mdNoneDecided: "Aucune décision pour l'instant.",
  mdStatus:
    "{status, select, pending {En attente} approved {Approuvée} redacted {Approuvée, parties retirées} rejected {Rejetée} other {status}}",
  mdFound: "Trouvé à l'envoi :",
  mdFinding:
    "{finding, select, email {une adresse e-mail} phone {un numéro de téléphone} handle {un nom d'utilisateur} name {un nom} possible_name {peut-être un nom} other {finding}}",
  mdPartLabel: "Une partie à retirer (copiez-la du texte)",
  mdPartHint:
    "Chaque occurrence est remplacée par […]. L'aperçu ci-dessus montre le texte tel qu'il sera affiché.",
  mdPartMissing: "Ce passage n'est pas dans le texte : copiez-le exactement.",
  mdAddPart: "Retirer cette partie",
  mdPartsToRemove: "Parties à retirer",
  mdKeepPart: "Garder « {part} »",
  mdApprove: "Approuver",
  mdRedact: "{count, plural, one {Retirer # partie et approuver} other {Retirer # parties et approuver}}",
  mdReject: "Rejeter",
  mdHistory: "Décisions",
  mdDecision:
    "{status, select, approved {Approuvée} redacted {Parties retirées ({parts}) et approuvée} rejected {Rejetée} other {Décidée}} par {by},",
};

const ar: Record<keyof typeof en, string> = {
  mdTitle: "نصوص حرة للمراجعة",
  mdLead:
    "لا تظهر كلمات الأطفال في النتائج والتقارير وعلى البوابة إلا بعد موافقة المشرف. احذف أي جزء قد يكشف هوية طفل أو شخص آخر (اسم، مدرسة، شارع)، وارفض النص الذي لا يمكن عرضه. الأسماء وأرقام الهواتف وعناوين البريد الإلكتروني التي وُجدت عند الإرسال مستبدلة أصلًا بـ […].",
  mdLink: "مراجعة النصوص الحرة",
  mdShow: "عرض",
  mdWaiting: "بانتظار المراجعة ({count})",
  mdDecided: "تم البت فيها ({count})",
  mdNoneWaiting: "لا يوجد نص حر ينتظر المراجعة.",
  mdNoneDecided: "لا توجد قرارات بعد.",
  mdStatus:
    "{status, select, pending {بانتظار المراجعة} approved {مقبول} redacted {مقبول مع حذف أجزاء} rejected {مرفوض} other {status}}",
  mdFound: "ما وُجد عند الإرسال:",
  mdFinding:
    "{finding, select, email {عنوان بريد إلكتروني} phone {رقم هاتف} handle {اسم مستخدم} name {اسم} possible_name {ربما اسم} other {finding}}",
  mdPartLabel: "جزء يجب حذفه (انسخه من النص)",
  mdPartHint: "يُستبدل كل ظهور له بـ […]. تعرض المعاينة أعلاه النص كما سيظهر.",
  mdPartMissing: "هذا غير موجود في النص: انسخه كما هو تمامًا.",
  mdAddPart: "حذف هذا الجزء",
  mdPartsToRemove: "الأجزاء المراد حذفها",
  mdKeepPart: "الإبقاء على «{part}»",
  mdApprove: "قبول",
  mdRedact:
    "{count, plural, zero {قبول} one {حذف جزء واحد والقبول} two {حذف جزأين والقبول} few {حذف # أجزاء والقبول} many {حذف # جزءًا والقبول} other {حذف # جزء والقبول}}",
  mdReject: "رفض",
  mdHistory: "القرارات",
  mdDecision:
    "{status, select, approved {قُبل} redacted {حُذفت أجزاء ({parts}) وقُبل} rejected {رُفض} other {تقرر}} بواسطة {by}،",
};

export const childrenModeration: Catalog<typeof en> = { en, fr, ar };
