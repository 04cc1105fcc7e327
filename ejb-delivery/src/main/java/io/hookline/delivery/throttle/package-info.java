/**
 * How fast one endpoint is sent to: its rate limit, a token bucket kept in a row that every node
 * shares, and this node's cap on tries in flight per endpoint, so one slow subscriber holds only a
 * few consumers.
 */
package io.hookline.delivery.throttle;
