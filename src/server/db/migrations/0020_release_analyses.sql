CREATE TABLE "release_analyses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"release_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"settings" jsonb NOT NULL,
	"result" jsonb NOT NULL,
	"evaluations" integer NOT NULL,
	"elapsed_ms" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"published_at" timestamp with time zone,
	"published_by" uuid,
	CONSTRAINT "release_analyses_release_version_unique" UNIQUE("release_id","version")
);
--> statement-breakpoint
ALTER TABLE "release_analyses" ADD CONSTRAINT "release_analyses_release_id_releases_id_fk" FOREIGN KEY ("release_id") REFERENCES "public"."releases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "release_analyses" ADD CONSTRAINT "release_analyses_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "release_analyses" ADD CONSTRAINT "release_analyses_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Hand-written: an analysis stored with a release is a public record like the release. It is never
-- removed, and the only change allowed is publishing it once (published_at / published_by from null).
-- (TRUNCATE, used only by a backup restore, fires no row trigger.)
CREATE FUNCTION release_analyses_immutable() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.published_at IS NULL AND NEW.published_at IS NOT NULL
     AND NEW.id = OLD.id AND NEW.release_id = OLD.release_id AND NEW.version = OLD.version
     AND NEW.settings = OLD.settings AND NEW.result = OLD.result AND NEW.evaluations = OLD.evaluations
     AND NEW.elapsed_ms = OLD.elapsed_ms AND NEW.created_at = OLD.created_at
     AND NEW.created_by IS NOT DISTINCT FROM OLD.created_by THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'release analyses are immutable: % is not allowed; run a new analysis instead', TG_OP;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER release_analyses_no_change
  BEFORE UPDATE OR DELETE ON release_analyses
  FOR EACH ROW EXECUTE FUNCTION release_analyses_immutable();
