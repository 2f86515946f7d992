import type { Grant } from "../../core/index.ts";
import { useLanguage } from "../i18n/language.tsx";
import type { MessageKey } from "../i18n/messages.ts";

/** "Country coordinator · Moldova": a role and where it applies. */
export function useGrantLabel(names: ReadonlyMap<string, string>) {
  const { t } = useLanguage();
  return (g: Grant) => {
    const where =
      g.scopeType === "platform"
        ? t("scope_platform")
        : g.scopeType === "country"
          ? (names.get(g.scopeCode ?? "") ?? g.scopeCode)
          : `${t("scope_region")} ${g.scopeCode}`;
    return `${t(`role_${g.role}` as MessageKey)} · ${where}`;
  };
}

/** An account's roles as tags (the administrator flag first). */
export function GrantList({
  isAdmin,
  grants,
  names,
}: {
  isAdmin: boolean;
  grants: readonly Grant[];
  names: ReadonlyMap<string, string>;
}) {
  const { t } = useLanguage();
  const label = useGrantLabel(names);
  if (!isAdmin && grants.length === 0) return <span className="um-muted">{t("umNoRoles")}</span>;
  return (
    <ul className="tag-row um-grants">
      {isAdmin && <li className="tag um-admin">{t("role_admin")}</li>}
      {grants.map((g) => (
        <li key={`${g.role}|${g.scopeType}|${g.scopeCode}`} className="tag">
          {label(g)}
        </li>
      ))}
    </ul>
  );
}
