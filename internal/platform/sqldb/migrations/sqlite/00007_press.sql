-- +goose Up
-- Press reports (thông tin báo chí phản ánh): an article reflecting a
-- problem is registered, routed to the responsible unit with a deadline in
-- working days, answered, reviewed by the Board and given back to the outlet.
CREATE TABLE press_cases (
    id             INTEGER PRIMARY KEY,
    outlet         TEXT NOT NULL,
    url            TEXT NOT NULL,
    canonical_url  TEXT NOT NULL,
    title          TEXT NOT NULL,
    published_at   DATE,
    summary        TEXT NOT NULL DEFAULT '',
    field          TEXT NOT NULL CHECK (field IN ('environment','health','education','science','labour','other')),
    locality_code  TEXT NOT NULL DEFAULT '',
    public_interest BOOLEAN NOT NULL DEFAULT 0,
    status         TEXT NOT NULL DEFAULT 'received' CHECK (status IN ('received','assigned','answered','reviewed','closed')),
    round          INTEGER NOT NULL DEFAULT 1,
    lead_unit_id   INTEGER REFERENCES units(id),
    due            DATE,
    answer         TEXT NOT NULL DEFAULT '',
    answered_at    TIMESTAMP,
    review_note    TEXT NOT NULL DEFAULT '',
    feedback       TEXT NOT NULL DEFAULT '',
    task_id        INTEGER REFERENCES tasks(id) ON DELETE SET NULL,
    search_key     TEXT NOT NULL DEFAULT '',
    version        INTEGER NOT NULL DEFAULT 1,
    created_by     TEXT NOT NULL,
    created_at     TIMESTAMP NOT NULL,
    updated_at     TIMESTAMP NOT NULL,
    CONSTRAINT press_cases_canonical_url_key UNIQUE (canonical_url)
);
CREATE INDEX press_cases_status_idx ON press_cases(status, due);
CREATE INDEX press_cases_lead_idx ON press_cases(lead_unit_id);

CREATE TABLE press_case_events (
    id         INTEGER PRIMARY KEY,
    case_id    INTEGER NOT NULL REFERENCES press_cases(id) ON DELETE CASCADE,
    round      INTEGER NOT NULL DEFAULT 1,
    kind       TEXT NOT NULL,
    note       TEXT NOT NULL DEFAULT '',
    unit_id    INTEGER,
    due        DATE,
    actor_id   INTEGER,
    actor      TEXT NOT NULL,
    at         TIMESTAMP NOT NULL
);
CREATE INDEX press_case_events_case_idx ON press_case_events(case_id, id);

CREATE TABLE press_routes (
    id            INTEGER PRIMARY KEY,
    field         TEXT NOT NULL DEFAULT '',
    locality_code TEXT NOT NULL DEFAULT '',
    unit_id       INTEGER NOT NULL REFERENCES units(id),
    CONSTRAINT press_routes_rule_key UNIQUE (field, locality_code)
);

CREATE TABLE press_field_days (
    field TEXT PRIMARY KEY,
    days  INTEGER NOT NULL CHECK (days > 0)
);
INSERT INTO press_field_days (field, days) VALUES
    ('environment', 5), ('health', 5), ('education', 5), ('science', 5), ('labour', 5), ('other', 5);

-- +goose Down
DROP TABLE press_field_days;
DROP TABLE press_routes;
DROP TABLE press_case_events;
DROP TABLE press_cases;
