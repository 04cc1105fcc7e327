/**
 * Outbound delivery: fan a message out to matching endpoints, queue one JMS message per delivery,
 * and make each try (sign, POST, record). Failures roll back so the broker redelivers.
 */
package io.hookline.delivery.control;
