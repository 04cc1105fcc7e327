/** Where delivery work enters: the JMS listener that turns a queued delivery id into a try. */
package io.hookline.delivery.boundary;
