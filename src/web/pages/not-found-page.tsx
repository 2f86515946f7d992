import { PageTitle } from "../components/page-title.tsx";
import { useLanguage } from "../i18n/language.tsx";
import { Link } from "../routing/router.tsx";
import { paths } from "../routing/routes.ts";

/** Shown for any address the app does not know. */
export function NotFoundPage() {
  const { t } = useLanguage();
  return (
    <>
      <PageTitle text={t("notFoundTitle")}>{t("notFoundTitle")}</PageTitle>
      <p>{t("notFoundBody")}</p>
      <p>
        <Link to={paths.overview()}>{t("backToOverview")}</Link>
      </p>
    </>
  );
}
