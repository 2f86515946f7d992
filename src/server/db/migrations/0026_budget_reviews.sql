CREATE TABLE "budget_reviews" (
	"country_code" char(2) NOT NULL,
	"fiscal_year" text NOT NULL,
	"state" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "budget_reviews_country_code_fiscal_year_pk" PRIMARY KEY("country_code","fiscal_year")
);
--> statement-breakpoint
ALTER TABLE "budget_reviews" ADD CONSTRAINT "budget_reviews_country_code_countries_code_fk" FOREIGN KEY ("country_code") REFERENCES "public"."countries"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_reviews" ADD CONSTRAINT "budget_reviews_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Hand-written
ALTER TABLE "budget_reviews" ADD CONSTRAINT "budget_reviews_state_check" CHECK ("state" IN ('draft', 'submitted', 'validated'));
