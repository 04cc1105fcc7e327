/** The subscriber portal's access tokens: hashed, scoped to one app, expiring. */
package io.hookline.portal.entity;
