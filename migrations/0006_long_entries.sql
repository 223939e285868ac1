-- Window queries find entries overlapping [from, to) by their start: an entry shorter than a
-- week that overlaps the window starts at most a week before it, so a range on
-- entries_by_start finds it. Entries longer than a week are few; this partial index finds them.
CREATE INDEX entries_longer_than_a_week ON entries (tenant_id, calendar_id, ends_at)
    WHERE ends_at - starts_at > 604800000;
