/**
 * The published interface of the delivery module: the only delivery type the web module may use.
 * Its implementation lives in {@code io.hookline.delivery.control}.
 */
package io.hookline.delivery.service;
