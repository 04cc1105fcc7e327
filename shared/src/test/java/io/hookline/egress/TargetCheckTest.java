package io.hookline.egress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TargetCheckTest {
  /** A DNS that answers from a table: what a hostile name could resolve to. */
  private static final Map<String, String[]> DNS =
      Map.of(
          "public.example", new String[] {"93.184.215.14"},
          "localhost", new String[] {"127.0.0.1", "::1"},
          "rebind.example", new String[] {"93.184.215.14", "10.0.0.5"},
          "metadata.example", new String[] {"169.254.169.254"},
          "v6only.example", new String[] {"fd00::5"},
          // As a hosts file answers: the name, not the name with a trailing dot.
          "loop.example", new String[] {"127.0.0.1"});

  private static InetAddress[] resolve(String host) throws UnknownHostException {
    String[] answers = DNS.get(host);
    if (answers == null) {
      // Literals resolve to themselves without a lookup; anything else is unknown here.
      if (host.matches("[0-9.]+") || host.contains(":")) {
        return new InetAddress[] {InetAddress.getByName(host)};
      }
      throw new UnknownHostException(host);
    }
    InetAddress[] addresses = new InetAddress[answers.length];
    for (int i = 0; i < answers.length; i++) {
      addresses[i] = InetAddress.getByName(answers[i]);
    }
    return addresses;
  }

  private final TargetCheck secure = new TargetCheck(false, false, TargetCheckTest::resolve);

  @Test
  void publicHttpsTargetsPass() {
    assertNull(secure.refusal("https://public.example/hook", true));
    assertNull(secure.refusal("https://93.184.215.14:8443/hook", true));
  }

  @Test
  void plainHttpIsRefusedUnlessAllowed() {
    assertTrue(secure.refusal("http://public.example/hook", true).contains("https"));
    assertNull(
        new TargetCheck(true, false, TargetCheckTest::resolve)
            .refusal("http://public.example/hook", true));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://localhost/",
        "https://127.0.0.1/",
        "https://[::1]/",
        "https://[::ffff:127.0.0.1]/",
        "https://[::ffff:7f00:1]/",
        "https://2130706433/",
        "https://0177.0.0.1/",
        "https://0x7f000001/",
        "https://127.1/",
        "https://rebind.example/",
        "https://metadata.example/latest/meta-data",
        "https://169.254.169.254/",
        "https://v6only.example/",
        "https://[fe80::1]/",
        "https://0.0.0.0/",
        "https://10.1.2.3:8443/",
        "https://[64:ff9b::a00:1]/",
        "https://localhost./",
        "https://LocalHost./",
        "https://api.localhost/",
        "https://localhost.localdomain/",
        "https://loop.example./",
        "https://[fe80::1%25eth0]/",
        "https://[fe80::1%eth0]/",
        "https://[::1%25lo]/",
        "https://[::ffff:0:127.0.0.1]/",
        "https://[64:ff9b:1::7f00:1]/"
      })
  void internalTargetsAreRefused(String url) {
    assertNotNull(secure.refusal(url, true), url);
    assertNotNull(secure.refusal(url, false), url);
  }

  @Test
  void anUnresolvableHostIsRefusedAtDeliveryButMaySavedAhead() {
    assertNotNull(secure.refusal("https://not-yet.example/", true));
    assertNull(secure.refusal("https://not-yet.example/", false));
  }

  @Test
  void theOperatorMayAllowInternalTargets() {
    TargetCheck open = new TargetCheck(true, true, TargetCheckTest::resolve);
    assertNull(open.refusal("http://localhost:8080/", true));
    assertNull(open.refusal("https://10.1.2.3/", true));
  }

  @Test
  void theAddressesToConnectToAreTheCheckedOnes() throws UnknownHostException {
    InetAddress[] addresses = secure.addressesToConnect("public.example");
    assertEquals(1, addresses.length);
    assertEquals("93.184.215.14", addresses[0].getHostAddress());
    TargetCheck.RefusedAddress refused =
        assertThrows(
            TargetCheck.RefusedAddress.class, () -> secure.addressesToConnect("rebind.example"));
    // One internal address among public ones is enough to refuse the name.
    assertTrue(refused.getMessage().contains("10.0.0.5"), refused.getMessage());
  }

  @Test
  void aLoopbackNameIsRefusedEvenWhenNothingAnswersForIt() {
    TargetCheck.RefusedAddress refused =
        assertThrows(
            TargetCheck.RefusedAddress.class, () -> secure.addressesToConnect("localhost."));
    assertTrue(refused.getMessage().contains("loopback"), refused.getMessage());
    assertNotNull(secure.refusal("https://not-yet.localhost/", false));
  }

  @Test
  void aFullyQualifiedPublicNameStillPasses() {
    assertNull(secure.refusal("https://public.example./hook", false));
  }

  @Test
  void theOperatorMayAllowLoopbackNames() throws UnknownHostException {
    TargetCheck open = new TargetCheck(true, true, TargetCheckTest::resolve);
    assertNull(open.refusal("http://localhost.:8080/", false));
    assertEquals(2, open.addressesToConnect("localhost").length);
  }
}
