export * from "./classifier/index.ts";
export * from "./column-matching.ts";
export * from "./model.ts";
export * from "./normalise.ts";
export * from "./report-card.ts";
export * from "./similarity.ts";
export * from "./synergies.ts";
