-- The search document of a recommendation: every language of its text, English stemming.
-- Written by this trigger only, on insert and whenever the text changes (a restored backup too).
CREATE FUNCTION recommendations_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_vector := to_tsvector('english'::regconfig,
    coalesce(NEW.text->>'en', '') || ' ' || coalesce(NEW.text->>'fr', '') || ' ' || coalesce(NEW.text->>'es', ''));
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER recommendations_search_vector BEFORE INSERT OR UPDATE OF text, search_vector ON recommendations
  FOR EACH ROW EXECUTE FUNCTION recommendations_search_vector();
--> statement-breakpoint
UPDATE recommendations SET search_vector = NULL;
