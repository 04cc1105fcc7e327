/** Subscriber endpoints as stored: URL, event-type filter and the sealed signing secret. */
package io.hookline.endpoint.entity;
