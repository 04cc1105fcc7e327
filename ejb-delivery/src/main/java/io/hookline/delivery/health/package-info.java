/**
 * Each endpoint's health and circuit breaker, kept in the database so every node agrees and one
 * subscriber's failures never open the breaker for another. Successes on quiet endpoints are
 * counted in memory and written in short transactions of their own.
 */
package io.hookline.delivery.health;
