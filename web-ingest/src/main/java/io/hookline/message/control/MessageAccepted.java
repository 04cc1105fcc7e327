package io.hookline.message.control;

/**
 * Fired synchronously inside the accepting transaction once the message and its deliveries are
 * written and queued. An observer that throws rolls the whole acceptance back.
 */
public record MessageAccepted(String messageId, String appId, String eventType, int deliveries) {}
