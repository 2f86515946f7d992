-- Stored scores say how many imputed indicator values (filled in by a node's missing-data rule,
-- not answered) each node or classification score counts. Existing rows get 0 until their cycle
-- is scored again.
ALTER TABLE "score_values" ADD COLUMN "imputed" integer DEFAULT 0 NOT NULL;
