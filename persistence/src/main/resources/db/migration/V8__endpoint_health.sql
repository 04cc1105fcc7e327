-- Per-endpoint health, shared by every node: the circuit breaker's state and the figures an
-- operator looks at. Counts are for the current window (a fixed-length window that restarts).
create table endpoint_health (
    endpoint_id           varchar(40) primary key references endpoint (id),
    state                 varchar(16) not null,
    consecutive_failures  integer     not null default 0,
    failing_since         timestamptz,
    last_success_at       timestamptz,
    last_failure_at       timestamptz,
    opened_at             timestamptz,
    probe_started_at      timestamptz,
    times_opened          integer     not null default 0,
    window_start          timestamptz,
    window_successes      integer     not null default 0,
    window_failures       integer     not null default 0,
    avg_latency_ms        double precision not null default 0
);
