/** Inbound events kept byte for byte, and the audit trail every ingest request leaves. */
package io.hookline.inbound.entity;
