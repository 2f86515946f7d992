import type { LocalText } from "../../core/index.ts";

/** An article of the Convention on the Rights of the Child with a short title (our own wording). */
export interface UncrcArticle {
  number: string;
  title: LocalText;
}

/** Short titles in English and French, written for Childmark to label and suggest articles. */
const TITLES: [en: string, fr: string][] = [
  ["Definition of the child", "Définition de l'enfant"],
  ["Non-discrimination", "Non-discrimination"],
  ["Best interests of the child", "Intérêt supérieur de l'enfant"],
  ["Implementation of the Convention", "Mise en œuvre de la Convention"],
  ["Parental guidance and evolving capacities", "Orientation parentale et développement des capacités"],
  ["Life, survival and development", "Droit à la vie, à la survie et au développement"],
  ["Birth registration, name and nationality", "Enregistrement à la naissance, nom et nationalité"],
  ["Preservation of identity", "Préservation de l'identité"],
  ["Separation from parents", "Séparation d'avec les parents"],
  ["Family reunification", "Réunification familiale"],
  ["Illicit transfer and non-return abroad", "Déplacements et non-retours illicites"],
  ["Respect for the views of the child", "Respect de l'opinion de l'enfant"],
  ["Freedom of expression", "Liberté d'expression"],
  ["Freedom of thought, conscience and religion", "Liberté de pensée, de conscience et de religion"],
  ["Freedom of association and peaceful assembly", "Liberté d'association et de réunion pacifique"],
  ["Right to privacy", "Protection de la vie privée"],
  ["Access to information and the media", "Accès à l'information et aux médias"],
  ["Parental responsibilities and State support", "Responsabilité des parents et aide de l'État"],
  ["Protection from all forms of violence", "Protection contre toutes les formes de violence"],
  ["Children deprived of a family environment", "Enfants privés de milieu familial"],
  ["Adoption", "Adoption"],
  ["Refugee children", "Enfants réfugiés"],
  ["Children with disabilities", "Enfants handicapés"],
  ["Health and health services", "Santé et services de santé"],
  ["Periodic review of placement", "Examen périodique du placement"],
  ["Social security", "Sécurité sociale"],
  ["Adequate standard of living", "Niveau de vie suffisant"],
  ["Right to education", "Droit à l'éducation"],
  ["Goals of education", "Objectifs de l'éducation"],
  ["Children of minorities and indigenous peoples", "Enfants de minorités et autochtones"],
  ["Leisure, play and culture", "Loisirs, jeu et activités culturelles"],
  ["Child labour", "Travail des enfants"],
  ["Drug abuse", "Usage de stupéfiants"],
  ["Sexual exploitation and sexual abuse", "Exploitation et violences sexuelles"],
  ["Abduction, sale and trafficking", "Enlèvement, vente et traite"],
  ["Other forms of exploitation", "Autres formes d'exploitation"],
  ["Torture and deprivation of liberty", "Torture et privation de liberté"],
  ["Armed conflict", "Conflits armés"],
  ["Rehabilitation of child victims", "Réadaptation des enfants victimes"],
  ["Juvenile justice", "Justice pour mineurs"],
  ["Respect for higher national standards", "Respect des normes plus favorables"],
  ["Making the Convention known", "Faire connaître la Convention"],
  ["Committee on the Rights of the Child", "Comité des droits de l'enfant"],
  ["Reports of States parties", "Rapports des États parties"],
  ["Cooperation with the Committee", "Coopération avec le Comité"],
  ["Signature", "Signature"],
  ["Ratification", "Ratification"],
  ["Accession", "Adhésion"],
  ["Entry into force", "Entrée en vigueur"],
  ["Amendments", "Amendements"],
  ["Reservations", "Réserves"],
  ["Denunciation", "Dénonciation"],
  ["Depositary", "Dépositaire"],
  ["Authentic texts", "Textes faisant foi"],
];

/** The 54 articles of the UNCRC, numbered "1" to "54", with short English and French titles. */
export const UNCRC_ARTICLES: readonly UncrcArticle[] = TITLES.map(([en, fr], i) => ({
  number: String(i + 1),
  title: { en, fr },
}));

/** The article with this number ("19"), or undefined. */
export function findUncrcArticle(number: string): UncrcArticle | undefined {
  return UNCRC_ARTICLES[Number(number) - 1];
}
