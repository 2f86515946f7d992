export * from "./aggregate.ts";
export * from "./model.ts";
export * from "./screen-text.ts";
export * from "./suppress.ts";
