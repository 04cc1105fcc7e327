/** HTTP view of the dead letters: deliveries whose every try failed, for an operator to act on. */
package io.hookline.deadletter.boundary;
