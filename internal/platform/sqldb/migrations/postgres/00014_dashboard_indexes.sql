-- +goose Up
-- The dashboards count in the database at every request; these indexes let
-- each count read an index range instead of the tables (measured in
-- docs/performance.md, "Dashboards").

-- Key tasks by status: a range per status, the dates in the index.
CREATE INDEX tasks_key_status_idx ON tasks(key_task, completion, due, done_on);
-- Overdue tasks by lead unit: the open range up to today, with the unit.
-- It covers every query the (completion, due) index served.
CREATE INDEX tasks_open_lead_idx ON tasks(completion, due, lead_unit_id);
DROP INDEX tasks_completion_due_idx;
-- A period's reports by state without reading the reports' texts.
CREATE INDEX reports_period_state_idx ON reports(regime_id, period_key, unit_id, status, first_submitted_on);
-- Reports waiting for the Board, by regime and period.
CREATE INDEX reports_status_idx ON reports(status, regime_id, period_key, unit_id);
-- The Bloc's units (regimes that every Bloc member reports in).
CREATE INDEX units_bloc_idx ON units(bloc);
-- Open press cases by field, late ones among them.
CREATE INDEX press_cases_status_field_idx ON press_cases(status, field, due);

-- +goose Down
DROP INDEX press_cases_status_field_idx;
DROP INDEX units_bloc_idx;
DROP INDEX reports_status_idx;
DROP INDEX reports_period_state_idx;
CREATE INDEX tasks_completion_due_idx ON tasks(completion, due);
DROP INDEX tasks_open_lead_idx;
DROP INDEX tasks_key_status_idx;
