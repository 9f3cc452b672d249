-- +goose Up
-- The Board's task-wide views (overdue, awaiting confirmation) filter on
-- completion and order by due date.
CREATE INDEX tasks_completion_due_idx ON tasks(completion, due);

-- +goose Down
DROP INDEX tasks_completion_due_idx;
