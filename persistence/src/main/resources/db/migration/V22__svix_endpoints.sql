-- Svix's endpoint fields: a uid (unique among an app's endpoints that are not deleted, so a deleted
-- endpoint's uid can be used again), metadata (an object of strings, as JSON text), channels
-- (space-separated, null for none) and when the endpoint last changed.
alter table endpoint add column uid varchar(256);
alter table endpoint add column metadata text not null default '{}';
alter table endpoint add column channels text;
alter table endpoint add column updated_at timestamptz;
update endpoint set updated_at = created_at;
alter table endpoint alter column updated_at set not null;
create unique index endpoint_app_uid_idx on endpoint (app_id, uid)
    where uid is not null and deleted_at is null;

-- An endpoint's statistics count its deliveries by status.
create index delivery_endpoint_status_idx on delivery (endpoint_id, status);
