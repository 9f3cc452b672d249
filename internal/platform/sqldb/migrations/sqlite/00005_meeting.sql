-- +goose Up
-- Review conferences (hội nghị giao ban), their agenda, attendance, minutes
-- and conclusion notices (thông báo kết luận), whose items become tasks.
CREATE TABLE meetings (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('six_month','quarterly','thematic','adhoc')),
    title           TEXT NOT NULL,
    starts_at       TIMESTAMP NOT NULL,
    ends_at         TIMESTAMP NOT NULL,
    place           TEXT NOT NULL DEFAULT '',
    online_link     TEXT NOT NULL DEFAULT '',
    chair_user_id   INTEGER REFERENCES users(id),
    chair_name      TEXT NOT NULL DEFAULT '',
    secretary       TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','held','concluded')),
    minutes         TEXT NOT NULL DEFAULT '',
    minutes_version INTEGER NOT NULL DEFAULT 0,
    minutes_by      TEXT NOT NULL DEFAULT '',
    minutes_at      TIMESTAMP,
    search_key      TEXT NOT NULL DEFAULT '',
    version         INTEGER NOT NULL DEFAULT 1,
    created_by      TEXT NOT NULL,
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL
);
CREATE INDEX meetings_starts_idx ON meetings(starts_at);

CREATE TABLE meeting_units (
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    unit_id    INTEGER NOT NULL REFERENCES units(id),
    PRIMARY KEY (meeting_id, unit_id)
);
CREATE INDEX meeting_units_unit_idx ON meeting_units(unit_id);

CREATE TABLE meeting_people (
    id         INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    user_id    INTEGER REFERENCES users(id),
    name       TEXT NOT NULL DEFAULT '',
    note       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX meeting_people_meeting_idx ON meeting_people(meeting_id, position);
CREATE INDEX meeting_people_user_idx ON meeting_people(user_id);

CREATE TABLE agenda_items (
    id                 INTEGER PRIMARY KEY,
    meeting_id         INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    position           INTEGER NOT NULL,
    title              TEXT NOT NULL,
    presenting_unit_id INTEGER REFERENCES units(id),
    slot_from          TEXT NOT NULL DEFAULT '',
    slot_to            TEXT NOT NULL DEFAULT '',
    regime_id          INTEGER REFERENCES regimes(id),
    period_key         TEXT NOT NULL DEFAULT '',
    notes              TEXT NOT NULL DEFAULT ''
);
CREATE INDEX agenda_items_meeting_idx ON agenda_items(meeting_id, position);

CREATE TABLE attendance (
    meeting_id     INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    unit_id        INTEGER NOT NULL REFERENCES units(id),
    status         TEXT NOT NULL CHECK (status IN ('present','absent','represented')),
    reason         TEXT NOT NULL DEFAULT '',
    represented_by TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (meeting_id, unit_id)
);

CREATE TABLE conclusions (
    id               INTEGER PRIMARY KEY,
    meeting_id       INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    number           INTEGER,
    year             INTEGER,
    symbol           TEXT NOT NULL DEFAULT '',
    superior_body    TEXT NOT NULL DEFAULT '',
    issuing_body     TEXT NOT NULL DEFAULT '',
    place            TEXT NOT NULL DEFAULT '',
    issued_at        TIMESTAMP,
    issued_by        TEXT NOT NULL DEFAULT '',
    subject          TEXT NOT NULL DEFAULT '',
    body_intro       TEXT NOT NULL DEFAULT '',
    body_closing     TEXT NOT NULL DEFAULT '',
    signer_authority TEXT NOT NULL DEFAULT '',
    signer_position  TEXT NOT NULL DEFAULT '',
    signer_name      TEXT NOT NULL DEFAULT '',
    recipients       TEXT NOT NULL DEFAULT '',
    version          INTEGER NOT NULL DEFAULT 1,
    created_at       TIMESTAMP NOT NULL,
    updated_at       TIMESTAMP NOT NULL,
    CONSTRAINT conclusions_meeting_key UNIQUE (meeting_id),
    CONSTRAINT conclusions_number_key UNIQUE (year, number)
);

CREATE TABLE conclusion_items (
    id            INTEGER PRIMARY KEY,
    conclusion_id INTEGER NOT NULL REFERENCES conclusions(id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    text          TEXT NOT NULL,
    lead_unit_id  INTEGER NOT NULL REFERENCES units(id),
    due           DATE,
    key_task      BOOLEAN NOT NULL DEFAULT FALSE,
    task_id       INTEGER REFERENCES tasks(id)
);
CREATE INDEX conclusion_items_conclusion_idx ON conclusion_items(conclusion_id, position);

CREATE TABLE conclusion_item_units (
    item_id INTEGER NOT NULL REFERENCES conclusion_items(id) ON DELETE CASCADE,
    unit_id INTEGER NOT NULL REFERENCES units(id),
    PRIMARY KEY (item_id, unit_id)
);

-- A per-user secret for the iCalendar subscription (GET /calendar/{token}.ics);
-- only its SHA-256 is kept.
CREATE TABLE calendar_tokens (
    user_id    INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    CONSTRAINT calendar_tokens_hash_key UNIQUE (token_hash)
);

-- +goose Down
DROP TABLE calendar_tokens;
DROP TABLE conclusion_item_units;
DROP TABLE conclusion_items;
DROP TABLE conclusions;
DROP TABLE attendance;
DROP TABLE agenda_items;
DROP TABLE meeting_people;
DROP TABLE meeting_units;
DROP TABLE meetings;
