/**
 * The subscriber portal's entry points: Svix's access-link calls under {@code /api/v1/auth}, the
 * portal page's own reads under {@code /api/v1/app/{app_id}/portal}, and the headers of the page
 * itself at {@code /portal/}.
 */
package io.hookline.portal.boundary;
