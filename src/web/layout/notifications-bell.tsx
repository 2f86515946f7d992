import { useCallback, useEffect, useState } from "react";
import {
  markedOut,
  type NotificationList,
  notificationList,
} from "../../server/api-schemas/notifications.ts";
import { api, countryList } from "../api/endpoints.ts";
import { sendApi } from "../api/send-api.ts";
import { fetchApi, useApi } from "../api/use-api.ts";
import { useSession } from "../auth/session.tsx";
import { useLanguage } from "../i18n/language.tsx";
import { navigate } from "../routing/router.tsx";
import { paths } from "../routing/routes.ts";
import { describeNotification } from "./describe-notification.ts";
import { useDisclosure } from "./use-disclosure.ts";

const REFRESH_MS = 60_000;

/** A bell with the unread count; its list links each notice to the assessment it is about. */
export function NotificationsBell() {
  const { t, lang, pick } = useLanguage();
  const { user } = useSession();
  // Notices carry country codes; names read better (the list is public and small).
  const countries = useApi(user ? api.countries() : null, countryList);
  const nameOf = (code: string) =>
    (countries.status === "ok" && pick(countries.data.find((c) => c.code === code)?.name)) || code;
  const menu = useDisclosure();
  const [list, setList] = useState<NotificationList | null>(null);

  const load = useCallback(() => {
    fetchApi("/api/notifications", notificationList).then(setList, () => undefined);
  }, []);
  useEffect(() => {
    if (!user) return;
    load();
    const timer = window.setInterval(load, REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [user, load]);

  if (!user) return null;
  const unread = list?.unread ?? 0;

  async function openNotice(id: string, assessmentId: string | undefined, read: boolean, href?: string) {
    menu.close();
    if (!read)
      await sendApi("POST", `/api/notifications/${id}/read`, undefined, markedOut).catch(() => undefined);
    load();
    if (assessmentId) navigate(paths.assessment(assessmentId));
    else if (href) navigate(href);
  }

  return (
    <div className="header-menu" ref={menu.root}>
      <button
        ref={menu.button}
        type="button"
        className="header-button header-button--bell"
        aria-expanded={menu.open}
        aria-controls="notifications-menu"
        onClick={() => {
          if (!menu.open) load();
          menu.toggle();
        }}
      >
        <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
          <path
            fill="currentColor"
            d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
          />
        </svg>
        <span className="visually-hidden">{t("notificationsButton", { count: unread })}</span>
        {unread > 0 && (
          <span className="header-button__badge" aria-hidden="true">
            {unread > 99 ? "99+" : unread}
          </span>
        )}
      </button>
      {menu.open && (
        <div className="header-menu__panel header-menu__panel--wide" id="notifications-menu">
          <div className="header-menu__head">
            <h2 className="header-menu__title">{t("notifications")}</h2>
            {unread > 0 && (
              <button
                type="button"
                className="button button--small"
                onClick={() =>
                  sendApi("POST", "/api/notifications/read-all", undefined, markedOut).then(
                    load,
                    () => undefined,
                  )
                }
              >
                {t("markAllRead")}
              </button>
            )}
          </div>
          {!list?.items.length ? (
            <p className="header-menu__empty">{t("noNotifications")}</p>
          ) : (
            <ul className="header-menu__list notification-list">
              {list.items.map((n) => {
                const { text, assessmentId, href } = describeNotification(n, t, lang, nameOf);
                const when = new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeStyle: "short" });
                return (
                  <li key={n.id} className={n.readAt ? undefined : "notification--unread"}>
                    <a
                      href={assessmentId ? paths.assessment(assessmentId) : (href ?? "#")}
                      onClick={(event) => {
                        event.preventDefault();
                        void openNotice(n.id, assessmentId, Boolean(n.readAt), href);
                      }}
                    >
                      {!n.readAt && <span className="visually-hidden">{t("unread")}: </span>}
                      <span className="notification__text">{text}</span>
                      <time className="notification__time" dateTime={n.createdAt}>
                        {when.format(new Date(n.createdAt))}
                      </time>
                    </a>
                  </li>
                );
              })}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
