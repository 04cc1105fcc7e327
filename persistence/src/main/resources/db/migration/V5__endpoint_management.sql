-- Custom headers sent with every delivery (a JSON object), and soft deletion: a deleted
-- endpoint keeps its history but gets nothing more.
alter table endpoint add column headers text;
alter table endpoint add column deleted_at timestamptz;
create index delivery_attempt_endpoint_idx on delivery_attempt (endpoint_id, id);
