/**
 * What an operator's tooling asks of a node: MicroProfile Health checks (is it alive, can it take
 * and deliver work right now), the broker's queue figures, and the operator dashboard page's
 * headers.
 */
package io.hookline.ops;
