/**
 * Outbound delivery, orchestrated: fan a message out to matching endpoints, queue its deliveries on
 * the broker, make each try ({@link io.hookline.delivery.control.Deliverer}: sign, post, record the
 * outcome) and schedule the next or declare the delivery dead, each try in a transaction of its own
 * ({@link io.hookline.delivery.control.DeliveryTurns} runs a JMS message's tries and bounds those
 * whose outcome cannot be recorded); resend and recover on request, and repair rows whose JMS
 * message was lost. Implements {@link io.hookline.delivery.service.DeliveryService}.
 */
package io.hookline.delivery.control;
