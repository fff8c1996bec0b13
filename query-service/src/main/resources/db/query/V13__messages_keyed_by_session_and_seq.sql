-- A message is found by its session and number: the API has no lookup by message id (a post answers
-- from its command's receipt), so the index on id only cost every insert a second unique index, a
-- random UUID's page at that. Ids stay unique by construction (random, or derived from the
-- original's for a remix's copies); (session_id, seq) becomes the key, the one a redelivered
-- message collides on.
ALTER TABLE messages
    DROP CONSTRAINT messages_pkey,
    DROP CONSTRAINT messages_session_id_seq_key,
    ADD CONSTRAINT messages_pkey PRIMARY KEY (session_id, seq);
