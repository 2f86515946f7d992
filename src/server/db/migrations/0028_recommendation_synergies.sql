-- Synergies: recommendations of several mechanisms that ask for the same thing, grouped by a
-- person (confirmed) or set aside (dismissed). A confirmed group lists its members in
-- recommendation_synergy_members, where a recommendation belongs to one confirmed group at most;
-- a dismissed suggestion is kept by its member key (the sorted ids) so it is not suggested again.
-- An assessment recorded for a whole group keeps the group's id beside each member's row.
CREATE TABLE "recommendation_synergies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"state_code" char(2) NOT NULL,
	"decision" text NOT NULL,
	"member_key" text NOT NULL,
	"decided_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "recommendation_synergies_decision_check" CHECK ("decision" in ('confirmed', 'dismissed'))
);
--> statement-breakpoint
CREATE TABLE "recommendation_synergy_members" (
	"recommendation_id" uuid PRIMARY KEY NOT NULL,
	"synergy_id" uuid NOT NULL
);
--> statement-breakpoint
ALTER TABLE "recommendation_synergies" ADD CONSTRAINT "recommendation_synergies_state_code_countries_code_fk" FOREIGN KEY ("state_code") REFERENCES "public"."countries"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendation_synergies" ADD CONSTRAINT "recommendation_synergies_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendation_synergy_members" ADD CONSTRAINT "recommendation_synergy_members_recommendation_id_recommendations_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."recommendations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendation_synergy_members" ADD CONSTRAINT "recommendation_synergy_members_synergy_id_recommendation_synergies_id_fk" FOREIGN KEY ("synergy_id") REFERENCES "public"."recommendation_synergies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "recommendation_synergies_dismissed_key" ON "recommendation_synergies" USING btree ("state_code","member_key") WHERE "decision" = 'dismissed';--> statement-breakpoint
CREATE INDEX "recommendation_synergies_state_idx" ON "recommendation_synergies" USING btree ("state_code","decision");--> statement-breakpoint
CREATE INDEX "recommendation_synergy_members_synergy_idx" ON "recommendation_synergy_members" USING btree ("synergy_id");--> statement-breakpoint
ALTER TABLE "implementation_assessments" ADD COLUMN "synergy_id" uuid;--> statement-breakpoint
ALTER TABLE "implementation_assessments" ADD CONSTRAINT "implementation_assessments_synergy_id_recommendation_synergies_id_fk" FOREIGN KEY ("synergy_id") REFERENCES "public"."recommendation_synergies"("id") ON DELETE set null ON UPDATE no action;
