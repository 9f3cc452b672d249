-- +goose Up
CREATE TABLE regimes (
    id                INTEGER PRIMARY KEY,
    code              TEXT NOT NULL,
    name              TEXT NOT NULL,
    kind              TEXT NOT NULL CHECK (kind IN ('periodic','thematic','adhoc')),
    frequency         TEXT NOT NULL,
    cutoff            TEXT NOT NULL,
    explicit_from     DATE,
    explicit_to       DATE,
    deadline_json     TEXT NOT NULL,
    receiver_unit_id  INTEGER NOT NULL REFERENCES units(id),
    reporter_kinds    TEXT NOT NULL DEFAULT '',
    reporter_bloc     BOOLEAN NOT NULL DEFAULT FALSE,
    approval_required BOOLEAN NOT NULL DEFAULT FALSE,
    lock_days         INTEGER NOT NULL DEFAULT 30,
    template_version  INTEGER NOT NULL DEFAULT 1,
    active            BOOLEAN NOT NULL DEFAULT TRUE,
    search_key        TEXT NOT NULL,
    sort_key          BLOB NOT NULL,
    version           INTEGER NOT NULL DEFAULT 1,
    created_at        TIMESTAMP NOT NULL,
    updated_at        TIMESTAMP NOT NULL,
    CONSTRAINT regimes_code_key UNIQUE (code)
);

CREATE TABLE regime_units (
    regime_id INTEGER NOT NULL REFERENCES regimes(id) ON DELETE CASCADE,
    unit_id   INTEGER NOT NULL REFERENCES units(id),
    PRIMARY KEY (regime_id, unit_id)
);
CREATE INDEX regime_units_unit_idx ON regime_units(unit_id);

CREATE TABLE templates (
    id         INTEGER PRIMARY KEY,
    regime_id  INTEGER NOT NULL REFERENCES regimes(id) ON DELETE CASCADE,
    version    INTEGER NOT NULL,
    body       TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    created_by TEXT NOT NULL,
    CONSTRAINT templates_regime_version_key UNIQUE (regime_id, version)
);

CREATE TABLE reports (
    id                 INTEGER PRIMARY KEY,
    regime_id          INTEGER NOT NULL REFERENCES regimes(id),
    period_key         TEXT NOT NULL,
    unit_id            INTEGER NOT NULL REFERENCES units(id),
    template_version   INTEGER NOT NULL,
    status             TEXT NOT NULL CHECK (status IN ('draft','awaiting_approval','submitted','returned','accepted')),
    sections_json      TEXT NOT NULL DEFAULT '{}',
    explanations_json  TEXT NOT NULL DEFAULT '{}',
    return_reason      TEXT NOT NULL DEFAULT '',
    reopened           BOOLEAN NOT NULL DEFAULT FALSE,
    counted_kind       TEXT NOT NULL DEFAULT '',
    first_submitted_at TIMESTAMP,
    first_submitted_on DATE,
    submitted_at       TIMESTAMP,
    accepted_at        TIMESTAMP,
    search_text        TEXT NOT NULL DEFAULT '',
    version            INTEGER NOT NULL DEFAULT 1,
    created_at         TIMESTAMP NOT NULL,
    updated_at         TIMESTAMP NOT NULL,
    CONSTRAINT reports_regime_period_unit_key UNIQUE (regime_id, period_key, unit_id)
);
CREATE INDEX reports_unit_idx ON reports(unit_id);
CREATE INDEX reports_regime_period_status_idx ON reports(regime_id, period_key, status);

CREATE TABLE report_values (
    report_id  INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    indicator  TEXT NOT NULL,
    opt        TEXT NOT NULL DEFAULT '',
    num        DOUBLE PRECISION,
    txt        TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (report_id, indicator, opt)
) WITHOUT ROWID;

-- Running totals of the counted (submitted or accepted) reports, kept in
-- the same transaction as every change that counts or uncounts a report,
-- so aggregates are current at every request without scanning values.
-- kind is the reporting unit's kind when the report was counted. Each cell
-- is striped over 16 shards (report id mod 16) so simultaneous submissions
-- update different rows instead of queueing on one; readers add them up.
CREATE TABLE report_totals (
    regime_id  INTEGER NOT NULL REFERENCES regimes(id) ON DELETE CASCADE,
    period_key TEXT NOT NULL,
    kind       TEXT NOT NULL,
    indicator  TEXT NOT NULL,
    opt        TEXT NOT NULL DEFAULT '',
    n          INTEGER NOT NULL,
    total      DOUBLE PRECISION NOT NULL,
    lo         DOUBLE PRECISION,
    hi         DOUBLE PRECISION,
    shard      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (regime_id, period_key, kind, indicator, opt, shard)
);

CREATE TABLE report_events (
    id         INTEGER PRIMARY KEY,
    report_id  INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    action     TEXT NOT NULL,
    from_status TEXT NOT NULL,
    to_status  TEXT NOT NULL,
    actor_id   INTEGER,
    actor      TEXT NOT NULL,
    reason     TEXT NOT NULL DEFAULT '',
    at         TIMESTAMP NOT NULL
);
CREATE INDEX report_events_report_idx ON report_events(report_id, id);

CREATE TABLE consolidated (
    id          INTEGER PRIMARY KEY,
    regime_id   INTEGER NOT NULL REFERENCES regimes(id),
    period_key  TEXT NOT NULL,
    doc_json    TEXT NOT NULL,
    number      INTEGER NOT NULL DEFAULT 0,
    issued_at   TIMESTAMP,
    version     INTEGER NOT NULL DEFAULT 1,
    updated_at  TIMESTAMP NOT NULL,
    updated_by  TEXT NOT NULL,
    CONSTRAINT consolidated_regime_period_key UNIQUE (regime_id, period_key)
);

CREATE TABLE doc_numbers (
    year      INTEGER NOT NULL,
    type_code TEXT NOT NULL,
    last      INTEGER NOT NULL,
    PRIMARY KEY (year, type_code)
);

CREATE TABLE attachments (
    id           INTEGER PRIMARY KEY,
    owner_kind   TEXT NOT NULL,
    owner_id     INTEGER NOT NULL,
    name         TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size         INTEGER NOT NULL,
    sha256       TEXT NOT NULL,
    data         BLOB NOT NULL,
    created_at   TIMESTAMP NOT NULL,
    created_by   TEXT NOT NULL
);
CREATE INDEX attachments_owner_idx ON attachments(owner_kind, owner_id);

-- +goose Down
DROP TABLE attachments;
DROP TABLE doc_numbers;
DROP TABLE consolidated;
DROP TABLE report_events;
DROP TABLE report_totals;
DROP TABLE report_values;
DROP TABLE reports;
DROP TABLE templates;
DROP TABLE regime_units;
DROP TABLE regimes;
