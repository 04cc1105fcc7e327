-- Subscriber portal links (POST /api/v1/auth/app-portal-access/{app_id}): each token is scoped to
-- one app, carries its capabilities and expires; only its SHA-256 is kept (256 random bits, so a
-- fast hash is enough). expire-all moves expires_at forward to now (or a little later) for the
-- app's live tokens, or for those of some sessions; the retention job deletes a token a day after
-- it expired. Times are the database's clock (now()), never a node's.
create table portal_token (
    id           varchar(40)   primary key,
    app_id       varchar(40)   not null references app (id) on delete cascade,
    token_hash   char(64)      not null unique,
    capabilities varchar(256)  not null,
    session_id   varchar(256),
    expires_at   timestamptz   not null,
    created_at   timestamptz   not null
);
-- expire-all reaches only the app's live tokens (expires_at > now), not every one it ever had.
create index portal_token_app_expires_idx on portal_token (app_id, expires_at);
create index portal_token_app_session_idx on portal_token (app_id, session_id);
-- Retention: tokens that expired more than a day ago.
create index portal_token_expires_idx on portal_token (expires_at);

-- The portal's log filtered by an endpoint and/or a delivery status reads an endpoint's deliveries
-- in a status newest message first: (endpoint_id, status) alone (V22) made that a sort of the
-- endpoint's whole history. The wider index serves what the old one did (it is its prefix).
drop index delivery_endpoint_status_idx;
create index delivery_endpoint_status_message_idx on delivery (endpoint_id, status, message_id);

-- The portal's hourly charts: an endpoint's tries of the last 24 hours, read from the index alone
-- (delivery_attempt is only inserted into, so its pages are soon all-visible).
create index delivery_attempt_endpoint_created_idx
    on delivery_attempt (endpoint_id, created_at) include (status, duration_ms);
