-- +goose Up
-- Press monitoring: the outlets' feeds polled for new articles, the watch
-- rules matched against them, and the triage queue of matching articles.
CREATE TABLE feeds (
    id            INTEGER PRIMARY KEY,
    url           TEXT NOT NULL,
    outlet        TEXT NOT NULL,
    charset       TEXT NOT NULL DEFAULT '',
    etag          TEXT NOT NULL DEFAULT '',
    last_modified TEXT NOT NULL DEFAULT '',
    next_poll_at  TIMESTAMP NOT NULL,
    last_polled_at TIMESTAMP,
    failures      INTEGER NOT NULL DEFAULT 0,
    last_error    TEXT NOT NULL DEFAULT '',
    alert         BOOLEAN NOT NULL DEFAULT 0,
    active        BOOLEAN NOT NULL DEFAULT 1,
    created_at    TIMESTAMP NOT NULL,
    CONSTRAINT feeds_url_key UNIQUE (url)
);
CREATE INDEX feeds_due_idx ON feeds(active, next_poll_at);

CREATE TABLE feed_items (
    id            INTEGER PRIMARY KEY,
    feed_id       INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
    url           TEXT NOT NULL,
    canonical_url TEXT NOT NULL,
    title         TEXT NOT NULL DEFAULT '',
    summary       TEXT NOT NULL DEFAULT '',
    published_at  TIMESTAMP,
    fetched_at    TIMESTAMP NOT NULL,
    matched_rules TEXT NOT NULL DEFAULT '',
    triage_status TEXT NOT NULL DEFAULT 'new' CHECK (triage_status IN ('new','case','dismissed')),
    case_id       INTEGER REFERENCES press_cases(id) ON DELETE SET NULL,
    CONSTRAINT feed_items_canonical_url_key UNIQUE (canonical_url)
);
CREATE INDEX feed_items_triage_idx ON feed_items(triage_status, fetched_at);

CREATE TABLE watch_rules (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL,
    phrases         TEXT NOT NULL,
    fields          TEXT NOT NULL DEFAULT '',
    use_place_names BOOLEAN NOT NULL DEFAULT 0,
    active          BOOLEAN NOT NULL DEFAULT 1,
    created_at      TIMESTAMP NOT NULL
);

-- +goose Down
DROP TABLE watch_rules;
DROP TABLE feed_items;
DROP TABLE feeds;
