/** {@code /api/v1/app/{app}/token}: per-app API tokens, managed with the admin token. */
package io.hookline.token.boundary;
