-- +goose Up
-- Staff training register (đào tạo, bồi dưỡng cán bộ làm công tác khoa giáo):
-- the staff of each unit with the history of their moves between units,
-- the courses they attend, attendance and results. Certificates are files
-- in the attachments table (owner_kind 'training_participant').
CREATE TABLE training_staff (
    id             INTEGER PRIMARY KEY,
    unit_id        INTEGER NOT NULL REFERENCES units(id),
    full_name      TEXT NOT NULL,
    position       TEXT NOT NULL DEFAULT '',
    birth_date     DATE,
    political_level TEXT NOT NULL DEFAULT '' CHECK (political_level IN ('','so_cap','trung_cap','cao_cap','cu_nhan')),
    qualification  TEXT NOT NULL DEFAULT '',
    phone          TEXT NOT NULL DEFAULT '',
    email          TEXT NOT NULL DEFAULT '',
    active         BOOLEAN NOT NULL DEFAULT TRUE,
    search_key     TEXT NOT NULL DEFAULT '',
    sort_key       BLOB NOT NULL,
    version        INTEGER NOT NULL DEFAULT 1,
    created_by     TEXT NOT NULL,
    created_at     TIMESTAMP NOT NULL,
    updated_at     TIMESTAMP NOT NULL
);
CREATE INDEX training_staff_unit_idx ON training_staff(unit_id, sort_key);
CREATE INDEX training_staff_sort_idx ON training_staff(sort_key, id);

CREATE TABLE training_staff_moves (
    id           INTEGER PRIMARY KEY,
    staff_id     INTEGER NOT NULL REFERENCES training_staff(id) ON DELETE CASCADE,
    from_unit_id INTEGER NOT NULL REFERENCES units(id),
    to_unit_id   INTEGER NOT NULL REFERENCES units(id),
    moved_on     DATE NOT NULL,
    note         TEXT NOT NULL DEFAULT '',
    actor_id     INTEGER,
    actor        TEXT NOT NULL,
    at           TIMESTAMP NOT NULL
);
CREATE INDEX training_staff_moves_staff_idx ON training_staff_moves(staff_id, moved_on, id);

CREATE TABLE training_courses (
    id         INTEGER PRIMARY KEY,
    title      TEXT NOT NULL,
    organiser  TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('training','fostering','refresher','conference')),
    starts_on  DATE NOT NULL,
    ends_on    DATE NOT NULL,
    place      TEXT NOT NULL DEFAULT '',
    search_key TEXT NOT NULL DEFAULT '',
    version    INTEGER NOT NULL DEFAULT 1,
    created_by TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    CHECK (ends_on >= starts_on)
);
CREATE INDEX training_courses_ends_idx ON training_courses(ends_on);

CREATE TABLE training_participants (
    id             INTEGER PRIMARY KEY,
    course_id      INTEGER NOT NULL REFERENCES training_courses(id) ON DELETE CASCADE,
    staff_id       INTEGER NOT NULL REFERENCES training_staff(id),
    attendance     TEXT NOT NULL DEFAULT 'registered' CHECK (attendance IN ('registered','attended','absent')),
    result         TEXT NOT NULL DEFAULT '',
    certificate_no TEXT NOT NULL DEFAULT '',
    CONSTRAINT training_participants_key UNIQUE (course_id, staff_id)
);
CREATE INDEX training_participants_staff_idx ON training_participants(staff_id);

-- +goose Down
DROP TABLE training_participants;
DROP TABLE training_courses;
DROP TABLE training_staff_moves;
DROP TABLE training_staff;
