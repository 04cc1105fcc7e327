-- A body a source received within the replay window (HOOKLINE_INBOUND_REPLAY_WINDOW) is found by
-- its hash: a captured request sent again under a new, unsigned delivery id is a replay.
create index inbound_event_body_idx on inbound_event (source_id, body_sha256, received_at);

-- Inbound retention: events and audit rows go by age.
create index inbound_event_received_idx on inbound_event (received_at);
create index ingest_audit_created_idx on ingest_audit (created_at);

-- Removes inbound events received more than `event_days` ago and ingest audit rows written more
-- than `audit_days` ago, at most `batch` of each a call, skipping rows another transaction holds;
-- call it until both counts come back under `batch`. An event's forwarded message is not touched
-- (outbound retention has its own rules), nor is the audit trail of an event removed here.
create function cleanup_inbound(event_days integer, audit_days integer, batch integer default 1000)
returns table (events_deleted bigint, audit_deleted bigint)
language plpgsql as $$
begin
    if event_days is null or event_days < 1 or audit_days is null or audit_days < 1 then
        raise exception 'event_days and audit_days must be at least 1, not % and %',
            event_days, audit_days;
    end if;
    delete from inbound_event e
        where e.id in (select x.id from inbound_event x
                       where x.received_at < now() - make_interval(days => event_days)
                       order by x.received_at
                       limit batch
                       for update skip locked);
    get diagnostics events_deleted = row_count;
    delete from ingest_audit a
        where a.id in (select x.id from ingest_audit x
                       where x.created_at < now() - make_interval(days => audit_days)
                       order by x.created_at
                       limit batch
                       for update skip locked);
    get diagnostics audit_deleted = row_count;
    return next;
end
$$;
