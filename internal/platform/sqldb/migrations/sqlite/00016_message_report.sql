-- +goose Up
-- Information sent up may be linked to a report, besides a directive or a task.
ALTER TABLE messages ADD COLUMN report_id INTEGER REFERENCES reports(id) ON DELETE SET NULL;

-- +goose Down
ALTER TABLE messages DROP COLUMN report_id;
