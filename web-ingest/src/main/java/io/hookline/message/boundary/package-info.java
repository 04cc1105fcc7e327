/** HTTP resources for sending messages and reading what became of them. */
package io.hookline.message.boundary;
