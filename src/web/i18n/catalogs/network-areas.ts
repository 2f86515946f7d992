import type { Catalog } from "../catalog.ts";

/** Words of the page of a country's areas below the country: the tree, its list and its map shapes. */
const en = {
  naNav: "Areas below the country",
  naTitle: "Areas below the country",
  naCountryTitle: "Areas of {country}",
  naLead:
    "A country's regions, districts and other areas as a tree. Assessments can be made for an area as for a country; the portal compares the areas of a country like the countries of a region, on a map when their shapes are given.",
  naCountry: "Country",
  naChoose: "Choose a country",
  naTree: "The tree of areas",
  naNone: "This country has no areas yet.",
  naCount:
    "{count, plural, one {# area} other {# areas}} on {levels, plural, one {# level} other {# levels}}",
  naLevel: "level {level}",
  naEdit: "Replace the areas",
  naEditLead:
    "One area a line: code, the code of the area above it (empty for a first-level area) and the name. A first line code,parent,name,name_fr,name_ar … gives the names in other languages. The whole list replaces the country's areas; nothing changes if any line has a problem.",
  naList: "Areas, one a line",
  naLoadFile: "Or load a CSV file into the list",
  naSave: "Replace the areas",
  naSaved: "{count, plural, one {# area saved.} other {# areas saved.}}",
  naProblems: "{count, plural, one {# problem to fix} other {# problems to fix}}",
  naShapes: "Map shapes",
  naShapesLead:
    "The outlines of the areas for the portal's maps: a GeoJSON FeatureCollection of Polygons or MultiPolygons, or a TopoJSON file, in longitude and latitude, at most 5 MB. Each feature names its area's code in a property. Coordinates are rounded and simplified when stored.",
  naNoShapes: "No shapes: the portal lists this country's areas without a map.",
  naShapesFrom: "From {file} ({format}, property {property}), uploaded on {date}.",
  naShapesCover: "{shaped} of {total} areas have a shape.",
  naShapesMap: "The areas' shapes as uploaded",
  naShapesFile: "GeoJSON or TopoJSON file",
  naCodeProperty: "Property holding the area code",
  naUpload: "Upload the shapes",
  naUploaded: "Shapes of {count, plural, one {# area} other {# areas}} saved.",
  naRemove: "Remove the shapes",
  naRemoveConfirm:
    "Remove the map shapes of this country's areas? The portal will list the areas without a map.",
  naRemoved: "The shapes were removed.",
  naReadOnly: "Those who manage the network in this country can change its areas and their shapes.",
};

const fr: Record<keyof typeof en, string> = {
  naNav: "Zones infranationales",
  naTitle: "Zones infranationales",
  naCountryTitle: "Zones de {country}",
  naLead:
    "Les régions, districts et autres zones d'un pays, en arbre. Une évaluation peut porter sur une zone comme sur un pays ; le portail compare les zones d'un pays comme les pays d'une région, sur une carte quand leurs contours sont fournis.",
  naCountry: "Pays",
  naChoose: "Choisir un pays",
  naTree: "L'arbre des zones",
  naNone: "Ce pays n'a pas encore de zones.",
  naCount:
    "{count, plural, one {# zone} other {# zones}} sur {levels, plural, one {# niveau} other {# niveaux}}",
  naLevel: "niveau {level}",
  naEdit: "Remplacer les zones",
  naEditLead:
    "Une zone par ligne : le code, le code de la zone au-dessus (vide pour une zone de premier niveau) et le nom. Une première ligne code,parent,name,name_fr,name_ar … donne les noms dans d'autres langues. La liste entière remplace les zones du pays ; rien ne change si une ligne pose problème.",
  naList: "Zones, une par ligne",
  naLoadFile: "Ou charger un fichier CSV dans la liste",
  naSave: "Remplacer les zones",
  naSaved: "{count, plural, one {# zone enregistrée.} other {# zones enregistrées.}}",
  naProblems: "{count, plural, one {# problème à corriger} other {# problèmes à corriger}}",
  naShapes: "Contours pour la carte",
  naShapesLead:
    "Les contours des zones pour les cartes du portail : une FeatureCollection GeoJSON de Polygons ou MultiPolygons, ou un fichier TopoJSON, en longitude et latitude, 5 Mo au plus. Chaque entité nomme le code de sa zone dans une propriété. Les coordonnées sont arrondies et simplifiées à l'enregistrement.",
  naNoShapes: "Pas de contours : le portail liste les zones de ce pays sans carte.",
  naShapesFrom: "Depuis {file} ({format}, propriété {property}), envoyé le {date}.",
  naShapesCover: "{shaped} zones sur {total} ont un contour.",
  naShapesMap: "Les contours des zones tels qu'envoyés",
  naShapesFile: "Fichier GeoJSON ou TopoJSON",
  naCodeProperty: "Propriété portant le code de la zone",
  naUpload: "Envoyer les contours",
  naUploaded: "Contours de {count, plural, one {# zone enregistré.} other {# zones enregistrés.}}",
  naRemove: "Retirer les contours",
  naRemoveConfirm: "Retirer les contours des zones de ce pays ? Le portail listera les zones sans carte.",
  naRemoved: "Les contours ont été retirés.",
  naReadOnly: "Les personnes qui gèrent le réseau dans ce pays peuvent modifier ses zones et leurs contours.",
};

