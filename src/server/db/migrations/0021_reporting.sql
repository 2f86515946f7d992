CREATE TABLE "alternative_report_section_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"section_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"body_before" text,
	"body_after" text NOT NULL,
	"changed_by" uuid,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alternative_report_sections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"report_id" uuid NOT NULL,
	"key" text NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"citations" jsonb NOT NULL,
	"questions" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alternative_report_sections_key_unique" UNIQUE("report_id","key")
);
--> statement-breakpoint
CREATE TABLE "alternative_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"country_code" char(2) NOT NULL,
	"cycle_id" uuid,
	"title" text NOT NULL,
	"word_limit" integer,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "calendar_feeds" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"country_code" char(2),
	"region_code" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ratifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"country_code" char(2) NOT NULL,
	"instrument" text NOT NULL,
	"status" text NOT NULL,
	"signed_on" date,
	"ratified_on" date,
	"reservations" text,
	"source" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ratifications_country_instrument_unique" UNIQUE("country_code","instrument")
);
--> statement-breakpoint
CREATE TABLE "reporting_cycles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"country_code" char(2) NOT NULL,
	"mechanism" text NOT NULL,
	"review" text NOT NULL,
	"word_limit" integer,
	"source" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reporting_steps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cycle_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"due_on" date NOT NULL,
	"ends_on" date,
	"note" text,
	CONSTRAINT "reporting_steps_kind_unique" UNIQUE("cycle_id","kind")
);
--> statement-breakpoint
ALTER TABLE "alternative_report_section_history" ADD CONSTRAINT "alternative_report_section_history_section_id_alternative_report_sections_id_fk" FOREIGN KEY ("section_id") REFERENCES "public"."alternative_report_sections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alternative_report_section_history" ADD CONSTRAINT "alternative_report_section_history_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alternative_report_sections" ADD CONSTRAINT "alternative_report_sections_report_id_alternative_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."alternative_reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alternative_report_sections" ADD CONSTRAINT "alternative_report_sections_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alternative_reports" ADD CONSTRAINT "alternative_reports_country_code_countries_code_fk" FOREIGN KEY ("country_code") REFERENCES "public"."countries"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alternative_reports" ADD CONSTRAINT "alternative_reports_cycle_id_reporting_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."reporting_cycles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alternative_reports" ADD CONSTRAINT "alternative_reports_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_country_code_countries_code_fk" FOREIGN KEY ("country_code") REFERENCES "public"."countries"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ratifications" ADD CONSTRAINT "ratifications_country_code_countries_code_fk" FOREIGN KEY ("country_code") REFERENCES "public"."countries"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reporting_cycles" ADD CONSTRAINT "reporting_cycles_country_code_countries_code_fk" FOREIGN KEY ("country_code") REFERENCES "public"."countries"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reporting_steps" ADD CONSTRAINT "reporting_steps_cycle_id_reporting_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."reporting_cycles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "alternative_report_section_history_idx" ON "alternative_report_section_history" USING btree ("section_id","version");--> statement-breakpoint
CREATE INDEX "alternative_reports_country_idx" ON "alternative_reports" USING btree ("country_code");--> statement-breakpoint
CREATE INDEX "calendar_feeds_user_idx" ON "calendar_feeds" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "reporting_cycles_country_idx" ON "reporting_cycles" USING btree ("country_code");--> statement-breakpoint
CREATE INDEX "reporting_steps_due_idx" ON "reporting_steps" USING btree ("due_on");--> statement-breakpoint
-- Hand-written: the history of alternative report sections can only grow.
CREATE FUNCTION alternative_report_section_history_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'alternative_report_section_history is append-only: % is not allowed', TG_OP;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER alternative_report_section_history_no_change
  BEFORE UPDATE OR DELETE ON alternative_report_section_history
  FOR EACH ROW EXECUTE FUNCTION alternative_report_section_history_append_only();
