/**
 * The subscriber portal's logic: its access tokens ({@link
 * io.hookline.portal.control.PortalTokens}), what each capability allows ({@link
 * io.hookline.portal.control.Capabilities}) and the reads only the portal page makes ({@link
 * io.hookline.portal.control.PortalReads}).
 */
package io.hookline.portal.control;
