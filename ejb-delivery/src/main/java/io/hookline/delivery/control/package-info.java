/**
 * Outbound delivery, orchestrated: fan a message out to matching endpoints, queue its deliveries on
 * the broker, make each try ({@link io.hookline.delivery.control.Deliverer}: sign, post, record the
 * outcome) and schedule the next or declare the delivery dead; resend and recover on request, and
 * repair rows whose JMS message was lost. Implements {@link
 * io.hookline.delivery.service.DeliveryService}.
 */
package io.hookline.delivery.control;
