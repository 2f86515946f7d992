import type { RecommendationItem } from "../../server/api-schemas/recommendations.ts";
import { useLanguage } from "../i18n/language.tsx";
import { Link } from "../routing/router.tsx";
import { paths } from "../routing/routes.ts";
import { mechanismLabel, positionLabel } from "./labels.ts";
import { StatusBadge } from "./status-badge.tsx";

/** Where a recommendation comes from, in one line: mechanism, session or cycle, symbol and paragraph. */
export function sourceLine(t: ReturnType<typeof useLanguage>["t"], item: RecommendationItem): string {
  return [
    mechanismLabel(t, item.mechanism),
    item.session && t("rcSessionLabel", { session: item.session }),
    item.cycle && t("rcCycleLabel", { cycle: item.cycle }),
    item.documentSymbol,
    item.paragraph && t("rcParagraph", { paragraph: item.paragraph }),
  ]
    .filter(Boolean)
    .join(" · ");
}

/** One search result: text (as text), source, position, tags, current statuses; a checkbox to select it. */
export function ResultItem({
  item,
  selectable,
  selected,
  onToggle,
}: {
  item: RecommendationItem;
  selectable: boolean;
  selected: boolean;
  onToggle: () => void;
}) {
  const { t, pick } = useLanguage();
  const text = pick(item.text);
  const source = sourceLine(t, item);
  const tags = [
    ...item.themes,
    ...item.uncrcArticles.map((a) => `UNCRC ${a}`),
    ...item.sdgTargets.map((s) => `SDG ${s}`),
  ];
  return (
    <li className="rc-result">
      {selectable && (
        <input
          type="checkbox"
          className="rc-result__check"
          checked={selected}
          onChange={onToggle}
          aria-label={t("rcSelect", { label: `${item.stateName}, ${source}` })}
        />
      )}
      <div className="rc-result__body">
        <p className="rv-meta">
          <strong className="rc-result__state">{item.stateName}</strong> · {source} ·{" "}
          {positionLabel(t, item.position)}
          {item.recommendingStates.length > 0 && (
            <> · {t("rcFrom", { states: item.recommendingStates.slice(0, 6).join(", ") })}</>
          )}
        </p>
        <p className="rc-result__text">
          <Link to={paths.recommendation(item.id)} dir="auto">
            {text}
          </Link>
        </p>
        <div className="tag-row">
          {(item.currentStatus.coalition || item.currentStatus.government) && (
            <>
              {item.currentStatus.coalition && (
                <StatusBadge status={item.currentStatus.coalition} prefix={t("rcKindLabel_coalition")} />
              )}
              {item.currentStatus.government && (
                <StatusBadge status={item.currentStatus.government} prefix={t("rcKindLabel_government")} />
              )}
            </>
          )}
          {tags.map((tag) => (
            <span key={tag} className="tag" dir="auto">
              {tag}
            </span>
          ))}
        </div>
      </div>
    </li>
  );
}
