/**
 * When a delivery is tried again: the retry schedule (waits before each try, with jitter) as pure
 * logic, and the bean that reads it from config at start.
 */
package io.hookline.delivery.schedule;
