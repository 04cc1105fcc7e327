-- Every pending delivery says when its next try is due (a new one: at once), so the reconciler
-- can find the ones whose JMS message never came.
update delivery set next_attempt_at = coalesce(last_attempt_at, created_at) where status = 'PENDING' and next_attempt_at is null;
drop index if exists delivery_pending_idx;
create index delivery_due_idx on delivery (next_attempt_at) where status = 'PENDING';
