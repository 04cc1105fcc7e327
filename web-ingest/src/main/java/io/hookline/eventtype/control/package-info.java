/**
 * The event-type catalogue's rules: names unique (409), archiving instead of deleting, creating
 * again unarchives, and schemas checked to be JSON Schemas ({@link
 * io.hookline.eventtype.control.SchemaCheck}).
 */
package io.hookline.eventtype.control;
