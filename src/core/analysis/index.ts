export * from "./model.ts";
export * from "./random.ts";
export * from "./release.ts";
export * from "./sobol.ts";
export * from "./summary.ts";
