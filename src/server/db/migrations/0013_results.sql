CREATE TABLE "result_indicators" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"node_id" uuid NOT NULL,
	"code" text NOT NULL,
	"title" jsonb NOT NULL,
	"type" text NOT NULL,
	"unit" text,
	"scale_min" double precision,
	"scale_max" double precision,
	"direction" text DEFAULT 'increase' NOT NULL,
	"cumulation" text DEFAULT 'latest' NOT NULL,
	"baseline_value" double precision,
	"baseline_date" date,
	"weight" double precision DEFAULT 1 NOT NULL,
	"disaggregations" text[] DEFAULT '{}'::text[] NOT NULL,
	"link" jsonb,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "result_indicators_plan_code_unique" UNIQUE("plan_id","code")
);
--> statement-breakpoint
CREATE TABLE "result_nodes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"parent_id" uuid,
	"level" text NOT NULL,
	"code" text NOT NULL,
	"title" jsonb NOT NULL,
	"description" jsonb,
	"responsible" text,
	"starts_on" date,
	"ends_on" date,
	"roll_up" text DEFAULT 'average' NOT NULL,
	"weight" double precision DEFAULT 1 NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "result_nodes_plan_code_unique" UNIQUE("plan_id","code")
);
--> statement-breakpoint
CREATE TABLE "result_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"title" jsonb NOT NULL,
	"levels" jsonb NOT NULL,
	"periods" jsonb NOT NULL,
	"disaggregations" jsonb NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"approved_by" uuid,
	"approved_at" timestamp with time zone,
	"is_public" boolean DEFAULT false NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "result_value_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"value_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"value_before" jsonb,
	"value_after" jsonb,
	"changed_by" uuid,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"source" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "result_values" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"indicator_id" uuid NOT NULL,
	"period" text NOT NULL,
	"kind" text NOT NULL,
	"value" double precision,
	"narrative" text,
	"breakdown" jsonb,
	"comment" text,
	"evidence" text,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "result_values_unique" UNIQUE("indicator_id","period","kind")
);
--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "region_code" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "publishes_plans" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "result_indicators" ADD CONSTRAINT "result_indicators_plan_id_result_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."result_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "result_indicators" ADD CONSTRAINT "result_indicators_node_id_result_nodes_id_fk" FOREIGN KEY ("node_id") REFERENCES "public"."result_nodes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "result_nodes" ADD CONSTRAINT "result_nodes_plan_id_result_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."result_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "result_nodes" ADD CONSTRAINT "result_nodes_parent_id_result_nodes_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."result_nodes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "result_plans" ADD CONSTRAINT "result_plans_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "result_plans" ADD CONSTRAINT "result_plans_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "result_plans" ADD CONSTRAINT "result_plans_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "result_value_history" ADD CONSTRAINT "result_value_history_value_id_result_values_id_fk" FOREIGN KEY ("value_id") REFERENCES "public"."result_values"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "result_value_history" ADD CONSTRAINT "result_value_history_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "result_values" ADD CONSTRAINT "result_values_indicator_id_result_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."result_indicators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "result_values" ADD CONSTRAINT "result_values_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "result_indicators_node_idx" ON "result_indicators" USING btree ("node_id");--> statement-breakpoint
CREATE INDEX "result_nodes_parent_idx" ON "result_nodes" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "result_plans_organisation_idx" ON "result_plans" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "result_value_history_value_idx" ON "result_value_history" USING btree ("value_id","version");--> statement-breakpoint
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE FUNCTION result_value_history_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'result_value_history is append-only: % is not allowed', TG_OP;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER result_value_history_no_change
  BEFORE UPDATE OR DELETE ON result_value_history
  FOR EACH ROW EXECUTE FUNCTION result_value_history_append_only();
