export * from "./model.ts";
export * from "./normalise.ts";
export * from "./similarity.ts";
