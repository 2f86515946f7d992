CREATE TABLE "consultation_moderation_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"consultation_id" uuid NOT NULL,
	"submission_id" uuid NOT NULL,
	"question_code" text NOT NULL,
	"status" text NOT NULL,
	"parts" integer DEFAULT 0 NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "consultation_moderation" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "consultation_moderation_history" ADD CONSTRAINT "consultation_moderation_history_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_moderation_history" ADD CONSTRAINT "consultation_moderation_history_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consultation_moderation_history_item_idx" ON "consultation_moderation_history" USING btree ("consultation_id","submission_id","question_code");--> statement-breakpoint
-- Hand-written: decisions taken before this migration start the history (their parts were not counted).
INSERT INTO "consultation_moderation_history" ("consultation_id", "submission_id", "question_code", "status", "decided_by", "decided_at")
  SELECT "consultation_id", "submission_id", "question_code", "status", "decided_by", coalesce("decided_at", now())
  FROM "consultation_moderation" WHERE "status" <> 'pending';
--> statement-breakpoint
-- A decision once recorded never changes (rows leave only with their consultation).
CREATE FUNCTION consultation_moderation_history_unchanged() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'consultation_moderation_history is append-only: % is not allowed', TG_OP;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER consultation_moderation_history_no_update
  BEFORE UPDATE ON consultation_moderation_history
  FOR EACH ROW EXECUTE FUNCTION consultation_moderation_history_unchanged();
