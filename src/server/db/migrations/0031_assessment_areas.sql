ALTER TABLE "assessments" DROP CONSTRAINT "assessments_country_unique";--> statement-breakpoint
ALTER TABLE "assessments" ADD COLUMN "area_code" text;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_country_unique" UNIQUE NULLS NOT DISTINCT("cycle_id","country_code","area_code");
