-- The changed occurrences of one series (read once per series by every calendar view, and by
-- the pull matching a server instance to a local override). Without this index SQLite chose
-- instances_by_calendar on tenant_id alone and walked every instance of the tenant per series:
-- a month view over 500 series went through 500 x (all the tenant's instances) rows.
CREATE INDEX instances_by_master ON recurrence_instances (tenant_id, master_id, instance_date);
