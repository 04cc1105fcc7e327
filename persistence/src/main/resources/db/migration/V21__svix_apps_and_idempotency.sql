-- Svix's application fields: metadata (an object of strings, as JSON text), a throttle rate
-- (messages per second to the app's endpoints, null for none) and when the app last changed.
alter table app add column metadata text not null default '{}';
alter table app add column throttle_rate integer;
alter table app add column updated_at timestamptz;
update app set updated_at = created_at;
alter table app alter column updated_at set not null;

-- The first answer to a POST made with an idempotency-key, per caller (admin, or an app's id),
-- key and route, kept 24 hours: a retry with the same body gets it again; another body is a 409.
create table idempotent_answer (
    scope         varchar(64)  not null,
    idem_key      varchar(255) not null,
    route         varchar(600) not null,
    request_hash  varchar(64)  not null,
    status        integer      not null,
    body          text         not null,
    location      varchar(2048),
    created_at    timestamptz  not null,
    expires_at    timestamptz  not null,
    primary key (scope, idem_key, route)
);
create index idempotent_answer_expires_idx on idempotent_answer (expires_at);
