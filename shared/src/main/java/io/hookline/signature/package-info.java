/**
 * Standard Webhooks signatures: what every outbound delivery carries so a subscriber can prove it
 * came from Hookline and was not changed. Pure logic, no container types.
 */
package io.hookline.signature;
