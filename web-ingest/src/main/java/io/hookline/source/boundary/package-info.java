/** {@code /api/v1/source}: inbound sources and the events they received. */
package io.hookline.source.boundary;
