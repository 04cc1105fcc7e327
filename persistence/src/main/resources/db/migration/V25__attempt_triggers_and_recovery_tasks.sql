-- Svix's triggerType (0 scheduled, 1 manual). A resend, a recovery or a dead letter sent back from
-- the broker console marks the delivery's next try as manual; that try records it on its attempt
-- row and clears the mark, in the transaction that records its outcome (which writes both rows
-- anyway). Both columns are added with a constant default: no table rewrite.
alter table delivery add column next_try_manual boolean not null default false;
alter table delivery_attempt add column manual boolean not null default false;

-- POST .../endpoint/{ep}/recover as a durable background task (Svix's endpoint.recover, a qtask_
-- id): it walks the endpoint's dead and failing deliveries created in [since, until) in id order,
-- a batch per transaction, and each batch moves after_id in the transaction that re-queues it. A
-- node that stops mid-way leaves the task RUNNING with an old updated_at; another node's
-- reconciler takes it up from after_id.
create table recovery_task (
    id           varchar(40)   primary key,
    app_id       varchar(40)   not null references app (id),
    endpoint_id  varchar(40)   not null references endpoint (id),
    since        timestamptz   not null,
    until        timestamptz   not null,
    after_id     varchar(40)   not null default '',
    recovered    integer       not null default 0,
    failures     integer       not null default 0,
    status       varchar(16)   not null,
    reason       varchar(1024),
    created_at   timestamptz   not null,
    updated_at   timestamptz   not null
);
create index recovery_task_running_idx on recovery_task (updated_at) where status = 'RUNNING';
