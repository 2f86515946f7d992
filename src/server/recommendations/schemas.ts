/** The recommendations API shapes live in api-schemas, shared with the web app. */
export * from "../api-schemas/recommendations.ts";
