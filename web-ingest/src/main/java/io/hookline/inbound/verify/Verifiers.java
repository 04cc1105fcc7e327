package io.hookline.inbound.verify;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The source types Hookline knows, by the name a source is created with. */
public final class Verifiers {
  private static final Map<String, Verifier> BY_TYPE = new TreeMap<>();

  static {
    BY_TYPE.put("github", new GitHubVerifier());
    BY_TYPE.put("gitlab", new GitLabVerifier());
    BY_TYPE.put("stripe", new StripeVerifier());
    BY_TYPE.put("shopify", new ShopifyVerifier());
    BY_TYPE.put("slack", new SlackVerifier());
    BY_TYPE.put("standard-webhooks", new StandardWebhooksVerifier());
    BY_TYPE.put("hmac", new HmacVerifier());
    BY_TYPE.put("basic", new BasicAuthVerifier());
    BY_TYPE.put("api-key", new ApiKeyVerifier());
    BY_TYPE.put("generic", new GenericVerifier());
  }

  private Verifiers() {}

  /** The verifier for a type, or null when there is no such type. */
  public static Verifier of(String type) {
    return BY_TYPE.get(type);
  }

  public static Set<String> types() {
    return BY_TYPE.keySet();
  }
}
