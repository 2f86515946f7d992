import type { LocalText } from "../../core/index.ts";

/** A country of the demo, with the national coalition that would run its assessment. */
export interface DemoCountry {
  /** ISO 3166-1 alpha-2; Kosovo uses the user-assigned code XK. */
  code: string;
  name: LocalText;
  /** The ChildPact member coalition of the country (from ChildPact's strategic plan 2016–2020). */
  coalition: string;
}

/** An assessment cycle of the demo. */
export interface DemoCycle {
  /** The period code used in answers and scores. */
  code: string;
  label: LocalText;
}

/** The ten member countries of ChildPact, the regional coalition the CPI was built for. */
export const DEMO_COUNTRIES: readonly DemoCountry[] = [
  {
    code: "AL",
    name: { en: "Albania", fr: "Albanie" },
    coalition: "BKTF — United for Child Care and Protection",
  },
  { code: "AM", name: { en: "Armenia", fr: "Arménie" }, coalition: "CPN — Child Protection Network" },
  {
    code: "AZ",
    name: { en: "Azerbaijan", fr: "Azerbaïdjan" },
    coalition: "NGO Alliance for Children's Rights",
  },
  {
    code: "BA",
    name: { en: "Bosnia and Herzegovina", fr: "Bosnie-Herzégovine" },
    coalition: "SVC — Stronger Voice for Children",
  },
  { code: "BG", name: { en: "Bulgaria", fr: "Bulgarie" }, coalition: "NNC — National Network for Children" },
  {
    code: "GE",
    name: { en: "Georgia", fr: "Géorgie" },
    coalition: "GCCYW — Coalition for Children and Youth Welfare",
  },
  {
    code: "XK",
    name: { en: "Kosovo", fr: "Kosovo" },
    coalition: "KOMF — Coalition of NGOs for Child Protection",
  },
  {
    code: "MD",
    name: { en: "Moldova", fr: "Moldavie" },
    coalition: "APSCF — Alliance of Active NGOs in the Field of Social Protection of Family and Child",
  },
  { code: "RO", name: { en: "Romania", fr: "Roumanie" }, coalition: "FONPC — NGOs Federation for Children" },
  {
    code: "RS",
    name: { en: "Serbia", fr: "Serbie" },
    coalition: "MODS — Network of Organizations for Children",
  },
];

/** Two demo cycles, two years apart as the CPI's publication rhythm allows. */
export const DEMO_CYCLES: readonly DemoCycle[] = [
  { code: "2023", label: { en: "2023 (demo data)", fr: "2023 (données de démonstration)" } },
  { code: "2025", label: { en: "2025 (demo data)", fr: "2025 (données de démonstration)" } },
];
