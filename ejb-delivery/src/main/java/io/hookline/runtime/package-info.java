/**
 * Container wiring that both modules use and both packagings share (EAR on Payara Server, WAR on
 * Payara Micro): the datasource and JMS resource definitions, the schema migration at start,
 * metrics, tracing, and the config-bound beans around the shared pure logic (endpoint secrets,
 * delivery targets). Every address, credential and size comes from environment variables with safe
 * local defaults, so one build runs anywhere.
 */
package io.hookline.runtime;
