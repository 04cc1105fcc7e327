-- Views and functions for operators: in psql, or as Grafana's PostgreSQL data source. The
-- README's "The database, for operators" section describes each.

create index delivery_endpoint_pending_idx on delivery (endpoint_id) where status = 'PENDING';
create index delivery_attempt_created_idx on delivery_attempt (created_at);
create index delivery_delivered_idx on delivery (delivered_at) where status = 'DELIVERED';

-- One row per endpoint (deleted ones left out): its breaker, the last 24 hours' tries, and
-- what is waiting or dead.
create view v_webhook_health_dashboard as
select e.app_id,
       e.id                                                        as endpoint_id,
       e.url,
       case when not e.enabled then 'disabled'
            else coalesce(lower(h.state), 'closed') end            as state,
       a.attempts_24h,
       a.succeeded_24h,
       case when a.attempts_24h > 0
            then round(a.succeeded_24h::numeric / a.attempts_24h, 4) end as success_rate_24h,
       a.avg_latency_ms_24h,
       a.p99_latency_ms_24h,
       d.pending,
       d.dead,
       coalesce(h.consecutive_failures, 0)                        as consecutive_failures,
       h.last_success_at,
       h.last_failure_at,
       e.disabled_reason
from endpoint e
left join endpoint_health h on h.endpoint_id = e.id
cross join lateral (
    select count(*)                                              as attempts_24h,
           count(*) filter (where t.status = 'SUCCEEDED')        as succeeded_24h,
           round(avg(t.duration_ms)::numeric, 1)                 as avg_latency_ms_24h,
           percentile_cont(0.99) within group (order by t.duration_ms) as p99_latency_ms_24h
    from delivery_attempt t
    where t.endpoint_id = e.id
      and t.created_at > now() - interval '24 hours') a
cross join lateral (
    select (select count(*) from delivery x where x.endpoint_id = e.id and x.status = 'PENDING') as pending,
           (select count(*) from delivery x where x.endpoint_id = e.id and x.status = 'DEAD')    as dead) d
where e.deleted_at is null;

-- The endpoints that need a look, with why: not closed, under 99% in 24 hours, failing now, or
-- holding dead letters.
create view v_degraded_webhooks as
select v.*,
       concat_ws('; ',
           case when v.state <> 'closed' then 'breaker ' || v.state end,
           case when v.success_rate_24h < 0.99
                then 'success rate ' || round(v.success_rate_24h * 100, 2) || '% in 24 h' end,
           case when v.consecutive_failures > 0
                then v.consecutive_failures || ' failures in a row' end,
           case when v.dead > 0 then v.dead || ' dead' end) as reason
from v_webhook_health_dashboard v
where v.state <> 'closed'
   or v.success_rate_24h < 0.99
   or v.consecutive_failures > 0
   or v.dead > 0;

-- Hourly latency percentiles per endpoint over the last 7 days.
create view v_webhook_performance as
select t.endpoint_id,
       date_trunc('hour', t.created_at)                               as hour,
       count(*)                                                       as attempts,
       count(*) filter (where t.status = 'SUCCEEDED')                 as succeeded,
       percentile_cont(0.50) within group (order by t.duration_ms)    as p50_ms,
       percentile_cont(0.95) within group (order by t.duration_ms)    as p95_ms,
       percentile_cont(0.99) within group (order by t.duration_ms)    as p99_ms,
       max(t.duration_ms)                                             as max_ms
from delivery_attempt t
where t.created_at > now() - interval '7 days'
group by t.endpoint_id, date_trunc('hour', t.created_at);

-- Deliveries by status, the age of the oldest, and how many pending ones are due now.
create function get_webhook_queue_stats()
returns table (status varchar, deliveries bigint, oldest_age interval, due_now bigint)
language sql stable as $$
    select d.status,
           count(*),
           now() - min(d.created_at),
           count(*) filter (where d.status = 'PENDING' and d.next_attempt_at <= now())
    from delivery d
    group by d.status
    order by d.status
$$;

-- Removes delivered deliveries older than `days` (by when they were delivered), their attempts,
-- and their messages (payloads) once no delivery of theirs is left, with those messages'
-- idempotency claims. At most `batch` deliveries a call, skipping rows another transaction holds,
-- so it never waits on delivery; call it until it returns fewer than `batch` deliveries. Pending
-- and dead deliveries are never touched.
create function cleanup_delivered_webhooks(days integer, batch integer default 1000)
returns table (deliveries_deleted bigint, attempts_deleted bigint, messages_deleted bigint)
language plpgsql as $$
declare
    deliveries  varchar[];
    messages    varchar[];
begin
    if days is null or days < 1 then
        raise exception 'days must be at least 1, not %', days;
    end if;
    select array_agg(s.id), array_agg(distinct s.message_id) into deliveries, messages
    from (select d.id, d.message_id
          from delivery d
          where d.status = 'DELIVERED' and d.delivered_at < now() - make_interval(days => days)
          order by d.delivered_at
          limit batch
          for update skip locked) s;
    delete from delivery_attempt a where a.delivery_id = any (deliveries);
    get diagnostics attempts_deleted = row_count;
    delete from delivery d where d.id = any (deliveries);
    get diagnostics deliveries_deleted = row_count;
    delete from message_claim c
        where c.message_id = any (messages)
          and not exists (select 1 from delivery d where d.message_id = c.message_id);
    delete from message m
        where m.id = any (messages)
          and not exists (select 1 from delivery d where d.message_id = m.id);
    get diagnostics messages_deleted = row_count;
    return next;
end
$$;
