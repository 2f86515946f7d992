CREATE TABLE "implementation_assessments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"recommendation_id" uuid NOT NULL,
	"status" text NOT NULL,
	"assessed_by_kind" text NOT NULL,
	"assessor_id" uuid,
	"assessor_name" text,
	"assessed_on" date NOT NULL,
	"evidence_text" text,
	"evidence_url" text,
	"responsible_institutions" text[] DEFAULT '{}'::text[] NOT NULL,
	"due_on" date,
	"follow_up_actions" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "import_mappings" (
	"name" text PRIMARY KEY NOT NULL,
	"columns" jsonb NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "recommendation_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"file_name" text NOT NULL,
	"preset" text NOT NULL,
	"mapping_name" text,
	"rows_read" integer NOT NULL,
	"added" integer NOT NULL,
	"duplicates" integer NOT NULL,
	"imported_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "recommendations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mechanism" text NOT NULL,
	"session" text,
	"cycle" text,
	"document_symbol" text,
	"paragraph" text,
	"issued_on" date,
	"state_code" char(2),
	"state_name" text NOT NULL,
	"recommending_states" text[] DEFAULT '{}'::text[] NOT NULL,
	"text" jsonb NOT NULL,
	"position" text,
	"position_source" text,
	"action_category" integer,
	"themes" text[] DEFAULT '{}'::text[] NOT NULL,
	"affected_groups" text[] DEFAULT '{}'::text[] NOT NULL,
	"uncrc_articles" text[] DEFAULT '{}'::text[] NOT NULL,
	"sdg_targets" text[] DEFAULT '{}'::text[] NOT NULL,
	"indicator_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"import_key" text NOT NULL,
	"import_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "recommendations_import_key_unique" UNIQUE("import_key")
);
--> statement-breakpoint
ALTER TABLE "implementation_assessments" ADD CONSTRAINT "implementation_assessments_recommendation_id_recommendations_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."recommendations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "implementation_assessments" ADD CONSTRAINT "implementation_assessments_assessor_id_users_id_fk" FOREIGN KEY ("assessor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_mappings" ADD CONSTRAINT "import_mappings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendation_imports" ADD CONSTRAINT "recommendation_imports_imported_by_users_id_fk" FOREIGN KEY ("imported_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_state_code_countries_code_fk" FOREIGN KEY ("state_code") REFERENCES "public"."countries"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_import_id_recommendation_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."recommendation_imports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "implementation_assessments_rec_idx" ON "implementation_assessments" USING btree ("recommendation_id","assessed_on");--> statement-breakpoint
CREATE INDEX "recommendations_search_idx" ON "recommendations" USING gin (to_tsvector('english'::regconfig, coalesce(text->>'en', '') || ' ' || coalesce(text->>'fr', '') || ' ' || coalesce(text->>'es', '')));--> statement-breakpoint
CREATE INDEX "recommendations_themes_idx" ON "recommendations" USING gin ("themes");--> statement-breakpoint
CREATE INDEX "recommendations_groups_idx" ON "recommendations" USING gin ("affected_groups");--> statement-breakpoint
CREATE INDEX "recommendations_articles_idx" ON "recommendations" USING gin ("uncrc_articles");--> statement-breakpoint
CREATE INDEX "recommendations_sdgs_idx" ON "recommendations" USING gin ("sdg_targets");--> statement-breakpoint
CREATE INDEX "recommendations_recommending_idx" ON "recommendations" USING gin ("recommending_states");--> statement-breakpoint
CREATE INDEX "recommendations_state_idx" ON "recommendations" USING btree ("state_code","session");--> statement-breakpoint
CREATE INDEX "recommendations_filters_idx" ON "recommendations" USING btree ("mechanism","session","position");