CREATE TABLE "area_shapes" (
	"country_code" char(2) PRIMARY KEY NOT NULL,
	"shapes" jsonb NOT NULL,
	"file_name" text NOT NULL,
	"format" text NOT NULL,
	"code_property" text NOT NULL,
	"uploaded_by" uuid,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "area_shapes" ADD CONSTRAINT "area_shapes_country_code_countries_code_fk" FOREIGN KEY ("country_code") REFERENCES "public"."countries"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "area_shapes" ADD CONSTRAINT "area_shapes_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
