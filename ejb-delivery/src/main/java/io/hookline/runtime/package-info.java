/**
 * Container wiring shared by both packagings (EAR on Payara Server, WAR on Payara Micro): the
 * datasource and JMS resource definitions, and the schema migration at start. Every address,
 * credential and size comes from environment variables with safe local defaults, so one build runs
 * anywhere.
 */
package io.hookline.runtime;
