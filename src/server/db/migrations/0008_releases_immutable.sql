-- A release is a public record: once written it never changes and is never removed.
-- A correction is a new release. (TRUNCATE, used only by a backup restore, fires no row trigger.)
CREATE FUNCTION releases_immutable() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'releases are immutable: % is not allowed; publish a correction instead', TG_OP;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER releases_no_change
  BEFORE UPDATE OR DELETE ON releases
  FOR EACH ROW EXECUTE FUNCTION releases_immutable();
