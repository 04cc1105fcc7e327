package io.hookline.inbound.verify;

import static io.hookline.inbound.verify.OtherVerifiersTest.base64;
import static io.hookline.inbound.verify.OtherVerifiersTest.hmac;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;

/**
 * For any secret and body, what a provider signs verifies, and a body changed in any one place does
 * not; signed by the JDK's Mac in the test, not by the verifiers' code.
 */
class VerifierPropertiesTest {
  static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

  @Provide
  Arbitrary<String> bodies() {
    return Arbitraries.strings()
        .ofMinLength(1)
        .ofMaxLength(500)
        .map(s -> "{\"v\":" + Json.createValue(s) + "}");
  }

  @Property(tries = 200)
  boolean gitHubVerifiesWhatItSignsAndRefusesAChange(
      @ForAll @AlphaChars @NumericChars @StringLength(min = 8, max = 64) String secret,
      @ForAll("bodies") String body,
      @ForAll @IntRange(min = 0, max = 10_000) int at) {
    String signature = "sha256=" + hmac("HmacSHA256", secret, body);
    InboundRequest good =
        Requests.with("X-Hub-Signature-256", signature)
            .and("X-GitHub-Delivery", "d")
            .and("X-GitHub-Event", "push")
            .body(body);
    char[] chars = body.toCharArray();
    int i = at % chars.length;
    chars[i] = chars[i] == 'x' ? 'y' : 'x';
    InboundRequest changed =
        Requests.with("X-Hub-Signature-256", signature)
            .and("X-GitHub-Delivery", "d")
            .and("X-GitHub-Event", "push")
            .body(new String(chars));
    return verifies(new GitHubVerifier(), good, secret, JsonObject.EMPTY_JSON_OBJECT)
        && !verifies(new GitHubVerifier(), changed, secret, JsonObject.EMPTY_JSON_OBJECT);
  }

  @Property(tries = 200)
  boolean configuredHmacVerifiesWhatItSigns(
      @ForAll @AlphaChars @StringLength(min = 8, max = 40) String secret,
      @ForAll("bodies") String body,
      @ForAll @IntRange(min = 0, max = 2) int algorithm,
      @ForAll boolean base64) {
    String[] names = {"sha1", "sha256", "sha512"};
    String[] macs = {"HmacSHA1", "HmacSHA256", "HmacSHA512"};
    JsonObject config =
        Json.createObjectBuilder()
            .add("header", "X-Sig")
            .add("algorithm", names[algorithm])
            .add("encoding", base64 ? "base64" : "hex")
            .build();
    String mac = hmac(macs[algorithm], secret, body);
    InboundRequest request = Requests.with("X-Sig", base64 ? base64(mac) : mac).body(body);
    return verifies(new HmacVerifier(), request, secret, config)
        && !verifies(new HmacVerifier(), request, secret + "x", config);
  }

  private static boolean verifies(
      Verifier verifier, InboundRequest request, String secret, JsonObject config) {
    try {
      verifier.verify(request, secret, config, NOW);
      return true;
    } catch (Rejected rejected) {
      if (rejected.kind() != Rejected.Kind.BAD_SIGNATURE) {
        throw new AssertionError(rejected.getMessage());
      }
      return false;
    }
  }
}
