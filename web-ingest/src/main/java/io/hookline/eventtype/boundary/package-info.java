/** {@code /api/v1/event-type}: Svix's event-type catalogue, its wire format and its paging. */
package io.hookline.eventtype.boundary;
