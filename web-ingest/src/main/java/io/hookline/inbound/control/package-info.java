/**
 * Taking in one provider request: verify, keep exactly once (or see the conflict), reshape, and
 * forward as a message, all in one transaction with its audit row.
 */
package io.hookline.inbound.control;
