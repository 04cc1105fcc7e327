/**
 * Where Hookline may send: endpoint URLs must not reach loopback, private, link-local or other
 * internal addresses (server-side request forgery) unless the operator allows it. Pure logic; the
 * operator's settings are read by {@code io.hookline.runtime.DeliveryTargets}.
 */
package io.hookline.egress;
