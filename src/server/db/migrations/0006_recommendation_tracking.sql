CREATE TABLE "recommendation_indicator_rejections" (
	"recommendation_id" uuid NOT NULL,
	"indicator_code" text NOT NULL,
	"rejected_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "recommendation_indicator_rejections_recommendation_id_indicator_code_pk" PRIMARY KEY("recommendation_id","indicator_code")
);
--> statement-breakpoint
CREATE TABLE "recommendation_saved_searches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"query" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "recommendation_saved_searches_user_name" UNIQUE("user_id","name")
);
--> statement-breakpoint
ALTER TABLE "implementation_assessments" ADD COLUMN "evidence_urls" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "recommendation_indicator_rejections" ADD CONSTRAINT "recommendation_indicator_rejections_recommendation_id_recommendations_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."recommendations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendation_indicator_rejections" ADD CONSTRAINT "recommendation_indicator_rejections_rejected_by_users_id_fk" FOREIGN KEY ("rejected_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendation_saved_searches" ADD CONSTRAINT "recommendation_saved_searches_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;