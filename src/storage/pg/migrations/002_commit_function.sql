-- Version 2: a commit is one statement. winwin_commit checks, under the meta row's lock, that nobody
-- committed since the revision the caller's mutations ran on; if so it writes the rows, trims, events
-- and meta row, notifies the other replicas and returns true; else it writes nothing and returns
-- false (the caller catches up and runs its pure mutations again). The lock is held for the time
-- the server takes to write, never across a round trip to a replica.

CREATE FUNCTION winwin_commit(
  p_expected bigint,
  p_rows json,
  p_trims jsonb,
  p_events json,
  p_scalars json,
  p_ranges jsonb,
  p_last_event bigint
) RETURNS boolean
LANGUAGE plpgsql AS $$
DECLARE
  v_current bigint;
  v_next bigint := p_expected + 1;
BEGIN
  SELECT revision INTO v_current FROM winwin_meta WHERE id = 1 FOR UPDATE;
  IF v_current IS DISTINCT FROM p_expected THEN
    RETURN false;
  END IF;
  INSERT INTO winwin_rows (collection, pos, doc, revision)
    SELECT r->>0, (r->>1)::bigint, r->2, v_next FROM json_array_elements(p_rows) AS r
    ON CONFLICT (collection, pos) DO UPDATE SET doc = EXCLUDED.doc, revision = EXCLUDED.revision;
  DELETE FROM winwin_rows w USING jsonb_array_elements(p_trims) AS t
    WHERE w.collection = t->>0 AND (w.pos < (t->>1)::bigint OR w.pos >= (t->>2)::bigint);
  INSERT INTO winwin_events (id, program, sector, target, doc, revision)
    SELECT (e->>'id')::bigint, e->>'program', e->>'sector', e->>'target', e, v_next
    FROM json_array_elements(p_events) AS e;
  UPDATE winwin_meta
    SET revision = v_next, scalars = p_scalars, ranges = p_ranges, last_event = p_last_event, updated_at = now()
    WHERE id = 1;
  PERFORM pg_notify('winwin_commit', v_next::text);
  RETURN true;
END
$$;
