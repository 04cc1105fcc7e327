/** Accepted events, stored with the exact payload bytes that get signed and sent. */
package io.hookline.message.entity;
