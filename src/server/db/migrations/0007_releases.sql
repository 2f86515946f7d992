CREATE TABLE "releases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"cycle_id" uuid NOT NULL,
	"framework_code" text NOT NULL,
	"period" text NOT NULL,
	"version" integer NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_by" uuid,
	"published_via" text NOT NULL,
	"notes" text NOT NULL,
	"supersedes_id" uuid,
	"assessment_ids" uuid[] NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"snapshot" jsonb NOT NULL,
	CONSTRAINT "releases_slug_unique" UNIQUE("slug"),
	CONSTRAINT "releases_cycle_version_unique" UNIQUE("cycle_id","version")
);
--> statement-breakpoint
ALTER TABLE "releases" ADD CONSTRAINT "releases_cycle_id_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."cycles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "releases" ADD CONSTRAINT "releases_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "releases" ADD CONSTRAINT "releases_supersedes_id_releases_id_fk" FOREIGN KEY ("supersedes_id") REFERENCES "public"."releases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "releases_framework_idx" ON "releases" USING btree ("framework_code","period","version");