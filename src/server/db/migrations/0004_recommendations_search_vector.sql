DROP INDEX "recommendations_search_idx";--> statement-breakpoint
ALTER TABLE "recommendations" ADD COLUMN "search_vector" "tsvector";--> statement-breakpoint
CREATE INDEX "recommendations_order_idx" ON "recommendations" USING btree ("state_name","session","paragraph","id");--> statement-breakpoint
CREATE INDEX "recommendations_search_idx" ON "recommendations" USING gin ("search_vector");