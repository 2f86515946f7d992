-- A published tracking is a public record, like a release: never changed, never removed.
-- A new publication is a new version. (TRUNCATE, used only by a backup restore, fires no row trigger.)
CREATE FUNCTION tracking_publications_immutable() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'published trackings are immutable: % is not allowed; publish a new version instead', TG_OP;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER tracking_publications_no_change
  BEFORE UPDATE OR DELETE ON tracking_publications
  FOR EACH ROW EXECUTE FUNCTION tracking_publications_immutable();
