-- Winwin's store on PostgreSQL, version 1.
--
-- The state is the domain's State: its arrays (programs, pledges, subscriptions, …) are kept one row
-- per element in winwin_rows, keyed by (collection, pos), each row holding the element as the zod
-- codec encodes it (money as digit strings, decoded to Decimal on read) and the revision that last
-- wrote it. Element i of a collection lives at pos = start + i, where start comes from the meta row's
-- `ranges`: dropping elements from the front moves start, so it rewrites nothing.
-- Everything else of State (nextPledge, nextEvent, …) is the meta row's `scalars`.
-- Documents are `json`, not `jsonb`: json keeps the text as written, so the order of an event's
-- before/after fields (the order history shows them in) survives the round trip.
-- The meta row's revision increases by one with every commit; a replica catches up by reading the
-- rows whose revision is newer than its own.

CREATE TABLE winwin_meta (
  id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  revision bigint NOT NULL,
  scalars json NOT NULL,
  ranges jsonb NOT NULL,
  last_event bigint NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE winwin_rows (
  collection text NOT NULL,
  pos bigint NOT NULL,
  doc json NOT NULL,
  revision bigint NOT NULL,
  -- An element's money, when it has an amount (pledges): numeric, for queries and checks in SQL.
  amount numeric GENERATED ALWAYS AS ((doc ->> 'amount')::numeric) STORED,
  PRIMARY KEY (collection, pos)
);
CREATE INDEX winwin_rows_revision ON winwin_rows (revision);

-- The audit trail: every event, in commit order (ids increase with commits).
CREATE TABLE winwin_events (
  id bigint PRIMARY KEY,
  program text,
  sector text,
  target text NOT NULL,
  doc json NOT NULL,
  revision bigint NOT NULL
);
CREATE INDEX winwin_events_program ON winwin_events (program, id);
CREATE INDEX winwin_events_sector ON winwin_events (sector, id);
CREATE INDEX winwin_events_target ON winwin_events (target, id);

-- Revision 0: no state yet; the adapter writes the empty state as revision 1 when it first opens.
INSERT INTO winwin_meta (revision, scalars, ranges, last_event) VALUES (0, '{}', '{}', 0);
