package io.hookline.egress;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressPolicyTest {

  private static InetAddress literal(String text) throws UnknownHostException {
    // Literals only: getByName does no lookup for these.
    return InetAddress.getByName(text);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "127.0.0.1",
        "127.255.255.254",
        "0.0.0.0",
        "10.0.0.1",
        "10.255.255.255",
        "172.16.0.1",
        "172.31.255.255",
        "192.168.1.1",
        "169.254.169.254",
        "169.254.0.1",
        "100.64.0.1",
        "100.127.255.255",
        "192.0.0.8",
        "192.0.2.1",
        "198.18.0.1",
        "198.51.100.7",
        "203.0.113.9",
        "224.0.0.1",
        "239.255.255.250",
        "240.0.0.1",
        "255.255.255.255",
        "::1",
        "::",
        "fc00::1",
        "fd12:3456:789a::1",
        "fe80::1",
        "fec0::1",
        "ff02::1",
        "2001:db8::1",
        "100::1",
        "::ffff:127.0.0.1",
        "::ffff:10.1.2.3",
        "::ffff:169.254.169.254",
        "::127.0.0.1",
        "64:ff9b::7f00:1",
        "64:ff9b::a9fe:a9fe",
        "2002:7f00:0001::",
        "2002:c0a8:0101::1",
        // IPv4-translated (SIIT): ::ffff:0:a.b.c.d
        "::ffff:0:127.0.0.1",
        "::ffff:0:a9fe:a9fe",
        // NAT64 local use (RFC 8215), wherever the IPv4 address sits
        "64:ff9b:1::7f00:1",
        "64:ff9b:1:7f00:1::",
        "64:ff9b:1:abcd::8.8.8.8",
        // Teredo, client 127.0.0.1 and 10.0.0.1 (inverted in the last four bytes)
        "2001:0:4136:e378:8000:63bf:80ff:fffe",
        "2001:0:4136:e378:8000:63bf:f5ff:fffe"
      })
  void internalAddressesAreNamed(String address) throws UnknownHostException {
    assertNotNull(AddressPolicy.internalKind(literal(address)), address);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "93.184.215.14",
        "8.8.8.8",
        "1.1.1.1",
        "172.15.255.255",
        "172.32.0.1",
        "100.63.255.255",
        "100.128.0.1",
        "169.253.255.255",
        "192.169.0.1",
        "11.0.0.1",
        "223.255.255.254",
        "2606:4700:4700::1111",
        "2a00:1450:4001:80b::200e",
        "::ffff:8.8.8.8",
        "64:ff9b::808:808",
        "2002:0808:0808::1",
        "::ffff:0:8.8.8.8",
        // Teredo, client 8.8.8.8
        "2001:0:4136:e378:8000:63bf:f7f7:f7f7"
      })
  void publicAddressesPass(String address) throws UnknownHostException {
    assertNull(AddressPolicy.internalKind(literal(address)), address);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2130706433",
        "0177.0.0.1",
        "0x7f.0.0.1",
        "0x7f000001",
        "127.1",
        "127.0.1",
        "017700000001",
        "1.2.3.4.",
        "01.2.3.4"
      })
  void numbersInOtherFormsThanDottedDecimalAreAmbiguous(String host) {
    assertTrue(AddressPolicy.isAmbiguousNumericHost(host), host);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "127.0.0.1",
        "8.8.8.8",
        "example.com",
        "10.example.com",
        "0x.example",
        "api.1e100.net"
      })
  void dottedDecimalAndNamesAreNotAmbiguous(String host) {
    assertFalse(AddressPolicy.isAmbiguousNumericHost(host), host);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "localhost",
        "localhost.",
        "LocalHost.",
        "api.localhost",
        "a.b.localhost.",
        "localhost.localdomain",
        "localhost.localdomain."
      })
  void localhostNamesAreLoopbackByName(String host) {
    assertTrue(AddressPolicy.isLoopbackName(host), host);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"localhost.example.com", "mylocalhost", "localhostx", "example.com", "local"})
  void otherNamesAreNotLoopbackByName(String host) {
    assertFalse(AddressPolicy.isLoopbackName(host), host);
  }

  @ParameterizedTest
  @ValueSource(strings = {"fe80::1%25eth0", "fe80::1%eth0", "fe80::1%1", "::1%25lo", "2606::1%0"})
  void anIpv6LiteralWithAZoneIdIsRefused(String literal) {
    assertNotNull(AddressPolicy.ipv6LiteralProblem(literal), literal);
  }

  @ParameterizedTest
  @ValueSource(strings = {"fe80::1", "::1", "2606:4700:4700::1111"})
  void anIpv6LiteralWithoutZoneIdIsLeftToTheAddressCheck(String literal) {
    assertNull(AddressPolicy.ipv6LiteralProblem(literal), literal);
  }
}
