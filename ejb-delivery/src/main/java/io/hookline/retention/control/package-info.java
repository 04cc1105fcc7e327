/**
 * Keeps the tables from growing without end: delivered deliveries older than the retention period
 * go, with their attempts and payloads, in small batches that never wait on a delivery.
 */
package io.hookline.retention.control;
