/**
 * Delivery state in PostgreSQL: one row per (message, endpoint) and one per try. The database, not
 * the broker, is the record of what was delivered.
 */
package io.hookline.delivery.entity;
