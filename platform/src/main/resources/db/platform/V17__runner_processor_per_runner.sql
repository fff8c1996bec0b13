-- Each runner now tracks the events with its own processor ("session-runner@<name>"), which starts
-- at the head of the stream; the single runner's old token has no owner any more.
DELETE FROM token_entry WHERE processor_name = 'session-runner';
