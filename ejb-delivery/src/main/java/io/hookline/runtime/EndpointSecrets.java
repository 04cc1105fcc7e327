package io.hookline.runtime;

import io.hookline.secret.SecretCipher;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The configured master key. Checked when the application starts: without a key Hookline would have
 * to store secrets in clear, so it refuses to start instead.
 */
@ApplicationScoped
public class EndpointSecrets {
  private static final Logger LOG = Logger.getLogger(EndpointSecrets.class.getName());

  @Inject
  @ConfigProperty(name = "hookline.secrets.key")
  Optional<String> masterKey;

  @Inject
  @ConfigProperty(name = "hookline.secrets.key-id", defaultValue = "k1")
  String keyId;

  private SecretCipher cipher;

  @PostConstruct
  void init() {
    try {
      String key =
          masterKey.orElseThrow(
              () ->
                  new IllegalStateException(
                      "HOOKLINE_SECRETS_KEY is not set: give it the base64 of 32 random bytes"
                          + " (openssl rand -base64 32); endpoint secrets are encrypted with it"));
      cipher = SecretCipher.fromBase64(key, keyId);
    } catch (RuntimeException refused) {
      throw StartupFailure.logged(LOG, refused);
    }
  }

  void checkAtStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    cipher.keyId();
  }

  public String keyId() {
    return cipher.keyId();
  }

  public String seal(String secret) {
    return cipher.seal(secret);
  }

  public String open(String sealed, String keyId) {
    return cipher.open(sealed, keyId);
  }
}
