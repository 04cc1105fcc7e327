/** Applications: the tenant boundary that owns endpoints and messages. */
package io.hookline.app.entity;
