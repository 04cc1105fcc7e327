-- Per-app API tokens: a token is shown once when made; only its SHA-256 is kept (tokens are 256
-- random bits, so a fast hash is enough), with a prefix to tell tokens apart in listings.
create table api_token (
    id          varchar(40)  primary key,
    app_id      varchar(40)  not null references app (id) on delete cascade,
    token_hash  char(64)     not null unique,
    prefix      varchar(16)  not null,
    created_at  timestamptz  not null
);
create index api_token_app_idx on api_token (app_id);
