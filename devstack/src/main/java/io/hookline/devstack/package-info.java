/**
 * A whole Hookline on one machine, for developers ({@code ./hookline up}), the integration tests
 * and the benchmark: one launcher, so what the tests exercise is what people run. Plain Java
 * processes and JDBC; nothing here ships in the application.
 */
package io.hookline.devstack;
