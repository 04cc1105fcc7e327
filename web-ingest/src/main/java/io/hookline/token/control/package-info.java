/** Making, listing, revoking and recognising per-app API tokens. */
package io.hookline.token.control;
