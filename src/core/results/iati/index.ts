export * from "./problems.ts";
export * from "./read-activities.ts";
