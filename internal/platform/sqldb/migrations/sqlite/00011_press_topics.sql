-- +goose Up
-- Propaganda orientation (định hướng tuyên truyền): the topics the press is
-- oriented to for a period, each with the phrases that recognise its
-- articles and, optionally, the reporting regime's indicator and category
-- option where the agencies report their output on it. A feed belongs to
-- the press agency (unit) that publishes it, so articles count per agency.
ALTER TABLE feeds ADD COLUMN unit_id INTEGER REFERENCES units(id) ON DELETE SET NULL;

CREATE TABLE press_topics (
    id           INTEGER PRIMARY KEY,
    code         TEXT NOT NULL,
    title        TEXT NOT NULL,
    phrases      TEXT NOT NULL,
    period_from  DATE,
    period_to    DATE,
    period_label TEXT NOT NULL DEFAULT '',
    regime_id    INTEGER REFERENCES regimes(id) ON DELETE SET NULL,
    indicator    TEXT NOT NULL DEFAULT '',
    option_code  TEXT NOT NULL DEFAULT '',
    active       BOOLEAN NOT NULL DEFAULT 1,
    version      INTEGER NOT NULL DEFAULT 1,
    created_at   TIMESTAMP NOT NULL,
    updated_at   TIMESTAMP NOT NULL,
    CHECK (period_from IS NULL OR period_to IS NULL OR period_from <= period_to)
);
-- One code per period: the same topic may come back another year.
CREATE UNIQUE INDEX press_topics_code_period_key ON press_topics(code, COALESCE(period_from, '0001-01-01'), COALESCE(period_to, '9999-12-31'), period_label);
-- The counts read a period's items by publication (else fetch) time.
CREATE INDEX feed_items_time_idx ON feed_items(COALESCE(published_at, fetched_at));

-- +goose Down
DROP INDEX feed_items_time_idx;
DROP TABLE press_topics;
ALTER TABLE feeds DROP COLUMN unit_id;
