export * from "./read-activities.ts";
