/** {@code /api/v1/sources}: inbound sources and the events they received. */
package io.hookline.source.boundary;
