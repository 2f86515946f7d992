import { type FormEvent, useEffect, useMemo, useState } from "react";
import { z } from "zod";
import { type AreaShapeCollection, areaShapesToSvg, readAreaList, writeAreaList } from "../../core/index.ts";
import { areaOut, areaShapesOut } from "../../server/api-schemas/network.ts";
import { api, countryList } from "../api/endpoints.ts";
import { ApiRequestError, sendApi } from "../api/send-api.ts";
import { useApi } from "../api/use-api.ts";
import { useSession } from "../auth/session.tsx";
import { PageTitle } from "../components/page-title.tsx";
import { ErrorMessage, Loading } from "../components/status.tsx";
import { useLanguage } from "../i18n/language.tsx";
import { Link, navigate } from "../routing/router.tsx";
import { paths } from "../routing/routes.ts";
import { AreaAssessments } from "./area-assessments.tsx";
import { Card } from "./parts.tsx";
import "./network.css";

type Area = z.infer<typeof areaOut>;

/** A refusal in words: the server's message and each problem it named. */
interface Refusal {
  message: string;
  problems: string[];
}

function refusalOf(error: unknown): Refusal {
  if (error instanceof ApiRequestError) {
    const body = error.body as { error?: string; details?: string[] } | null;
    return { message: body?.error ?? error.message, problems: body?.details ?? [] };
  }
  return { message: error instanceof Error ? error.message : String(error), problems: [] };
}

