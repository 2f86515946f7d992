CREATE TABLE "consultation_answers" (
	"submission_id" uuid NOT NULL,
	"question_code" text NOT NULL,
	"value" jsonb NOT NULL,
	CONSTRAINT "consultation_answers_submission_id_question_code_pk" PRIMARY KEY("submission_id","question_code")
);
--> statement-breakpoint
CREATE TABLE "consultation_links" (
	"consultation_id" uuid NOT NULL,
	"question_code" text NOT NULL,
	"kind" text NOT NULL,
	"ref" text NOT NULL,
	CONSTRAINT "consultation_links_consultation_id_question_code_kind_ref_pk" PRIMARY KEY("consultation_id","question_code","kind","ref")
);
--> statement-breakpoint
CREATE TABLE "consultation_moderation" (
	"submission_id" uuid NOT NULL,
	"question_code" text NOT NULL,
	"consultation_id" uuid NOT NULL,
	"findings" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	CONSTRAINT "consultation_moderation_submission_id_question_code_pk" PRIMARY KEY("submission_id","question_code")
);
--> statement-breakpoint
CREATE TABLE "consultation_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"consultation_id" uuid NOT NULL,
	"code" text NOT NULL,
	"label" text NOT NULL,
	"country_code" char(2),
	"shared_device" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consultation_sessions_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "consultation_submissions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"consultation_id" uuid NOT NULL,
	"session_id" uuid,
	"age_band" text NOT NULL,
	"gender" text,
	"region" text,
	"country_code" char(2),
	"language" text NOT NULL,
	"guardian_consent_confirmed" boolean DEFAULT false NOT NULL,
	"source" text DEFAULT 'web' NOT NULL,
	"submitted_on" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consultations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"definition" jsonb NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"results_public" boolean DEFAULT false NOT NULL,
	"opened_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "consultation_answers" ADD CONSTRAINT "consultation_answers_submission_id_consultation_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."consultation_submissions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_links" ADD CONSTRAINT "consultation_links_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_moderation" ADD CONSTRAINT "consultation_moderation_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_moderation" ADD CONSTRAINT "consultation_moderation_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_sessions" ADD CONSTRAINT "consultation_sessions_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_submissions" ADD CONSTRAINT "consultation_submissions_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_submissions" ADD CONSTRAINT "consultation_submissions_session_id_consultation_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."consultation_sessions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consultation_links_ref_idx" ON "consultation_links" USING btree ("kind","ref");--> statement-breakpoint
CREATE INDEX "consultation_moderation_consultation_idx" ON "consultation_moderation" USING btree ("consultation_id","status");--> statement-breakpoint
CREATE INDEX "consultation_sessions_consultation_idx" ON "consultation_sessions" USING btree ("consultation_id");--> statement-breakpoint
CREATE INDEX "consultation_submissions_consultation_idx" ON "consultation_submissions" USING btree ("consultation_id");--> statement-breakpoint
CREATE INDEX "consultations_organisation_idx" ON "consultations" USING btree ("organisation_id");