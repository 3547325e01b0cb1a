-- Columns that hold a JSON document written by the server lose their length limit. JSON may write one input character
-- as a six-character escape (\u0001), so a value within its own limit could overflow VARCHAR(4000) and fail the write
-- with a 500 (review item 3): notification_events.payload carries the session's externalId, sessions.tags a signed
-- token's applyTags. The request boundary now refuses control characters, but a token's tags never pass it.
-- Portable SQL: VARCHAR without a length is unbounded text on PostgreSQL and H2's largest VARCHAR (1,048,576
-- characters) on H2, far above any request body; SET DATA TYPE keeps NOT NULL on both.
ALTER TABLE notification_events ALTER COLUMN payload SET DATA TYPE VARCHAR;
ALTER TABLE sessions ALTER COLUMN tags SET DATA TYPE VARCHAR;
