/** HTTP resources for subscriber endpoints and their signing secrets. */
package io.hookline.endpoint.boundary;
