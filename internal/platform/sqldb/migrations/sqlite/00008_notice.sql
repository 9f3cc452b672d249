-- +goose Up
-- Two-way information: directives (văn bản chỉ đạo) sent down to units with
-- read receipts and acknowledgements, messages sent up by units with the
-- Board's replies, and in-app notifications.
CREATE TABLE directives (
    id            INTEGER PRIMARY KEY,
    type_code     TEXT NOT NULL,
    number        INTEGER NOT NULL DEFAULT 0,
    symbol        TEXT NOT NULL DEFAULT '',
    title         TEXT NOT NULL,
    body          TEXT NOT NULL DEFAULT '',
    requires_ack  BOOLEAN NOT NULL DEFAULT FALSE,
    issued_at     TIMESTAMP,
    issued_by     TEXT NOT NULL DEFAULT '',
    search_key    TEXT NOT NULL DEFAULT '',
    version       INTEGER NOT NULL DEFAULT 1,
    created_by    TEXT NOT NULL,
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL
);
CREATE INDEX directives_issued_idx ON directives(issued_at);

CREATE TABLE directive_units (
    directive_id INTEGER NOT NULL REFERENCES directives(id) ON DELETE CASCADE,
    unit_id      INTEGER NOT NULL REFERENCES units(id),
    PRIMARY KEY (directive_id, unit_id)
);
CREATE INDEX directive_units_unit_idx ON directive_units(unit_id);

CREATE TABLE directive_receipts (
    directive_id    INTEGER NOT NULL REFERENCES directives(id) ON DELETE CASCADE,
    unit_id         INTEGER NOT NULL REFERENCES units(id),
    first_read_at   TIMESTAMP NOT NULL,
    first_reader    TEXT NOT NULL,
    acknowledged_at TIMESTAMP,
    acknowledged_by TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (directive_id, unit_id)
);

CREATE TABLE messages (
    id           INTEGER PRIMARY KEY,
    unit_id      INTEGER NOT NULL REFERENCES units(id),
    subject      TEXT NOT NULL DEFAULT '',
    body         TEXT NOT NULL,
    parent_id    INTEGER REFERENCES messages(id) ON DELETE CASCADE,
    directive_id INTEGER REFERENCES directives(id),
    task_id      INTEGER REFERENCES tasks(id),
    from_board   BOOLEAN NOT NULL DEFAULT FALSE,
    author       TEXT NOT NULL,
    author_id    INTEGER,
    created_at   TIMESTAMP NOT NULL,
    search_key   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX messages_unit_idx ON messages(unit_id, created_at);
CREATE INDEX messages_parent_idx ON messages(parent_id, created_at);

CREATE TABLE notifications (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    title      TEXT NOT NULL,
    link       TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    read_at    TIMESTAMP
);
CREATE INDEX notifications_user_read_idx ON notifications(user_id, read_at);

-- +goose Down
DROP TABLE notifications;
DROP TABLE messages;
DROP TABLE directive_receipts;
DROP TABLE directive_units;
DROP TABLE directives;
