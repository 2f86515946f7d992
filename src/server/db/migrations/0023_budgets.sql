CREATE TABLE "budget_context" (
	"country_code" char(2) NOT NULL,
	"year" integer NOT NULL,
	"series" text NOT NULL,
	"value" double precision NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "budget_context_country_code_year_series_pk" PRIMARY KEY("country_code","year","series")
);
--> statement-breakpoint
CREATE TABLE "budget_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"country_code" char(2) NOT NULL,
	"entity" text NOT NULL,
	"entity_key" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"changed_by" uuid,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"source" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "budget_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"country_code" char(2) NOT NULL,
	"fiscal_year" text NOT NULL,
	"start_year" integer NOT NULL,
	"line_key" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"ministry" text NOT NULL,
	"programme" text,
	"sector" text NOT NULL,
	"cofog" text,
	"currency" char(3) NOT NULL,
	"proposed" double precision,
	"allocated" double precision,
	"revised" double precision,
	"executed" double precision,
	"source_document" text,
	"source_page" text,
	"source_url" text,
	"warnings" text[] DEFAULT '{}'::text[] NOT NULL,
	"articles" text[] DEFAULT '{}'::text[] NOT NULL,
	"node_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"indicator_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"recommendation_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "budget_lines_key_unique" UNIQUE("country_code","line_key")
);
--> statement-breakpoint
CREATE TABLE "budget_publications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"country_code" char(2) NOT NULL,
	"version" integer NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_by" uuid,
	"notes" text NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"snapshot" jsonb NOT NULL,
	CONSTRAINT "budget_publications_slug_unique" UNIQUE("slug"),
	CONSTRAINT "budget_publications_country_version_unique" UNIQUE("country_code","version")
);
--> statement-breakpoint
CREATE TABLE "budget_sectors" (
	"key" text PRIMARY KEY NOT NULL,
	"name" jsonb NOT NULL,
	"cofog" text,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "budget_context" ADD CONSTRAINT "budget_context_country_code_countries_code_fk" FOREIGN KEY ("country_code") REFERENCES "public"."countries"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_context" ADD CONSTRAINT "budget_context_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_history" ADD CONSTRAINT "budget_history_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_lines" ADD CONSTRAINT "budget_lines_country_code_countries_code_fk" FOREIGN KEY ("country_code") REFERENCES "public"."countries"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_lines" ADD CONSTRAINT "budget_lines_sector_budget_sectors_key_fk" FOREIGN KEY ("sector") REFERENCES "public"."budget_sectors"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_lines" ADD CONSTRAINT "budget_lines_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_publications" ADD CONSTRAINT "budget_publications_country_code_countries_code_fk" FOREIGN KEY ("country_code") REFERENCES "public"."countries"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_publications" ADD CONSTRAINT "budget_publications_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "budget_history_entity_idx" ON "budget_history" USING btree ("entity","entity_key","id");--> statement-breakpoint
CREATE INDEX "budget_lines_country_year_idx" ON "budget_lines" USING btree ("country_code","start_year");--> statement-breakpoint
-- Hand-written: the default sector classification (src/core/budgets/model.ts DEFAULT_SECTORS).
INSERT INTO "budget_sectors" ("key", "name", "cofog", "position") VALUES
  ('child-protection', '{"en":"Child protection","fr":"Protection de l’enfance","ar":"حماية الطفل"}', '10.4', 1),
  ('education', '{"en":"Education","fr":"Éducation","ar":"التعليم"}', '09', 2),
  ('health', '{"en":"Health","fr":"Santé","ar":"الصحة"}', '07', 3),
  ('social-protection', '{"en":"Social protection","fr":"Protection sociale","ar":"الحماية الاجتماعية"}', '10', 4),
  ('justice', '{"en":"Justice","fr":"Justice","ar":"العدالة"}', '03.3', 5),
  ('other', '{"en":"Other","fr":"Autre","ar":"أخرى"}', NULL, 6)
ON CONFLICT DO NOTHING;
--> statement-breakpoint
-- Hand-written: budget history is append-only; published budget data are immutable.
-- (TRUNCATE, used only by a backup restore, fires no row trigger.)
CREATE FUNCTION budget_history_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'budget_history is append-only: % is not allowed', TG_OP;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER budget_history_no_change
  BEFORE UPDATE OR DELETE ON budget_history
  FOR EACH ROW EXECUTE FUNCTION budget_history_append_only();
--> statement-breakpoint
CREATE FUNCTION budget_publications_immutable() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'published budget data are immutable: % is not allowed; publish a new version instead', TG_OP;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER budget_publications_no_change
  BEFORE UPDATE OR DELETE ON budget_publications
  FOR EACH ROW EXECUTE FUNCTION budget_publications_immutable();
