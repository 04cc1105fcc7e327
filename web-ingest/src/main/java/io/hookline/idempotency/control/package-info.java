/**
 * Idempotent POSTs: the first answer to a request made with an idempotency-key, stored with the
 * change it answers and given again to a retry.
 */
package io.hookline.idempotency.control;
