/* The evidence routes' shapes live with the API's shared schemas, which the web app may import. */
export * from "../api-schemas/evidence.ts";
