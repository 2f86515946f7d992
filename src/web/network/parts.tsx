import { type ReactNode, useState } from "react";
import type { z } from "zod";
import { ApiRequestError } from "../api/send-api.ts";
import { useApi } from "../api/use-api.ts";
import { useSession } from "../auth/session.tsx";
import { PageTitle } from "../components/page-title.tsx";
import { ErrorMessage, Loading } from "../components/status.tsx";
import { useLanguage } from "../i18n/language.tsx";
import { Link } from "../routing/router.tsx";
import { paths } from "../routing/routes.ts";

/** Text of a form field, trimmed. */
export const fieldText = (form: FormData, name: string) => String(form.get(name) ?? "").trim();

/** A comma- or semicolon-separated list typed in one field. */
export const fieldList = (form: FormData, name: string) =>
  fieldText(form, name)
    .split(/[,;]/)
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * Runs one change at a time and keeps what went wrong in words: a stale version (409) as the
 * conflict message, any other refusal with the server's explanation.
 */
export function useSend(conflict: string) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function run(work: () => Promise<void>): Promise<boolean> {
    setBusy(true);
    setError(null);
    try {
      await work();
      return true;
    } catch (e) {
      setError(
        e instanceof ApiRequestError && e.status === 409
          ? `${conflict} (${e.message})`
          : e instanceof Error
            ? e.message
            : String(e),
      );
      return false;
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, run };
}

/** The refusal of a form, announced. */
export function FormError({ error }: { error: string | null }) {
  return error ? (
    <p className="nw-error" role="alert">
      {error}
    </p>
  ) : null;
}

/** A boxed section of a network page with its heading. */
export function Card({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="nw-card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/** A date (YYYY-MM-DD or ISO) in the reader's locale. */
export function DateText({ value }: { value: string | null | undefined }) {
  const { lang } = useLanguage();
  if (!value) return <>—</>;
  const date = new Date(value.length === 10 ? `${value}T12:00:00Z` : value);
  if (Number.isNaN(date.getTime())) return <>{value}</>;
  return <time dateTime={value}>{date.toLocaleDateString(lang, { dateStyle: "medium" })}</time>;
}

/**
 * A network page that needs a signed-in person and one record: a sign-in link when signed out,
 * the loading state, the error under the page's heading, else the record's view.
 */
export function SignedInRecord<T extends z.ZodTypeAny>({
  url,
  schema,
  here,
  title,
  render,
}: {
  url: string;
  schema: T;
  /** This page's path, to come back to after signing in. */
  here: string;
  title: string;
  render: (data: z.infer<T>, reload: () => void) => ReactNode;
}) {
  const { t } = useLanguage();
  const { user } = useSession();
  const state = useApi(user ? url : null, schema);
  if (user === null) {
    return (
      <p>
        <Link to={paths.signIn(here)}>{t("rcSignIn")}</Link>
      </p>
    );
  }
  if (state.status === "loading" || user === undefined) return <Loading />;
  if (state.status === "error") {
    return (
      <div className="nw-page">
        <PageTitle text={title}>{title}</PageTitle>
        <ErrorMessage message={state.message} onRetry={state.reload} />
      </div>
    );
  }
  return <>{render(state.data, state.reload)}</>;
}
