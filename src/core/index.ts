export * from "./framework/model.ts";
export * from "./framework/validate.ts";
export * from "./scoring/compile.ts";
export * from "./scoring/engine.ts";
export * from "./scoring/normalise.ts";
export * from "./scoring/rank.ts";
export * from "./scoring/rows.ts";
export * from "./scoring/summary.ts";
