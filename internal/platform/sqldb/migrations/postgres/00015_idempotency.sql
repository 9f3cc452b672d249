-- +goose Up
-- Idempotency keys of write requests: recorded in the same transaction as
-- the request's writes, with the answer kept for replays (purged after a day).
CREATE TABLE idempotency_keys (
    scope        TEXT NOT NULL,
    key          TEXT NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    status       INTEGER NOT NULL DEFAULT 0,
    content_type TEXT NOT NULL DEFAULT '',
    body         BYTEA,
    PRIMARY KEY (scope, key)
);
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys(created_at);

-- +goose Down
DROP TABLE idempotency_keys;
