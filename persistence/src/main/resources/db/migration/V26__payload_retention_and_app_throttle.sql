-- Svix's payloadRetentionPeriod: a message's payload is kept until payload_expires_at (its
-- creation plus the period, 90 days unless the message asks for 5 to 90), then the retention job
-- sets it to null and the message's other fields stay. Messages stored before this migration have
-- no expiry: their payloads go only with their rows.
alter table message add column payload_expires_at timestamptz;
alter table message alter column payload drop not null;
-- The retention job's scan: only messages that still have a payload.
create index message_payload_expiry_idx on message (payload_expires_at) where payload is not null;

-- An application's throttleRate (deliveries per second across all of its endpoints) as a token
-- bucket shared by every node, as endpoint_rate is an endpoint's. It goes with its app.
create table app_rate (
    app_id       varchar(40)      primary key references app (id) on delete cascade,
    tokens       double precision not null,
    refilled_at  timestamptz      not null
);
