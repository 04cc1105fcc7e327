-- Svix's triggerType (0 scheduled, 1 manual). A resend, a recovery or a dead letter sent back from
-- the broker console marks the delivery's next try as manual; that try records it on its attempt
-- row and clears the mark, in the transaction that records its outcome (which writes both rows
-- anyway). Both columns are added with a constant default: no table rewrite.
alter table delivery add column next_try_manual boolean not null default false;
alter table delivery_attempt add column manual boolean not null default false;

-- What a recovery walks: an endpoint's dead and failing deliveries in id order. Each batch reads
-- "endpoint_id = ? and id > cursor and (that predicate) order by id limit n" from this index
-- alone, so a batch costs its own rows, not every matching row of the endpoint (without it, each
-- of the 2,000 batches of a million dead deliveries read all million). Plain CREATE INDEX, as in
-- V24: Flyway's transaction leaves no room for CONCURRENTLY.
create index delivery_to_recover_idx on delivery (endpoint_id, id)
    where status = 'DEAD' or (status = 'PENDING' and attempt_count > 0);

-- How many of an endpoint's deliveries are due now, counted up to a limit: a recovery waits
-- while that many are (it paces itself on how fast the endpoint's tries go). The index it
-- replaces served "endpoint_id = ? and status = 'PENDING'" alone, which this one still serves;
-- next_attempt_at is indexed already (delivery_due_idx), so a delivery's update costs no more.
drop index delivery_endpoint_pending_idx;
create index delivery_endpoint_pending_idx on delivery (endpoint_id, next_attempt_at)
    where status = 'PENDING';

-- POST .../endpoint/{ep}/recover as a durable background task (Svix's endpoint.recover, a qtask_
-- id): it walks the endpoint's dead and failing deliveries created in [since, until) in id order,
-- a batch per transaction, and each batch moves after_id in the transaction that re-queues it.
-- Every node's recovery runner takes the running task due the longest (next_run_at) with FOR
-- UPDATE SKIP LOCKED and runs one batch of it, so a task whose node stopped is simply taken up by
-- another, and a task in a batch is left alone. next_run_at is put off while the endpoint has
-- many deliveries due (pacing) and after a failed batch (backing off). After failed batches in a
-- row the task goes row by row (row_by_row rows) and skips a row that fails alone (skipped);
-- too many failures in a row end it failed. request_key: the idempotency-key of the request that
-- made it (a hash), so that a retry finds it even if that request's answer was never stored.
create table recovery_task (
    id           varchar(40)   primary key,
    app_id       varchar(40)   not null references app (id),
    endpoint_id  varchar(40)   not null references endpoint (id),
    since        timestamptz   not null,
    until        timestamptz   not null,
    after_id     varchar(40)   not null default '',
    recovered    integer       not null default 0,
    skipped      integer       not null default 0,
    failures     integer       not null default 0,
    row_by_row   integer       not null default 0,
    status       varchar(16)   not null,
    reason       varchar(1024),
    request_key  varchar(64),
    next_run_at  timestamptz   not null,
    created_at   timestamptz   not null,
    updated_at   timestamptz   not null
);
-- One running recovery per endpoint: a second request gets the running one.
create unique index recovery_task_running_idx on recovery_task (endpoint_id) where status = 'RUNNING';
-- The runners' pick: running tasks by when their next batch is due.
create index recovery_task_due_idx on recovery_task (next_run_at) where status = 'RUNNING';
create index recovery_task_request_idx on recovery_task (request_key) where request_key is not null;
-- Retention removes tasks over for hookline.retention.days.
create index recovery_task_ended_idx on recovery_task (updated_at) where status <> 'RUNNING';
