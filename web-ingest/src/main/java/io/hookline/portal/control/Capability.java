package io.hookline.portal.control;

import java.util.Arrays;
import java.util.Optional;

/** What a portal link may do, by Svix's names (AppPortalCapability). */
public enum Capability {
  /** Read the app, its endpoints (never their secrets), messages, attempts and the catalogue. */
  VIEW_BASE("ViewBase"),
  /** Read an endpoint's signing secret. */
  VIEW_ENDPOINT_SECRET("ViewEndpointSecret"),
  /** Read and rotate an endpoint's signing secret. */
  MANAGE_ENDPOINT_SECRET("ManageEndpointSecret"),
  /** Accepted for Svix's sake; Hookline has no transformations, so it allows nothing more. */
  MANAGE_TRANSFORMATIONS("ManageTransformations"),
  /** Resend a message, recover failed ones, send an example event. */
  CREATE_ATTEMPTS("CreateAttempts"),
  /** Create, change, disable, delete endpoints, their headers and secrets. */
  MANAGE_ENDPOINT("ManageEndpoint");

  private final String wireName;

  Capability(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Optional<Capability> byWireName(String name) {
    return Arrays.stream(values()).filter(c -> c.wireName.equals(name)).findFirst();
  }
}
