import { type Indicator, NOT_STATED, someQuotes } from "../../core/index.ts";
import type { ChildrenVoiceOut } from "../../server/api-schemas/children.ts";
import type { PageEnv } from "../context.ts";
import { describeAnswer } from "../model/answers.ts";
import { IndicatorLink, Local, Section } from "../parts.tsx";

/*
 * "What children said" beside the experts' assessment: the aggregates of published children's
 * consultations whose questions speak to an indicator. The server gives only groups of at least
 * the consultation's threshold; this page shows what it was given and says what was left out.
 * Marked throughout as a different kind of evidence from the scored answers.
 */

/** The voices of children about one indicator. */
export function voicesOf(env: PageEnv, indicator: string): ChildrenVoiceOut[] {
  return (env.ctx.childrenVoices ?? []).filter((v) => v.indicator === indicator);
}

/**
 * A country's name: the release's, else the language's own name for the region (a consultation
 * may include countries the release does not).
 */
function nameOf(env: PageEnv, code: string): string {
  if (code === NOT_STATED) return env.t("childrenNotStated");
  if (env.snap.countries.some((c) => c.code === code)) return env.countryName(code);
  try {
    return new Intl.DisplayNames([env.lang, "en"], { type: "region" }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** The country's own group of a voice, when it may be shown. */
export function countryGroup(voice: ChildrenVoiceOut, country: string) {
  return voice.countries.find((c) => c.key === country);
}

/** A share agreeing as a bar and a percentage. */
function Share({ env, share }: { env: PageEnv; share: number | null }) {
  if (share === null) return <span className="muted">–</span>;
  return (
    <span className="said-share">
      <span className="said-share__bar" aria-hidden="true">
        <span style={{ inlineSize: `${Math.round(share * 100)}%` }} />
      </span>
      <bdi className="said-share__pct">{env.pct(share, 0)}</bdi>
    </span>
  );
}

/** Whether a voice is a free-text question: children's words, no share agreeing. */
const isFreeText = (voice: ChildrenVoiceOut) => voice.question.type === "short-text";

/** The share agreeing and how many children answered (or wrote), in large type. */
function Headline({
  env,
  voice,
  agreeing,
  count,
}: {
  env: PageEnv;
  voice: ChildrenVoiceOut;
  agreeing: number | null;
  count: number;
}) {
  return (
    <p className="said__headline">
      {agreeing !== null && <Share env={env} share={agreeing} />}{" "}
      <span>
        {agreeing !== null && `${env.t("childrenAgreeing")} · `}
        {env.t(isFreeText(voice) ? "childrenWrote" : "childrenCount", { count })}
      </span>
    </p>
  );
}

/** A few of the children's own words that a moderator approved, when the question asked for words. */
function Quotes({ env, voice }: { env: PageEnv; voice: ChildrenVoiceOut }) {
  const quotes = someQuotes(voice.quotes);
  if (!quotes.length) return null;
  return (
    <figure className="said-quotes">
      <figcaption className="said__label">{env.t("childrenQuotes")}</figcaption>
      <ul>
        {quotes.map((q) => (
          <li key={q} dir="auto">
            {q}
          </li>
        ))}
      </ul>
    </figure>
  );
}

/** What an answer value is called: yes / no / not sure, a face's number, an option's label. */
export function valueLabel(env: PageEnv, voice: ChildrenVoiceOut, value: string): string {
  if (value === "yes") return env.t("childrenYes");
  if (value === "no") return env.t("childrenNo");
  if (value === "not-sure") return env.t("childrenNotSure");
  const option = voice.question.options.find((o) => o.value === value);
  if (option) return env.text(option.label);
  return voice.question.type.startsWith("smiley") ? env.t("childrenFace", { face: value }) : value;
}

/** The answer values of `counts` in the order they are read: the options, yes / no / not sure, happiest face first. */
export function countOrder(voice: ChildrenVoiceOut, counts: Record<string, number>): string[] {
  const order = [
    ...voice.question.options.map((o) => o.value),
    "yes",
    "no",
    "not-sure",
    "5",
    "4",
    "3",
    "2",
    "1",
  ];
  return Object.keys(counts).sort((a, b) => order.indexOf(a) - order.indexOf(b));
}

/** The answers in words, as "Yes 220 · No 100 · Not sure 40" (for print). */
export function countsText(env: PageEnv, voice: ChildrenVoiceOut, counts: Record<string, number>): string {
  return countOrder(voice, counts)
    .map((k) => `${valueLabel(env, voice, k)} ${env.num(counts[k]!, 0)}`)
    .join(" · ");
}

/** The answers as "Yes 220 · No 100 · Not sure 40". */
function Counts({
  env,
  voice,
  counts,
}: {
  env: PageEnv;
  voice: ChildrenVoiceOut;
  counts: Record<string, number>;
}) {
  const keys = countOrder(voice, counts);
  if (!keys.length) return null;
  return (
    <p className="said-counts muted">
      {keys.map((k, i) => (
        <span key={k}>
          {i > 0 && " · "}
          {valueLabel(env, voice, k)} <bdi>{env.num(counts[k]!, 0)}</bdi>
        </span>
      ))}
    </p>
  );
}

/** Where the children's answers come from: consultation, organisation, date, age bands. */
function Source({ env, voice }: { env: PageEnv; voice: ChildrenVoiceOut }) {
  return (
    <p className="said-source muted">
      <Local env={env} value={voice.title} /> · {voice.organisation}
      {voice.closedAt && <> · {env.t("childrenClosed", { date: env.date(voice.closedAt) })}</>}
      {voice.bands.length > 0 && (
        <>
          {" · "}
          {env.t("childrenAges", { bands: env.list(voice.bands.map((b) => env.text(b.label))) })}
        </>
      )}
    </p>
  );
}

/** One question's answers: every country together, and each country shown. */
function VoiceCard({ env, voice }: { env: PageEnv; voice: ChildrenVoiceOut }) {
  return (
    <article className="said card">
      <p className="said__tag">{env.t("childrenTag")}</p>
      <h3 className="said__question">
        <Local env={env} value={voice.question.text} />
      </h3>
      <Headline env={env} voice={voice} agreeing={voice.agreeing} count={voice.children} />
      <Counts env={env} voice={voice} counts={voice.counts} />
      <Quotes env={env} voice={voice} />
      {voice.countries.length > 0 && !isFreeText(voice) && (
        <ul className="said-groups">
          {voice.countries.map((c) => (
            <li key={c.key}>
              <span className="said-groups__name">{nameOf(env, c.key)}</span>
              <Share env={env} share={c.agreeing} />
              <span className="muted">{env.t("childrenCount", { count: c.children })}</span>
            </li>
          ))}
        </ul>
      )}
      <Source env={env} voice={voice} />
      {voice.hidden && (
        <p className="said-note muted">{env.t("childrenSomeHidden", { threshold: voice.threshold })}</p>
      )}
    </article>
  );
}

/** The indicator page's section: what children said about this indicator. */
export function IndicatorChildrenSaid({ env, ind }: { env: PageEnv; ind: Indicator }) {
  const voices = voicesOf(env, ind.code);
  if (!voices.length) return null;
  return (
    <Section id="children-said" title={env.t("childrenSaidTitle")} lead={env.t("childrenSaidLead")}>
      <div className="said-list">
        {voices.map((v) => (
          <VoiceCard key={`${v.consultationId}-${v.question.code}`} env={env} voice={v} />
        ))}
      </div>
    </Section>
  );
}

/** The indicator table's cell: the country's children agreeing, when their group may be shown. */
export function ChildrenCell({ env, ind, country }: { env: PageEnv; ind: Indicator; country: string }) {
  const shown = voicesOf(env, ind.code)
    .map((v) => countryGroup(v, country))
    .filter((g) => g && g.agreeing !== null);
  if (!shown.length) return <span className="muted">–</span>;
  return (
    <>
      {shown.map((g, i) => (
        <span key={String(i)} className="said-cell">
          <Share env={env} share={g!.agreeing} />{" "}
          <span className="muted">({env.t("childrenCount", { count: g!.children })})</span>
        </span>
      ))}
    </>
  );
}

/** One question's answers on the country profile: this country's group, else every country together. */
function CountryVoice({ env, voice, country }: { env: PageEnv; voice: ChildrenVoiceOut; country: string }) {
  const own = countryGroup(voice, country);
  const shown = own ?? { children: voice.children, agreeing: voice.agreeing, counts: voice.counts };
  return (
    <div className="said-voice">
      <p className="said__question">
        <Local env={env} value={voice.question.text} />
      </p>
      <Headline env={env} voice={voice} agreeing={shown.agreeing} count={shown.children} />
      <Counts env={env} voice={voice} counts={shown.counts} />
      {!own && (
        <p className="said-note muted">
          {env.t("childrenAllCountries", { country: env.countryName(country), threshold: voice.threshold })}
        </p>
      )}
      <Quotes env={env} voice={voice} />
      <Source env={env} voice={voice} />
    </div>
  );
}

/**
 * The country profile's section: each indicator that children spoke to, the experts' answer
 * beside what this country's children said to each question linked to it (or every country
 * together when this country's group is not shown), their own words included.
 */
export function CountryChildrenSaid({ env, country }: { env: PageEnv; country: string }) {
  const voices = (env.ctx.childrenVoices ?? []).filter((v) =>
    env.fw.indicators.some((i) => i.code === v.indicator),
  );
  if (!voices.length) return null;
  const name = env.countryName(country);
  const indicators = [...new Set(voices.map((v) => v.indicator))];
  return (
    <Section
      id="children-said"
      title={env.t("childrenCountryTitle", { country: name })}
      lead={env.t("childrenSaidLead")}
    >
      <div className="said-list">
        {indicators.map((code) => {
          const ind = env.fw.indicators.find((i) => i.code === code)!;
          return (
            <article key={code} className="said card">
              <h3 className="said__indicator">
                <IndicatorLink env={env} ind={ind} />
              </h3>
              <div className="said-pair">
                <div>
                  <p className="said__label">{env.t("childrenExperts")}</p>
                  <p>{describeAnswer(env, ind, env.idx.answer(country, ind.code))}</p>
                </div>
                <div className="said-pair__children">
                  <p className="said__tag">{env.t("childrenTag")}</p>
                  {voices
                    .filter((v) => v.indicator === code)
                    .map((v) => (
                      <CountryVoice
                        key={`${v.consultationId}-${v.question.code}`}
                        env={env}
                        voice={v}
                        country={country}
                      />
                    ))}
                </div>
              </div>
            </article>
          );
        })}
      </div>
    </Section>
  );
}
