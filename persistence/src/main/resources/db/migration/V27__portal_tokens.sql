-- Subscriber portal links (POST /api/v1/auth/app-portal-access/{app_id}): each token is scoped to
-- one app, carries its capabilities and expires; only its SHA-256 is kept (256 random bits, so a
-- fast hash is enough). expire-all moves expires_at forward to now (or a little later) for the
-- app's tokens, or for those of some sessions.
create table portal_token (
    id           varchar(40)   primary key,
    app_id       varchar(40)   not null references app (id) on delete cascade,
    token_hash   char(64)      not null unique,
    capabilities varchar(256)  not null,
    session_id   varchar(256),
    expires_at   timestamptz   not null,
    created_at   timestamptz   not null
);
create index portal_token_app_idx on portal_token (app_id, session_id);
