-- Nothing entered is ever lost: the history of answers can only grow.
CREATE FUNCTION answer_history_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'answer_history is append-only: % is not allowed', TG_OP;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER answer_history_no_change
  BEFORE UPDATE OR DELETE ON answer_history
  FOR EACH ROW EXECUTE FUNCTION answer_history_append_only();
