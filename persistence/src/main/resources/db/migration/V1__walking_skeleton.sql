-- Applications: one tenant's group of endpoints and messages.
create table app (
    id          varchar(40)  primary key,
    uid         varchar(256) unique,
    name        varchar(256) not null,
    created_at  timestamptz  not null
);

-- Subscriber endpoints. The signing secret is stored encrypted (AES-GCM); key_id names the
-- master key that sealed it so the master key can be rotated later.
create table endpoint (
    id                varchar(40)   primary key,
    app_id            varchar(40)   not null references app (id),
    url               varchar(2048) not null,
    description       varchar(1024),
    event_types       text,
    secret_ciphertext text          not null,
    secret_key_id     varchar(64)   not null,
    enabled           boolean       not null default true,
    created_at        timestamptz   not null
);
create index endpoint_app_idx on endpoint (app_id);

-- Accepted events. The payload is the exact JSON text that is sent and signed.
create table message (
    id          varchar(40)  primary key,
    app_id      varchar(40)  not null references app (id),
    event_type  varchar(256) not null,
    event_id    varchar(256),
    payload     text         not null,
    created_at  timestamptz  not null
);
create index message_app_created_idx on message (app_id, created_at);

-- One row per (message, endpoint): the state of that delivery. The JMS message only names it.
create table delivery (
    id               varchar(40) primary key,
    message_id       varchar(40) not null references message (id),
    endpoint_id      varchar(40) not null references endpoint (id),
    status           varchar(16) not null,
    attempt_count    integer     not null default 0,
    last_attempt_at  timestamptz,
    delivered_at     timestamptz,
    created_at       timestamptz not null,
    unique (message_id, endpoint_id)
);
create index delivery_pending_idx on delivery (created_at) where status = 'PENDING';

-- Every try at a delivery, successful or not.
create table delivery_attempt (
    id               bigint generated always as identity primary key,
    delivery_id      varchar(40) not null references delivery (id),
    message_id       varchar(40) not null,
    endpoint_id      varchar(40) not null,
    attempt          integer     not null,
    status           varchar(16) not null,
    response_status  integer,
    response_body    varchar(4096),
    error            varchar(1024),
    duration_ms      bigint      not null,
    created_at       timestamptz not null
);
create index delivery_attempt_message_idx on delivery_attempt (message_id, id);
create index delivery_attempt_delivery_idx on delivery_attempt (delivery_id, id);
