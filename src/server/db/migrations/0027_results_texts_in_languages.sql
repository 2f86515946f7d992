-- Results: an outcome's description, a finding's narrative, an evaluation recommendation's text and
-- its management response become texts in languages (language → text), like the plan's other texts.
-- The generated type changes below are given a USING clause (text cannot be cast to jsonb by itself):
-- an existing text goes under the plan's first language (English when the plan's title has English,
-- else the first language of the title); an empty text becomes {}. The two helper functions are
-- dropped at the end.
CREATE FUNCTION "results_plan_first_language"(plan uuid) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT coalesce(
    (SELECT CASE WHEN coalesce(p.title ->> 'en', '') <> '' THEN 'en'
                 ELSE (SELECT min(k) FROM jsonb_object_keys(p.title) AS k) END
       FROM result_plans p WHERE p.id = plan),
    'en')
$$;--> statement-breakpoint
CREATE FUNCTION "results_evaluation_plan"(evaluation uuid) RETURNS uuid LANGUAGE sql STABLE AS $$
  SELECT plan_id FROM evaluations WHERE id = evaluation
$$;--> statement-breakpoint
CREATE FUNCTION "results_text_in_language"(lang text, body text) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN body IS NULL OR btrim(body) = '' THEN '{}'::jsonb ELSE jsonb_build_object(lang, body) END
$$;--> statement-breakpoint
ALTER TABLE "advocacy_outcomes" ALTER COLUMN "description" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "advocacy_outcomes" ALTER COLUMN "description" SET DATA TYPE jsonb USING "results_text_in_language"("results_plan_first_language"("plan_id"), "description");--> statement-breakpoint
ALTER TABLE "advocacy_outcomes" ALTER COLUMN "description" SET DEFAULT '{}'::jsonb;--> statement-breakpoint
ALTER TABLE "evaluation_findings" ALTER COLUMN "narrative" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "evaluation_findings" ALTER COLUMN "narrative" SET DATA TYPE jsonb USING "results_text_in_language"("results_plan_first_language"("results_evaluation_plan"("evaluation_id")), "narrative");--> statement-breakpoint
ALTER TABLE "evaluation_findings" ALTER COLUMN "narrative" SET DEFAULT '{}'::jsonb;--> statement-breakpoint
ALTER TABLE "evaluation_recommendations" ALTER COLUMN "text" SET DATA TYPE jsonb USING "results_text_in_language"("results_plan_first_language"("results_evaluation_plan"("evaluation_id")), "text");--> statement-breakpoint
ALTER TABLE "evaluation_recommendations" ALTER COLUMN "management_response" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "evaluation_recommendations" ALTER COLUMN "management_response" SET DATA TYPE jsonb USING "results_text_in_language"("results_plan_first_language"("results_evaluation_plan"("evaluation_id")), "management_response");--> statement-breakpoint
ALTER TABLE "evaluation_recommendations" ALTER COLUMN "management_response" SET DEFAULT '{}'::jsonb;--> statement-breakpoint
ALTER TABLE "result_indicators" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "result_nodes" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
DROP FUNCTION "results_text_in_language"(text, text);--> statement-breakpoint
DROP FUNCTION "results_plan_first_language"(uuid);--> statement-breakpoint
DROP FUNCTION "results_evaluation_plan"(uuid);
