package io.hookline.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressTest {
  private static final ClientAddress BEHIND_LB = ClientAddress.parse("10.0.0.0/8, ::1", null);

  @Test
  void withNoTrustedProxyThePeerIsTheClientWhateverTheHeaderSays() {
    ClientAddress none = ClientAddress.parse("", null);
    assertEquals("10.0.0.5", none.resolve("10.0.0.5", "203.0.113.9"));
    assertNull(none.headerName(), "no header is read");
    assertEquals("10.0.0.5", ClientAddress.parse(null, null).resolve("10.0.0.5", "203.0.113.9"));
  }

  @Test
  void aSpoofedHeaderFromAnUntrustedPeerIsIgnored() {
    assertEquals("203.0.113.50", BEHIND_LB.resolve("203.0.113.50", "198.51.100.1"));
    assertEquals("203.0.113.50", BEHIND_LB.resolve("203.0.113.50", "10.0.0.1"));
  }

  @Test
  void theRightMostUntrustedAddressOfTheChainIsTheClient() {
    // The client wrote 198.51.100.1 itself; the balancer appended what it saw, 203.0.113.7.
    assertEquals("203.0.113.7", BEHIND_LB.resolve("10.0.0.2", "198.51.100.1, 203.0.113.7"));
    // Two trusted hops: the edge proxy 10.1.1.1 appended the client, the inner one the edge.
    assertEquals(
        "203.0.113.7", BEHIND_LB.resolve("10.0.0.2", "198.51.100.1, 203.0.113.7, 10.1.1.1"));
    // Several header lines are joined with commas, in order.
    assertEquals("203.0.113.8", BEHIND_LB.resolve("10.0.0.2", "198.51.100.1,203.0.113.8"));
    // Only trusted hops: the left-most is as far as anyone can tell.
    assertEquals("10.9.9.9", BEHIND_LB.resolve("10.0.0.2", "10.9.9.9, 10.1.1.1"));
    // No header: the proxy itself.
    assertEquals("10.0.0.2", BEHIND_LB.resolve("10.0.0.2", null));
  }

  @Test
  void anEntryThatIsNoAddressLeavesTheTrustedHopThatWroteIt() {
    assertEquals("10.1.1.1", BEHIND_LB.resolve("10.0.0.2", "203.0.113.7, unknown, 10.1.1.1"));
    assertEquals("10.0.0.2", BEHIND_LB.resolve("10.0.0.2", "evil.example\r\nX: y"));
    // Names are never looked up.
    assertEquals("10.0.0.2", BEHIND_LB.resolve("10.0.0.2", "localhost"));
  }

  @Test
  void portsAndIpv6FormsInXForwardedFor() {
    assertEquals("203.0.113.7", BEHIND_LB.resolve("10.0.0.2", "203.0.113.7:51000"));
    assertEquals("2001:db8:0:0:0:0:0:17", BEHIND_LB.resolve("10.0.0.2", "2001:db8::17"));
    assertEquals("2001:db8:0:0:0:0:0:17", BEHIND_LB.resolve("10.0.0.2", "[2001:db8::17]:4711"));
    // The peer ::1 is trusted, in whichever notation the container writes it.
    assertEquals("203.0.113.7", BEHIND_LB.resolve("0:0:0:0:0:0:0:1", "203.0.113.7"));
    assertEquals("203.0.113.7", BEHIND_LB.resolve("0:0:0:0:0:0:0:1%0", "203.0.113.7"));
    assertEquals("203.0.113.7", BEHIND_LB.resolve("[::1]", "203.0.113.7"));
  }

  @Test
  void theForwardedHeaderWithQuotedIpv6AndSeveralParameters() {
    ClientAddress forwarded = ClientAddress.parse("10.0.0.0/8", "forwarded");
    assertEquals("Forwarded", forwarded.headerName());
    assertEquals(
        "2001:db8:cafe:0:0:0:0:17",
        forwarded.resolve(
            "10.0.0.2",
            "for=198.51.100.1, For=\"[2001:db8:cafe::17]:4711\";proto=https;by=10.0.0.2"));
    assertEquals(
        "203.0.113.7",
        forwarded.resolve("10.0.0.2", "for=198.51.100.1;proto=http, for=203.0.113.7"));
    assertEquals(
        "203.0.113.7", forwarded.resolve("10.0.0.2", "for=\"203.0.113.7:8080\", for=10.1.1.1"));
    // An element without for=, or an obfuscated one: the trusted hop that wrote it stands in.
    assertEquals("10.0.0.2", forwarded.resolve("10.0.0.2", "proto=https;by=10.0.0.2"));
    assertEquals("10.0.0.2", forwarded.resolve("10.0.0.2", "for=_hidden"));
    // Only the configured header counts: X-Forwarded-For syntax is no for= element.
    assertEquals("10.0.0.2", forwarded.resolve("10.0.0.2", "203.0.113.7"));
    assertEquals(
        List.of("198.51.100.1", "[2001:db8:cafe::17]:4711", ""),
        ClientAddress.forwardedFor(
            "for=198.51.100.1, for=\"[2001:db8:cafe::17]:4711\", by=10.0.0.1"));
  }

  @Test
  void cidrRanges() {
    ClientAddress ranges = ClientAddress.parse("192.168.16.0/20, fd00::/8, 0.0.0.0/0", null);
    assertEquals("203.0.113.7", ranges.resolve("192.168.31.255", "203.0.113.7"));
    ClientAddress narrow = ClientAddress.parse("192.168.16.0/20, fd00::/8", null);
    assertEquals("203.0.113.7", narrow.resolve("192.168.31.255", "203.0.113.7"));
    assertEquals("192.168.32.1", narrow.resolve("192.168.32.1", "203.0.113.7"));
    assertEquals("203.0.113.7", narrow.resolve("fdab::1", "203.0.113.7"));
    assertEquals("fe80:0:0:0:0:0:0:1", narrow.resolve("fe80::1", "203.0.113.7"));
    // An IPv4-mapped IPv6 peer is the IPv4 address.
    assertEquals("203.0.113.7", narrow.resolve("::ffff:192.168.16.1", "203.0.113.7"));
  }

  @Test
  void aSettingThatDoesNotParseIsRefusedWithTheEntry() {
    for (String wrong :
        List.of("10.0.0.0/33", "proxy.example", "10.0.0.1/x", "::1/129", "256.0.0.1", "10.0.0")) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> ClientAddress.parse(wrong, null));
      assertTrue(e.getMessage().contains(wrong), e.getMessage());
    }
    assertThrows(
        IllegalArgumentException.class, () -> ClientAddress.parse("10.0.0.1", "X-Real-IP"));
  }
}
