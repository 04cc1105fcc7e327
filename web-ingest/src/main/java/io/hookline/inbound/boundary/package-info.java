/** {@code POST /ingest/{source}} for providers, and the audit log under {@code /api/v1/audit}. */
package io.hookline.inbound.boundary;
