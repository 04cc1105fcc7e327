/** Test-only beans added to the deployed WAR to inject failures at chosen points. */
package io.hookline.it.fault;
