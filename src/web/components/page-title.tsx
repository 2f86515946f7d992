import { type ReactNode, useEffect, useRef } from "react";
import { useLanguage } from "../i18n/language.tsx";

/**
 * The page's heading. It takes focus when the page opens so screen-reader
 * users hear where a client-side navigation took them, and names the tab.
 */
export function PageTitle({
  children,
  text,
  eyebrow,
}: {
  children: ReactNode;
  text: string;
  eyebrow?: ReactNode;
}) {
  const { t } = useLanguage();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${text} · ${t("appName")}`;
  }, [text, t]);
  useEffect(() => {
    // Only after an in-app navigation; on first load focus stays at the top for the skip link.
    if (document.activeElement && document.activeElement !== document.body) heading.current?.focus();
  }, []);
  return (
    <header className="page-title">
      {eyebrow && <p className="page-title__eyebrow">{eyebrow}</p>}
      <h1 ref={heading} tabIndex={-1}>
        {children}
      </h1>
    </header>
  );
}
