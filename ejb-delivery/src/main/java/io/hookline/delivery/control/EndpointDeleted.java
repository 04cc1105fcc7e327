package io.hookline.delivery.control;

/** A CDI event: the endpoint was deleted, in the transaction that fired it. */
public record EndpointDeleted(String endpointId) {}
