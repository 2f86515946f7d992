import { sql } from "drizzle-orm";
import type { Db } from "../db/connect.ts";
import { queryRows } from "../db/query-rows.ts";
import type { ImportedRecommendation } from "./map-row.ts";
import { findStateCode } from "./state-codes.ts";

/** Rows per statement: each chunk travels as one JSON parameter. */
const CHUNK = 5000;

type Keyed = ImportedRecommendation & { importKey: string };

interface Stored {
  added: number;
  merged: number;
  /** Lines of the file whose recommendation was already stored. */
  alreadyStoredLines: number[];
}

/**
 * Inserts recommendations that are not stored yet (by import key) and merges the lists of those
 * that are: a stored recommendation gains new recommending States, themes, groups, articles or
 * SDG targets, and is left untouched when it has them all, so a repeated import writes nothing.
 */
export async function storeRecommendations(
  db: Db,
  rows: Keyed[],
  options: { importId: string; knownStates: Set<string>; onProgress?: (done: number, total: number) => void },
): Promise<Stored> {
  const result: Stored = { added: 0, merged: 0, alreadyStoredLines: [] };
  options.onProgress?.(0, rows.length);
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const json = JSON.stringify(chunk.map((r) => toRecord(r, options)));
    const inserted = await queryRows<{ import_key: string }>(
      db,
      sql`insert into recommendations (mechanism, session, cycle, document_symbol, paragraph, issued_on, state_code,
            state_name, recommending_states, text, position, position_source, action_category, themes,
            affected_groups, uncrc_articles, sdg_targets, import_key, import_id)
          select mechanism, session, cycle, document_symbol, paragraph, issued_on, state_code,
            state_name, recommending_states, text, position, position_source, action_category, themes,
            affected_groups, uncrc_articles, sdg_targets, import_key, import_id
          from jsonb_populate_recordset(null::recommendations, ${json}::jsonb)
          on conflict (import_key) do nothing
          returning import_key`,
    );
    result.added += inserted.length;
    const added = new Set(inserted.map((r) => r.import_key));
    const existing = chunk.filter((r) => !added.has(r.importKey));
    result.alreadyStoredLines.push(...existing.map((r) => r.line));
    if (existing.length > 0) result.merged += await mergeExisting(db, existing);
    options.onProgress?.(Math.min(i + CHUNK, rows.length), rows.length);
  }
  return result;
}

/** Adds the lists of already stored recommendations; returns how many rows changed. */
async function mergeExisting(db: Db, rows: Keyed[]): Promise<number> {
  const json = JSON.stringify(
    rows.map((r) => ({
      import_key: r.importKey,
      recommending_states: r.recommendingStates,
      themes: r.themes,
      affected_groups: r.affectedGroups,
      uncrc_articles: r.uncrcArticles,
      sdg_targets: r.sdgTargets,
    })),
  );
  // Appends only the items a row lacks, keeping the stored order; rows lacking nothing are not written.
  const changed = await queryRows<{ id: string }>(
    db,
    sql`update recommendations r set
          recommending_states = r.recommending_states || array(select x from unnest(v.recommending_states) x where x <> all(r.recommending_states)),
          themes = r.themes || array(select x from unnest(v.themes) x where x <> all(r.themes)),
          affected_groups = r.affected_groups || array(select x from unnest(v.affected_groups) x where x <> all(r.affected_groups)),
          uncrc_articles = r.uncrc_articles || array(select x from unnest(v.uncrc_articles) x where x <> all(r.uncrc_articles)),
          sdg_targets = r.sdg_targets || array(select x from unnest(v.sdg_targets) x where x <> all(r.sdg_targets))
        from jsonb_populate_recordset(null::recommendations, ${json}::jsonb) v
        where r.import_key = v.import_key
          and not (v.recommending_states <@ r.recommending_states and v.themes <@ r.themes
            and v.affected_groups <@ r.affected_groups and v.uncrc_articles <@ r.uncrc_articles
            and v.sdg_targets <@ r.sdg_targets)
        returning r.id`,
  );
  return changed.length;
}

function toRecord(r: Keyed, options: { importId: string; knownStates: Set<string> }) {
  const code = findStateCode(r.stateName);
  return {
    mechanism: r.mechanism,
    session: r.session,
    cycle: r.cycle,
    document_symbol: r.documentSymbol,
    paragraph: r.paragraph,
    issued_on: r.issuedOn,
    state_code: code && options.knownStates.has(code) ? code : null,
    state_name: r.stateName,
    recommending_states: r.recommendingStates,
    text: r.text,
    position: r.position,
    position_source: r.positionSource,
    action_category: r.actionCategory,
    themes: r.themes,
    affected_groups: r.affectedGroups,
    uncrc_articles: r.uncrcArticles,
    sdg_targets: r.sdgTargets,
    import_key: r.importKey,
    import_id: options.importId,
  };
}