/** What a form's last try gave: done (with what to say) or refused (with every problem). */
function Outcome({ done, refusal }: { done: string | null; refusal: Refusal | null }) {
  const { t } = useLanguage();
  if (refusal) {
    return (
      <div className="nw-error" role="alert">
        <p>{refusal.message}</p>
        {refusal.problems.length > 1 && (
          <>
            <h3>{t("naProblems", { count: refusal.problems.length })}</h3>
            <ul className="na-problems">
              {refusal.problems.map((p) => (
                <li key={p} dir="auto">
                  {p}
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    );
  }
  return done ? (
    <p className="nw-ok" role="status">
      {done}
    </p>
  ) : null;
}

/** The tree of areas, indented by level. */
function AreaTree({ areas }: { areas: Area[] }) {
  const { t, pick } = useLanguage();
  return (
    <ul className="na-tree">
      {areas.map((a) => (
        <li key={a.code} style={{ paddingInlineStart: `${(a.level - 1) * 1.5}rem` }}>
          <span dir="auto">{pick(a.name)}</span> <code>{a.code}</code>{" "}
          <span className="nw-muted">· {t("naLevel", { level: a.level })}</span>
        </li>
      ))}
    </ul>
  );
}

/** The list of areas to edit: pasted or loaded from a CSV file, replacing the tree in one go. */
function EditAreas({ country, areas, onSaved }: { country: string; areas: Area[]; onSaved: () => void }) {
  const { t } = useLanguage();
  const [text, setText] = useState(() => (areas.length ? writeAreaList(areas) : "code,parent,name\n"));
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  async function save(event: FormEvent) {
    event.preventDefault();
    setDone(null);
    setRefusal(null);
    const list = readAreaList(text);
    if (list.problems.length) {
      setRefusal({ message: list.problems[0]!, problems: list.problems });
      return;
    }
    setBusy(true);
    try {
      const saved = await sendApi(
        "PUT",
        `/api/network/areas/${country}`,
        { areas: list.areas },
        z.object({ count: z.number() }),
      );
      setDone(t("naSaved", { count: saved.count }));
      onSaved();
    } catch (error) {
      setRefusal(refusalOf(error));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Card id="na-edit" title={t("naEdit")}>
      <p className="nw-muted">{t("naEditLead")}</p>
      <form className="nw-form" onSubmit={save}>
        <label>
          {t("naList")}
          <textarea
            name="areas"
            rows={Math.min(16, Math.max(6, text.split("\n").length + 1))}
            value={text}
            onChange={(e) => setText(e.target.value)}
            dir="ltr"
            spellCheck={false}
          />
        </label>
        <label>
          {t("naLoadFile")}
          <input
            type="file"
            accept=".csv,.txt,text/csv,text/plain"
            onChange={async (e) => {
              const file = e.target.files?.[0];
              if (file) setText(await file.text());
            }}
          />
        </label>
        <div className="nw-actions">
          <button type="submit" disabled={busy}>
            {t("naSave")}
          </button>
        </div>
        <Outcome done={done} refusal={refusal} />
      </form>
    </Card>
  );
}

/** The stored shapes drawn as they are, for the administrator to check. */
function ShapesPreview({ shapes, areas }: { shapes: AreaShapeCollection; areas: Area[] }) {
  const { t, pick } = useLanguage();
  // The first level's areas where they have shapes, else every shape.
  const firstLevel = areas.filter((a) => a.level === 1).map((a) => a.code);
  const only = shapes.features.some((f) => firstLevel.includes(f.properties.code)) ? firstLevel : undefined;
  const geo = useMemo(() => areaShapesToSvg(shapes, { width: 360, maxHeight: 320, only }), [shapes, only]);
  const names = new Map(areas.map((a) => [a.code, pick(a.name)]));
  return (
    <svg
      className="na-map"
      viewBox={`0 0 ${geo.width} ${geo.height}`}
      width={geo.width}
      height={geo.height}
      role="img"
      aria-label={t("naShapesMap")}
    >
      {geo.paths.map((p) => (
        <path key={p.code} d={p.d} fillRule="evenodd">
          <title>{`${names.get(p.code) ?? p.code} (${p.code})`}</title>
        </path>
      ))}
    </svg>
  );
}

/** The country's map shapes: what is stored, the upload (every problem shown) and the removal. */
function Shapes({ country, areas, canManage }: { country: string; areas: Area[]; canManage: boolean }) {
  const { t, lang } = useLanguage();
  const state = useApi(`/api/network/areas/${country}/shapes`, areaShapesOut);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const missing = state.status === "error" && /has no area shapes/.test(state.message);
  const stored = state.status === "ok" ? state.data : null;
  async function run(work: () => Promise<string>) {
    setBusy(true);
    setDone(null);
    setRefusal(null);
    try {
      setDone(await work());
      state.reload();
    } catch (error) {
      setRefusal(refusalOf(error));
    } finally {
      setBusy(false);
    }
  }
  async function upload(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    await run(async () => {
      const saved = await sendApi(
        "PUT",
        `/api/network/areas/${country}/shapes`,
        form,
        z.object({ areas: z.number(), bytes: z.number() }),
      );
      return t("naUploaded", { count: saved.areas });
    });
  }
  async function remove() {
    if (!window.confirm(t("naRemoveConfirm"))) return;
    await run(async () => {
      await sendApi(
        "DELETE",
        `/api/network/areas/${country}/shapes`,
        undefined,
        z.object({ removed: z.literal(true) }),
      );
      return t("naRemoved");
    });
  }
  return (
    <Card id="na-shapes" title={t("naShapes")}>
      <p className="nw-muted">{t("naShapesLead")}</p>
      {state.status === "loading" && <Loading />}
      {state.status === "error" && !missing && (
        <ErrorMessage message={state.message} onRetry={state.reload} />
      )}
      {missing && <p>{t("naNoShapes")}</p>}
      {stored && (
        <div className="na-shapes">
          <ShapesPreview shapes={stored.shapes} areas={areas} />
          <div>
            <p>
              {t("naShapesFrom", {
                file: stored.fileName,
                format: stored.format,
                property: stored.codeProperty,
                date: new Date(stored.uploadedAt).toLocaleDateString(lang, { dateStyle: "medium" }),
              })}
            </p>
            <p>{t("naShapesCover", { shaped: stored.shapes.features.length, total: areas.length })}</p>
          </div>
        </div>
      )}
      {canManage && areas.length > 0 && (
        <form className="nw-form" onSubmit={upload}>
          <label>
            {t("naShapesFile")}
            <input
              type="file"
              name="file"
              accept=".geojson,.topojson,.json,application/geo+json,application/json"
              required
            />
          </label>
          <label>
            {t("naCodeProperty")}
            <input type="text" name="codeProperty" defaultValue={stored?.codeProperty ?? "code"} dir="ltr" />
          </label>
          <div className="nw-actions">
            <button type="submit" disabled={busy}>
              {t("naUpload")}
            </button>
            {stored && (
              <button type="button" className="secondary" disabled={busy} onClick={remove}>
                {t("naRemove")}
              </button>
            )}
          </div>
          <Outcome done={done} refusal={refusal} />
        </form>
      )}
    </Card>
  );
}

/** One country's areas: the tree, its list to replace it, the map shapes, then area assessments. */
function CountryAreas({ country, region }: { country: string; region: string | null }) {
  const { t } = useLanguage();
  const { may } = useSession();
  const state = useApi(`/api/network/areas/${country}`, z.array(areaOut));
  const canManage = may("network:manage", { country, region: region ?? undefined });
  if (state.status === "loading") return <Loading />;
  if (state.status === "error") return <ErrorMessage message={state.message} onRetry={state.reload} />;
  const areas = state.data;
  const levels = new Set(areas.map((a) => a.level)).size;
  return (
    <>
      <Card id="na-tree" title={t("naTree")}>
        {areas.length === 0 ? (
          <p>{t("naNone")}</p>
        ) : (
          <>
            <p className="nw-muted">{t("naCount", { count: areas.length, levels })}</p>
            <AreaTree areas={areas} />
          </>
        )}
        {!canManage && <p className="nw-muted">{t("naReadOnly")}</p>}
      </Card>
      {canManage && <EditAreas key={areas.length} country={country} areas={areas} onSaved={state.reload} />}
      <Shapes country={country} areas={areas} canManage={canManage} />
      {areas.length > 0 && may("assessment:read", { country, region: region ?? undefined }) && (
        <Card id="na-assessments" title={t("arTitle")}>
          <AreaAssessments country={country} region={region} areas={areas} />
        </Card>
      )}
    </>
  );
}

/**
 * A country's areas below the country (regions, districts …): the tree, replaced by a pasted or
 * uploaded list, and the shapes for the portal's maps. Without a country in the address, the
 * choice of one (the person's own country first).
 */
export function AreasPage({ country }: { country?: string }) {
  const { t, pick } = useLanguage();
  const { user } = useSession();
  const countries = useApi(user ? api.countries() : null, countryList);
  const own = user?.grants.find((g) => g.scopeType === "country" && g.scopeCode)?.scopeCode ?? null;
  useEffect(() => {
    if (!country && own) navigate(paths.networkAreas(own), { replace: true });
  }, [country, own]);
  if (user === null) {
    return (
      <p>
        <Link to={paths.signIn(paths.networkAreas(country))}>{t("rcSignIn")}</Link>
      </p>
    );
  }
  const chosen = countries.status === "ok" ? countries.data.find((c) => c.code === country) : undefined;
  const title = chosen ? t("naCountryTitle", { country: pick(chosen.name) }) : t("naTitle");
  return (
    <div className="nw-page">
      <p className="nw-crumb">
        <Link to={paths.network()}>{t("nwTitle")}</Link>
      </p>
      <PageTitle text={title}>{title}</PageTitle>
      <p className="lead">{t("naLead")}</p>
      {countries.status === "loading" && <Loading />}
      {countries.status === "error" && (
        <ErrorMessage message={countries.message} onRetry={countries.reload} />
      )}
      {countries.status === "ok" && (
        <form className="nw-form na-choose" onSubmit={(e) => e.preventDefault()}>
          <label>
            {t("naCountry")}
            <select value={country ?? ""} onChange={(e) => navigate(paths.networkAreas(e.target.value))}>
              {!country && <option value="">{t("naChoose")}</option>}
              {countries.data.map((c) => (
                <option key={c.code} value={c.code}>
                  {pick(c.name)}
                </option>
              ))}
            </select>
          </label>
        </form>
      )}
      {chosen && <CountryAreas key={chosen.code} country={chosen.code} region={chosen.regionCode} />}
    </div>
  );
}
