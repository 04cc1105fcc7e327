/** Inbound sources as stored: a provider's type, its sealed secret, and what to do with events. */
package io.hookline.source.entity;
