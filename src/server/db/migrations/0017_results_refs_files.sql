CREATE TABLE "result_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"evaluation_id" uuid,
	"criterion" text,
	"outcome_id" uuid,
	"file_path" text NOT NULL,
	"file_name" text NOT NULL,
	"media_type" text NOT NULL,
	"file_size" integer NOT NULL,
	"sha256" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "result_indicators" ADD COLUMN "external_ref" text;--> statement-breakpoint
ALTER TABLE "result_nodes" ADD COLUMN "external_ref" text;--> statement-breakpoint
ALTER TABLE "result_files" ADD CONSTRAINT "result_files_plan_id_result_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."result_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "result_files" ADD CONSTRAINT "result_files_evaluation_id_evaluations_id_fk" FOREIGN KEY ("evaluation_id") REFERENCES "public"."evaluations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "result_files" ADD CONSTRAINT "result_files_outcome_id_advocacy_outcomes_id_fk" FOREIGN KEY ("outcome_id") REFERENCES "public"."advocacy_outcomes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "result_files" ADD CONSTRAINT "result_files_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "result_files_evaluation_idx" ON "result_files" USING btree ("evaluation_id");--> statement-breakpoint
CREATE INDEX "result_files_outcome_idx" ON "result_files" USING btree ("outcome_id");--> statement-breakpoint
-- Hand-written: deleting a draft plan, a node or an indicator removes its values' history
-- too (the deletion itself is in the audit log). Only a transaction that says so with
-- SET LOCAL childmark.purge_results = 'on' (src/server/results/delete-parts.ts) may delete;
-- an UPDATE is still refused, and so is any other DELETE.
CREATE OR REPLACE FUNCTION result_value_history_append_only() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('childmark.purge_results', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'result_value_history is append-only: % is not allowed', TG_OP;
END;
$$ LANGUAGE plpgsql;
