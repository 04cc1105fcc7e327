/**
 * The HTTP call to a subscriber: connect only to the address that was checked, post the signed
 * payload under a hard deadline, read at most a bounded answer, and classify what came back; and
 * which names its signature headers go out under.
 */
package io.hookline.delivery.outbound;