const ar: Record<keyof typeof en, string> = {
  naNav: "المناطق دون المستوى الوطني",
  naTitle: "المناطق دون المستوى الوطني",
  naCountryTitle: "مناطق {country}",
  naLead:
    "مناطق البلد وأقاليمه ومقاطعاته في شكل شجرة. يمكن إجراء تقييم لمنطقة كما يُجرى لبلد، ويقارن البوابة بين مناطق البلد كما يقارن بين بلدان الإقليم، على خريطة عند توفّر حدودها.",
  naCountry: "البلد",
  naChoose: "اختر بلدًا",
  naTree: "شجرة المناطق",
  naNone: "لا مناطق لهذا البلد بعد.",
  naCount:
    "{count, plural, zero {لا مناطق} one {منطقة واحدة} two {منطقتان} few {# مناطق} many {# منطقة} other {# منطقة}} على {levels, plural, zero {لا مستويات} one {مستوى واحد} two {مستويين} few {# مستويات} many {# مستوى} other {# مستوى}}",
  naLevel: "المستوى {level}",
  naEdit: "استبدال المناطق",
  naEditLead:
    "منطقة في كل سطر: الرمز، ثم رمز المنطقة التي تعلوها (فارغ لمنطقة من المستوى الأول)، ثم الاسم. يحدد سطر أول بصيغة code,parent,name,name_fr,name_ar … الأسماءَ بلغات أخرى. تحل القائمة كلها محل مناطق البلد، ولا يتغير شيء إن كان في أي سطر خطأ.",
  naList: "المناطق، منطقة في كل سطر",
  naLoadFile: "أو حمّل ملف CSV في القائمة",
  naSave: "استبدال المناطق",
  naSaved:
    "{count, plural, zero {لم تُحفظ أي منطقة.} one {حُفظت منطقة واحدة.} two {حُفظت منطقتان.} few {حُفظت # مناطق.} many {حُفظت # منطقة.} other {حُفظت # منطقة.}}",
  naProblems:
    "{count, plural, zero {لا مشكلات} one {مشكلة واحدة يجب إصلاحها} two {مشكلتان يجب إصلاحهما} few {# مشكلات يجب إصلاحها} many {# مشكلة يجب إصلاحها} other {# مشكلة يجب إصلاحها}}",
  naShapes: "حدود الخريطة",
  naShapesLead:
    "حدود المناطق لخرائط البوابة: مجموعة معالم GeoJSON من نوع Polygon أو MultiPolygon، أو ملف TopoJSON، بخطوط الطول والعرض، بحد أقصى 5 ميغابايت. يحمل كل معلم رمز منطقته في خاصية. تُقرَّب الإحداثيات وتُبسَّط عند الحفظ.",
  naNoShapes: "لا حدود: تعرض البوابة مناطق هذا البلد في قائمة بلا خريطة.",
  naShapesFrom: "من {file} ({format}، الخاصية {property})، رُفع في {date}.",
  naShapesCover: "لـ {shaped} من أصل {total} منطقة حدود.",
  naShapesMap: "حدود المناطق كما رُفعت",
  naShapesFile: "ملف GeoJSON أو TopoJSON",
  naCodeProperty: "الخاصية التي تحمل رمز المنطقة",
  naUpload: "رفع الحدود",
  naUploaded:
    "{count, plural, zero {لم تُحفظ حدود أي منطقة.} one {حُفظت حدود منطقة واحدة.} two {حُفظت حدود منطقتين.} few {حُفظت حدود # مناطق.} many {حُفظت حدود # منطقة.} other {حُفظت حدود # منطقة.}}",
  naRemove: "إزالة الحدود",
  naRemoveConfirm: "هل تريد إزالة حدود مناطق هذا البلد؟ ستعرض البوابة المناطق في قائمة بلا خريطة.",
  naRemoved: "أُزيلت الحدود.",
  naReadOnly: "يمكن لمن يديرون الشبكة في هذا البلد تعديل مناطقه وحدودها.",
};

export const networkAreas: Catalog<typeof en> = { en, fr, ar };
