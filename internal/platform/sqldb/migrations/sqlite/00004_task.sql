-- +goose Up
CREATE TABLE tasks (
    id           INTEGER PRIMARY KEY,
    origin       TEXT NOT NULL CHECK (origin IN ('conclusion','directive','press_case','manual')),
    origin_id    INTEGER,
    meeting_id   INTEGER,
    title        TEXT NOT NULL,
    description  TEXT NOT NULL DEFAULT '',
    lead_unit_id INTEGER NOT NULL REFERENCES units(id),
    assigner_id  INTEGER,
    assigner     TEXT NOT NULL,
    due          DATE,
    key_task     BOOLEAN NOT NULL DEFAULT FALSE,
    progress     INTEGER NOT NULL DEFAULT 0,
    completion   TEXT NOT NULL DEFAULT 'none' CHECK (completion IN ('none','awaiting','confirmed','rejected')),
    done_on      DATE,
    evidence     TEXT NOT NULL DEFAULT '',
    search_key   TEXT NOT NULL DEFAULT '',
    version      INTEGER NOT NULL DEFAULT 1,
    created_at   TIMESTAMP NOT NULL,
    updated_at   TIMESTAMP NOT NULL
);
CREATE INDEX tasks_lead_due_idx ON tasks(lead_unit_id, due);
CREATE INDEX tasks_due_idx ON tasks(due);
CREATE INDEX tasks_meeting_idx ON tasks(meeting_id);
CREATE INDEX tasks_origin_idx ON tasks(origin, origin_id);

CREATE TABLE task_units (
    task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    unit_id INTEGER NOT NULL REFERENCES units(id),
    PRIMARY KEY (task_id, unit_id)
);
CREATE INDEX task_units_unit_idx ON task_units(unit_id);

CREATE TABLE task_events (
    id        INTEGER PRIMARY KEY,
    task_id   INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    kind      TEXT NOT NULL,
    percent   INTEGER,
    note      TEXT NOT NULL DEFAULT '',
    due_from  DATE,
    due_to    DATE,
    actor_id  INTEGER,
    actor     TEXT NOT NULL,
    at        TIMESTAMP NOT NULL
);
CREATE INDEX task_events_task_idx ON task_events(task_id, id);

CREATE TABLE task_extensions (
    id            INTEGER PRIMARY KEY,
    task_id       INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    requested_due DATE NOT NULL,
    reason        TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('pending','approved','refused')),
    requested_by  TEXT NOT NULL,
    decided_by    TEXT NOT NULL DEFAULT '',
    decision_note TEXT NOT NULL DEFAULT '',
    created_at    TIMESTAMP NOT NULL,
    decided_at    TIMESTAMP
);
CREATE INDEX task_extensions_task_idx ON task_extensions(task_id);

-- +goose Down
DROP TABLE task_extensions;
DROP TABLE task_events;
DROP TABLE task_units;
DROP TABLE tasks;
