-- Per-endpoint rate limit (deliveries per second, null = unlimited) as a token bucket in the
-- database, so it holds across every node. Capacity equals the rate: at most one second's burst.
alter table endpoint add column rate_limit integer;
create table endpoint_rate (
    endpoint_id  varchar(40)      primary key references endpoint (id),
    tokens       double precision not null,
    refilled_at  timestamptz      not null
);
