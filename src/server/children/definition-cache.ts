import { type ConsultationDefinition, consultationDefinition } from "../../core/index.ts";

/**
 * Parsed question sets by consultation id and version: a thousand children answering the same
 * consultation need its definition checked once, not once per child. A new version (the designer
 * saved a draft) is parsed afresh; the cache holds the most recent few consultations.
 */
const parsed = new Map<string, ConsultationDefinition>();
const LIMIT = 50;

export function definitionOf(consultation: {
  id: string;
  version: number;
  definition: unknown;
}): ConsultationDefinition {
  const key = `${consultation.id}:${consultation.version}`;
  let definition = parsed.get(key);
  if (!definition) {
    definition = consultationDefinition.parse(consultation.definition);
    if (parsed.size >= LIMIT) parsed.delete(parsed.keys().next().value!);
    parsed.set(key, definition);
  }
  return definition;
}

/** The parsed question set of a consultation version, when it was parsed before (none otherwise). */
export function cachedDefinition(id: string, version: number): ConsultationDefinition | undefined {
  return parsed.get(`${id}:${version}`);
}
