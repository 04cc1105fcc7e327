/** HTTP resources for applications, the tenant boundary every other resource hangs off. */
package io.hookline.app.boundary;
