-- +goose Up
-- Per-user e-mail preferences per notification kind (a missing row means
-- the kind's default), and the reminders already sent: the unique key makes
-- a reminder scan idempotent, so two instances never remind twice.
CREATE TABLE notification_prefs (
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind    TEXT NOT NULL,
    email   BOOLEAN NOT NULL,
    PRIMARY KEY (user_id, kind)
);

CREATE TABLE reminders_sent (
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    subject    TEXT NOT NULL,
    day        TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (user_id, subject, day)
);

-- +goose Down
DROP TABLE reminders_sent;
DROP TABLE notification_prefs;
