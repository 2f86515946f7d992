CREATE TABLE "tracking_publications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"country_code" char(2) NOT NULL,
	"version" integer NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_by" uuid,
	"notes" text NOT NULL,
	"snapshot" jsonb NOT NULL,
	CONSTRAINT "tracking_publications_slug_unique" UNIQUE("slug"),
	CONSTRAINT "tracking_publications_country_version_unique" UNIQUE("country_code","version")
);
--> statement-breakpoint
ALTER TABLE "tracking_publications" ADD CONSTRAINT "tracking_publications_country_code_countries_code_fk" FOREIGN KEY ("country_code") REFERENCES "public"."countries"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracking_publications" ADD CONSTRAINT "tracking_publications_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;