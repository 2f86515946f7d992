import { useEffect, useId, useState } from "react";
import { searchResult } from "../../server/api-schemas/recommendations.ts";
import { useApi } from "../api/use-api.ts";
import { useSession } from "../auth/session.tsx";
import { ErrorMessage, Loading } from "../components/status.tsx";
import { useLanguage } from "../i18n/language.tsx";
import { Link, navigate, useLocation } from "../routing/router.tsx";
import { paths } from "../routing/routes.ts";
import { BulkTag } from "./bulk-tag.tsx";
import { RecommendationsFrame } from "./page-frame.tsx";
import { PublishTracking } from "./publish-tracking.tsx";
import { ReportLinks } from "./report-links.tsx";
import { ResultItem } from "./result-item.tsx";
import { SavedSearches } from "./saved-searches.tsx";
import { FILTER_KEYS, SearchFilters } from "./search-filters.tsx";

const PAGE_SIZE = 20;

/** The search as a query string: the words and every filter set, in a stable order (no page). */
function toQuery(values: Record<string, string>): string {
  const params = new URLSearchParams();
  for (const key of ["q", ...FILTER_KEYS]) {
    const value = values[key]?.trim();
    if (value) params.set(key, value);
  }
  return params.toString();
}

function Pagination({ query, page, pages }: { query: string; page: number; pages: number }) {
  const { t } = useLanguage();
  if (pages <= 1) return null;
  const to = (n: number) => `${paths.recommendations()}?${query ? `${query}&` : ""}page=${n}`;
  return (
    <nav className="rc-pages" aria-label={t("rcPages")}>
      {page > 1 ? <Link to={to(page - 1)}>{t("rcPrevious")}</Link> : <span aria-hidden="true" />}
      <span>{t("rcPageOf", { page, pages })}</span>
      {page < pages ? <Link to={to(page + 1)}>{t("rcNext")}</Link> : <span aria-hidden="true" />}
    </nav>
  );
}

/**
 * /recommendations — full-text search with a filter on every field and facet counts. The URL holds
 * the words, the filters and the page, so a search can be shared, saved and reloaded.
 */
export function RecommendationSearchPage() {
  const { t } = useLanguage();
  const { may } = useSession();
  const { search } = useLocation();
  const id = useId();
  const urlValues = Object.fromEntries(search.entries());
  const page = Math.max(1, Number(urlValues.page) || 1);
  const query = toQuery(urlValues);
  const [values, setValues] = useState<Record<string, string>>(urlValues);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  // A new address (back, a saved search, a shared link) replaces what the form shows.
  useEffect(() => setValues(Object.fromEntries(new URLSearchParams(query))), [query]);
  const apiPath = `/api/recommendations?${query ? `${query}&` : ""}page=${page}&pageSize=${PAGE_SIZE}`;
  const result = useApi(apiPath, searchResult);
  const data = result.status === "ok" ? result.data : null;
  const canTag = may("recommendation:track");

  function submit() {
    setSelected(new Set());
    navigate(`${paths.recommendations()}${toQuery(values) ? `?${toQuery(values)}` : ""}`);
  }

  const items = data?.items ?? [];
  const pageIds = items.map((i) => i.id);
  const allOnPage = pageIds.length > 0 && pageIds.every((i) => selected.has(i));
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  const stateFilter = urlValues.state ?? null;
  const stateCode = stateFilter ? (items.find((i) => i.stateCode)?.stateCode ?? null) : null;

  return (
    <RecommendationsFrame title={t("rcSearchTitle")} current="search" lead={t("rcSearchLead")}>
      <search>
        <form
          className="rc-search__box"
          onSubmit={(event) => {
            event.preventDefault();
            submit();
          }}
        >
          <div className="rv-field">
            <label htmlFor={`${id}-q`}>{t("rcSearchLabel")}</label>
            <div className="rc-inline">
              <input
                id={`${id}-q`}
                type="search"
                name="q"
                value={values.q ?? ""}
                onChange={(e) => setValues({ ...values, q: e.target.value })}
                aria-describedby={`${id}-q-hint`}
                dir="auto"
              />
              <button type="submit" className="button button--primary">
                {t("rcSearchButton")}
              </button>
            </div>
            <p className="rv-hint" id={`${id}-q-hint`}>
              {t("rcSearchHint")}
            </p>
          </div>
        </form>
      </search>
      <div className="rc-search__layout">
        <form
          className="rc-search__side"
          aria-label={t("rcFilters")}
          onSubmit={(event) => {
            event.preventDefault();
            submit();
          }}
        >
          <SearchFilters
            values={values}
            facets={data?.facets ?? null}
            onChange={(key, value) => setValues({ ...values, [key]: value })}
            onClear={() => {
              setValues({});
              navigate(paths.recommendations());
            }}
          />
        </form>
        <div className="rc-search__main">
          {canTag && selected.size > 0 && <BulkTag ids={[...selected]} onDone={result.reload} />}
          <section aria-labelledby={`${id}-results`}>
            <div className="rc-results-head">
              <h2 id={`${id}-results`}>{t("rcResults")}</h2>
              <p role="status" className="rc-count">
                {data
                  ? data.total > 0
                    ? `${t("rcResultsCount", { count: data.total })} · ${t("rcResultsRange", {
                        from: (page - 1) * PAGE_SIZE + 1,
                        to: Math.min(page * PAGE_SIZE, data.total),
                        total: data.total,
                      })}`
                    : t("rcResultsCount", { count: 0 })
                  : ""}
              </p>
            </div>
            <p className="rv-hint">{t("rcShareHint")}</p>
            {result.status === "loading" && <Loading />}
            {result.status === "error" && <ErrorMessage message={result.message} onRetry={result.reload} />}
            {data && data.total === 0 && <p className="empty-note">{t("rcNoResults")}</p>}
            {data && data.total > 0 && (
              <>
                {canTag && (
                  <label className="rc-select-all">
                    <input
                      type="checkbox"
                      checked={allOnPage}
                      onChange={() => {
                        const next = new Set(selected);
                        for (const i of pageIds) {
                          if (allOnPage) next.delete(i);
                          else next.add(i);
                        }
                        setSelected(next);
                      }}
                    />{" "}
                    {t("rcSelectPage")}
                  </label>
                )}
                <ol className="rc-results">
                  {items.map((item) => (
                    <ResultItem
                      key={item.id}
                      item={item}
                      selectable={canTag}
                      selected={selected.has(item.id)}
                      onToggle={() => {
                        const next = new Set(selected);
                        if (next.has(item.id)) next.delete(item.id);
                        else next.add(item.id);
                        setSelected(next);
                      }}
                    />
                  ))}
                </ol>
                <Pagination query={query} page={page} pages={pages} />
              </>
            )}
          </section>
          <div className="rc-below">
            <SavedSearches query={query} />
            <ReportLinks state={stateFilter} stateCode={stateCode} />
            <PublishTracking stateCode={stateCode} />
          </div>
        </div>
      </div>
    </RecommendationsFrame>
  );
}
