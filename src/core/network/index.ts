export * from "./area-scores.ts";
export * from "./area-shapes.ts";
export * from "./areas.ts";
export * from "./logo.ts";
export * from "./member-import.ts";
export * from "./membership.ts";
