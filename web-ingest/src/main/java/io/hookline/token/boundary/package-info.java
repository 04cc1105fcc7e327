/** {@code /api/v1/apps/{app}/tokens}: per-app API tokens, managed with the admin token. */
package io.hookline.token.boundary;
