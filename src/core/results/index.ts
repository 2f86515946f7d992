export * from "./achievement.ts";
export * from "./disaggregation.ts";
export * from "./evaluation.ts";
export * from "./languages.ts";
export * from "./late.ts";
export * from "./model.ts";
export * from "./progress.ts";
export * from "./roll-up.ts";
