-- Hand-written: a counter that moves on every change to the recommendations or their tracking, so a
-- search may keep facet counts computed for one value of it (recommendations/facet-cache.ts).
-- A sequence, not a table: it is not data to back up, and a restore's inserts move it as well.
CREATE SEQUENCE IF NOT EXISTS recommendation_search_version;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION bump_recommendation_search_version() RETURNS trigger AS $$
BEGIN
  PERFORM nextval('recommendation_search_version');
  RETURN NULL;
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER recommendations_search_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON recommendations
  FOR EACH STATEMENT EXECUTE FUNCTION bump_recommendation_search_version();
--> statement-breakpoint
CREATE TRIGGER implementation_assessments_search_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON implementation_assessments
  FOR EACH STATEMENT EXECUTE FUNCTION bump_recommendation_search_version();
