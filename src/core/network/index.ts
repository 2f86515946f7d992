export * from "./areas.ts";
export * from "./member-import.ts";
export * from "./membership.ts";
