/**
 * The event-type catalogue: names, descriptions and JSON Schemas per version, global to a
 * deployment.
 */
package io.hookline.eventtype.entity;
