import { useLanguage } from "../i18n/language.tsx";
import type { NavNode } from "./framework-index.ts";

/**
 * The framework's sections and articles with how many indicators each has
 * answered. Buttons, not links: choosing a node filters the list beside it.
 */
export function NavTree({
  root,
  selected,
  answeredCount,
  onSelect,
  fallbackLanguage,
}: {
  root: NavNode;
  fallbackLanguage: string;
  selected: string;
  answeredCount: (codes: string[]) => number;
  onSelect: (code: string) => void;
}) {
  const { t, pick } = useLanguage();
  const item = (nav: NavNode, label: string) => {
    const answered = answeredCount(nav.indicatorCodes);
    const total = nav.indicatorCodes.length;
    const complete = total > 0 && answered === total;
    return (
      <li key={nav.node.code}>
        <button
          type="button"
          className={`nav-tree__item nav-tree__item--depth-${Math.min(nav.depth, 3)}`}
          aria-current={selected === nav.node.code ? "true" : undefined}
          onClick={() => onSelect(nav.node.code)}
        >
          <span className="nav-tree__label">{label}</span>
          <span
            className={`nav-tree__count${complete ? " nav-tree__count--done" : ""}`}
            title={t("wsProgressLabel", { answered, total })}
          >
            <span aria-hidden="true">{t("wsProgress", { answered, total })}</span>
            <span className="visually-hidden">{t("wsProgressLabel", { answered, total })}</span>
          </span>
        </button>
        {nav.children.length > 0 && nav.depth > 0 && (
          <ul>{nav.children.map((c) => item(c, pick(c.node.label, fallbackLanguage)))}</ul>
        )}
      </li>
    );
  };
  return (
    <nav className="nav-tree" aria-label={t("wsNavLabel")}>
      <ul>
        {item(root, t("wsAllSections"))}
        {root.children.map((c) => item(c, pick(c.node.label, fallbackLanguage)))}
      </ul>
    </nav>
  );
}
