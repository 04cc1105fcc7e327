/**
 * What an operator's tooling asks of a node: MicroProfile Health checks (is it alive, can it take
 * and deliver work right now).
 */
package io.hookline.ops;
