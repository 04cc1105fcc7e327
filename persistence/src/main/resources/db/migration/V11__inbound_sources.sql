-- Inbound sources: providers (GitHub, Stripe, ...) that post to /ingest/{source}. The secret is
-- sealed like an endpoint's (AES-GCM with the master key named by secret_key_id).
create table source (
    id                 varchar(40)  primary key,
    name               varchar(256) not null,
    type               varchar(32)  not null,
    secret_ciphertext  text,
    secret_key_id      varchar(64),
    config             text         not null default '{}',
    mode               varchar(16)  not null,
    forward_app_id     varchar(40)  references app (id),
    forward_prefix     varchar(64),
    transform          text,
    created_at         timestamptz  not null,
    updated_at         timestamptz  not null
);

-- One row per event a provider delivered, kept byte for byte. The provider's own delivery id is
-- unique per source: a repeat is recognised by it, and told apart from a conflict by the hash.
create table inbound_event (
    id               varchar(40)  primary key,
    source_id        varchar(40)  not null references source (id) on delete cascade,
    provider_id      varchar(300) not null,
    body_sha256      char(64)     not null,
    event_type       varchar(256) not null,
    content_type     varchar(256),
    raw_body         bytea        not null,
    headers          text         not null,
    payload          text,
    transform_error  varchar(1024),
    message_id       varchar(40),
    received_at      timestamptz  not null,
    constraint inbound_event_provider_id unique (source_id, provider_id)
);
create index inbound_event_source_idx on inbound_event (source_id, id);

-- Every ingest request leaves one row, whatever became of it. No foreign key: the trail of a
-- deleted source stays.
create table ingest_audit (
    id              bigint generated always as identity primary key,
    source_id       varchar(40)  not null,
    action          varchar(32)  not null,
    provider_id     varchar(300),
    event_id        varchar(40),
    remote_address  varchar(64),
    reason          varchar(1024),
    -- For a conflict: the body that clashed with the stored event, for an operator to compare.
    raw_body        bytea,
    created_at      timestamptz  not null
);
create index ingest_audit_source_idx on ingest_audit (source_id, id);
create index ingest_audit_action_idx on ingest_audit (action, id);
