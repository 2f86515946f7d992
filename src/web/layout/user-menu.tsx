import { useSession } from "../auth/session.tsx";
import { useLanguage } from "../i18n/language.tsx";
import { Link, navigate, useLocation } from "../routing/router.tsx";
import { paths } from "../routing/routes.ts";
import { useDisclosure } from "./use-disclosure.ts";

/** The signed-in user's name opening a menu with "My work" and sign-out; a sign-in link otherwise. */
export function UserMenu() {
  const { t } = useLanguage();
  const { user, signOut } = useSession();
  const { pathname, search } = useLocation();
  const menu = useDisclosure();
  if (user === undefined) return null;
  if (user === null) {
    if (pathname === "/sign-in") return null;
    const here = pathname + (search.size ? `?${search.toString()}` : "");
    return (
      <Link className="header-button" to={paths.signIn(here === "/" ? undefined : here)}>
        {t("signIn")}
      </Link>
    );
  }
  return (
    <div className="header-menu" ref={menu.root}>
      <button
        ref={menu.button}
        type="button"
        className="header-button"
        aria-expanded={menu.open}
        aria-controls="user-menu"
        onClick={menu.toggle}
      >
        <span className="header-button__avatar" aria-hidden="true">
          {(user.name || user.email).slice(0, 1).toUpperCase()}
        </span>
        <span className="visually-hidden">{t("account")}: </span>
        <span className="header-button__name">{user.name || user.email}</span>
        <span aria-hidden="true">▾</span>
      </button>
      {menu.open && (
        <div className="header-menu__panel" id="user-menu">
          <p className="header-menu__who">{t("signedInAs", { email: user.email })}</p>
          <ul className="header-menu__list">
            <li>
              <Link to={paths.work()} onClick={menu.close}>
                {t("myWork")}
              </Link>
            </li>
            <li>
              <Link to={paths.accountSecurity()} onClick={menu.close}>
                {t("securityNav")}
              </Link>
            </li>
            <li>
              <button
                type="button"
                className="header-menu__item"
                onClick={async () => {
                  menu.close();
                  await signOut();
                  navigate(paths.signIn());
                }}
              >
                {t("signOut")}
              </button>
            </li>
          </ul>
        </div>
      )}
    </div>
  );
}
