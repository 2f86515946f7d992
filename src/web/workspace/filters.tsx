import { useId } from "react";
import { useLanguage } from "../i18n/language.tsx";
import type { MessageKey } from "../i18n/messages.ts";

export const FILTERS = ["all", "unanswered", "noEvidence", "toReview", "returned", "mine"] as const;
export type FilterKind = (typeof FILTERS)[number];

const labels: Record<FilterKind, MessageKey> = {
  all: "wsFilterAll",
  unanswered: "wsFilterUnanswered",
  noEvidence: "wsFilterNoEvidence",
  toReview: "wsFilterToReview",
  returned: "wsFilterReturned",
  mine: "wsFilterMine",
};

/** Filter chips with their counts (toggle buttons) and the search box. */
export function Filters({
  filter,
  kinds,
  counts,
  search,
  onFilter,
  onSearch,
}: {
  filter: FilterKind;
  /** The chips to show (the review chip only while an assessment is under review). */
  kinds: readonly FilterKind[];
  counts: Record<FilterKind, number>;
  search: string;
  onFilter: (kind: FilterKind) => void;
  onSearch: (text: string) => void;
}) {
  const { t } = useLanguage();
  const searchId = useId();
  return (
    <div className="ws-filters">
      <fieldset className="ws-filters__chips">
        <legend className="visually-hidden">{t("wsFilters")}</legend>
        {kinds.map((kind) => (
          <button
            key={kind}
            type="button"
            className="filter-chip"
            aria-pressed={filter === kind}
            onClick={() => onFilter(kind)}
          >
            {t(labels[kind])} <span className="filter-chip__count">{counts[kind]}</span>
          </button>
        ))}
      </fieldset>
      <div className="ws-filters__search">
        <label htmlFor={searchId}>{t("wsSearch")}</label>
        <input
          id={searchId}
          type="search"
          value={search}
          placeholder={t("wsSearchPlaceholder")}
          onChange={(e) => onSearch(e.target.value)}
        />
      </div>
    </div>
  );
}
