CREATE TABLE "advocacy_outcome_recommendations" (
	"outcome_id" uuid NOT NULL,
	"recommendation_id" uuid NOT NULL,
	CONSTRAINT "advocacy_outcome_recommendations_outcome_id_recommendation_id_pk" PRIMARY KEY("outcome_id","recommendation_id")
);
--> statement-breakpoint
CREATE TABLE "advocacy_outcomes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"node_id" uuid,
	"title" jsonb NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"kind" text NOT NULL,
	"achieved_on" date NOT NULL,
	"evidence" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evaluation_findings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"evaluation_id" uuid NOT NULL,
	"criterion" text NOT NULL,
	"rating" integer,
	"narrative" text DEFAULT '' NOT NULL,
	"evidence" jsonb DEFAULT '[]'::jsonb NOT NULL,
	CONSTRAINT "evaluation_findings_criterion_unique" UNIQUE("evaluation_id","criterion")
);
--> statement-breakpoint
CREATE TABLE "evaluation_recommendation_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"recommendation_id" uuid NOT NULL,
	"status" text NOT NULL,
	"response_decision" text,
	"note" text,
	"changed_by" uuid,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evaluation_recommendations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"evaluation_id" uuid NOT NULL,
	"text" text NOT NULL,
	"response_decision" text,
	"management_response" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'not_started' NOT NULL,
	"due_on" date,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evaluations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"node_id" uuid,
	"title" jsonb NOT NULL,
	"type" text NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"evaluators" text NOT NULL,
	"scale" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "advocacy_outcome_recommendations" ADD CONSTRAINT "advocacy_outcome_recommendations_outcome_id_advocacy_outcomes_id_fk" FOREIGN KEY ("outcome_id") REFERENCES "public"."advocacy_outcomes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advocacy_outcome_recommendations" ADD CONSTRAINT "advocacy_outcome_recommendations_recommendation_id_recommendations_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."recommendations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advocacy_outcomes" ADD CONSTRAINT "advocacy_outcomes_plan_id_result_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."result_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advocacy_outcomes" ADD CONSTRAINT "advocacy_outcomes_node_id_result_nodes_id_fk" FOREIGN KEY ("node_id") REFERENCES "public"."result_nodes"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advocacy_outcomes" ADD CONSTRAINT "advocacy_outcomes_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_findings" ADD CONSTRAINT "evaluation_findings_evaluation_id_evaluations_id_fk" FOREIGN KEY ("evaluation_id") REFERENCES "public"."evaluations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_recommendation_history" ADD CONSTRAINT "evaluation_recommendation_history_recommendation_id_evaluation_recommendations_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."evaluation_recommendations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_recommendation_history" ADD CONSTRAINT "evaluation_recommendation_history_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_recommendations" ADD CONSTRAINT "evaluation_recommendations_evaluation_id_evaluations_id_fk" FOREIGN KEY ("evaluation_id") REFERENCES "public"."evaluations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_plan_id_result_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."result_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_node_id_result_nodes_id_fk" FOREIGN KEY ("node_id") REFERENCES "public"."result_nodes"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "advocacy_outcomes_plan_idx" ON "advocacy_outcomes" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "evaluation_recommendation_history_idx" ON "evaluation_recommendation_history" USING btree ("recommendation_id","id");--> statement-breakpoint
CREATE INDEX "evaluation_recommendations_evaluation_idx" ON "evaluation_recommendations" USING btree ("evaluation_id");--> statement-breakpoint
CREATE INDEX "evaluations_plan_idx" ON "evaluations" USING btree ("plan_id");