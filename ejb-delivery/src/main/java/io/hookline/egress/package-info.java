/**
 * Where Hookline may send: endpoint URLs must not reach loopback, private, link-local or other
 * internal addresses (server-side request forgery) unless the operator allows it. Pure logic plus
 * one CDI bean that reads the operator's settings.
 */
package io.hookline.egress;
