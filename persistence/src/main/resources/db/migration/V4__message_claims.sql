-- What makes a send idempotent: an Idempotency-Key (for 24 hours) or an eventId (for as long as
-- the message is kept) claims its message within an app, with the hash of the request that made
-- it. A repeat with the same hash gets the first answer; a different one is a conflict.
create table message_claim (
    app_id        varchar(40)  not null,
    claim         varchar(300) not null,
    request_hash  varchar(64)  not null,
    message_id    varchar(40)  not null,
    created_at    timestamptz  not null,
    expires_at    timestamptz,
    primary key (app_id, claim)
);
