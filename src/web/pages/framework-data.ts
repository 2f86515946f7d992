import { useMemo } from "react";
import {
  api,
  type Country,
  type CycleSummary,
  countryList,
  cycleList,
  type FrameworkDetail,
  frameworkDetail,
} from "../api/endpoints.ts";
import { useApi } from "../api/use-api.ts";
import { pickText } from "../i18n/language.tsx";

/** The three things every framework page needs: the definition, its cycles and country names. */
export function useFrameworkData(frameworkId: string) {
  const framework = useApi(api.framework(frameworkId), frameworkDetail);
  const cycles = useApi(api.cycles(frameworkId), cycleList);
  const countries = useApi(api.countries(), countryList);
  return { framework, cycles, countries };
}

/** Cycles oldest first, so tables read left to right in time. */
export function sortCycles(cycles: CycleSummary[]): CycleSummary[] {
  return [...cycles].sort((a, b) => a.period.localeCompare(b.period));
}

/** A lookup of country names in `lang`, falling back to the ISO code for unknown countries. */
export function useCountryNames(countries: Country[] | undefined, lang: string): (code: string) => string {
  return useMemo(() => {
    const byCode = new Map((countries ?? []).map((c) => [c.code, c]));
    return (code: string) => {
      const country = byCode.get(code);
      return country ? pickText(country.name, lang) || code : code;
    };
  }, [countries, lang]);
}

export type { FrameworkDetail };
