/** Listing, resending and recovering dead and failing deliveries, within one app. */
package io.hookline.deadletter.control;
