CREATE TABLE "reporting_calendar_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"country_code" char(2) NOT NULL,
	"target_type" text NOT NULL,
	"target_key" text NOT NULL,
	"change" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"changed_by" uuid,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "alternative_reports" ADD COLUMN "outline" text DEFAULT 'crc' NOT NULL;--> statement-breakpoint
ALTER TABLE "ratifications" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "reporting_cycles" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "reporting_calendar_history" ADD CONSTRAINT "reporting_calendar_history_country_code_countries_code_fk" FOREIGN KEY ("country_code") REFERENCES "public"."countries"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reporting_calendar_history" ADD CONSTRAINT "reporting_calendar_history_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "reporting_calendar_history_country_idx" ON "reporting_calendar_history" USING btree ("country_code","changed_at");--> statement-breakpoint
-- Hand-written: the history of calendar edits can only grow.
CREATE FUNCTION reporting_calendar_history_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'reporting_calendar_history is append-only: % is not allowed', TG_OP;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER reporting_calendar_history_no_change
  BEFORE UPDATE OR DELETE ON reporting_calendar_history
  FOR EACH ROW EXECUTE FUNCTION reporting_calendar_history_append_only();
