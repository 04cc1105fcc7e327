package io.hookline.egress;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which IP addresses and host names are internal. IPv6 forms that carry an IPv4 address (mapped,
 * compatible, translated, NAT64, 6to4, Teredo) are judged by that IPv4 address.
 */
public final class AddressPolicy {
  /** Digits, dots and hex in the shapes libc accepts as an IPv4 address. */
  private static final Pattern NUMERIC_HOST =
      Pattern.compile("(?i)(0x[0-9a-f]*|[0-9]+)(\\.(0x[0-9a-f]*|[0-9]+)){0,3}\\.?");

  private static final Pattern CANONICAL_IPV4 =
      Pattern.compile(
          "(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3}");

  private AddressPolicy() {}

  /**
   * A host written as a number in any form but plain dotted decimal ({@code 2130706433}, {@code
   * 0177.0.0.1}, {@code 0x7f.1}, {@code 127.1}) is refused: programs disagree on what it means,
   * which is how address checks are bypassed.
   */
  public static boolean isAmbiguousNumericHost(String host) {
    return NUMERIC_HOST.matcher(host).matches() && !CANONICAL_IPV4.matcher(host).matches();
  }

  /**
   * Names that are loopback whatever a resolver answers: {@code localhost} and every name under it
   * (RFC 6761), with or without the trailing dot of a fully qualified name, and the common alias
   * {@code localhost.localdomain}. A lookup need not even succeed for them to reach this machine
   * later (a resolver that answers them, as RFC 6761 asks, is enough), so they are refused by name.
   */
  public static boolean isLoopbackName(String host) {
    String name = host.toLowerCase(Locale.ROOT);
    if (name.endsWith(".")) {
      name = name.substring(0, name.length() - 1);
    }
    return name.equals("localhost")
        || name.endsWith(".localhost")
        || name.equals("localhost.localdomain");
  }

  /**
   * Why an IPv6 literal, as a URL writes it between brackets, is refused before it is parsed, or
   * null. A zone id ({@code fe80::1%25eth0}, {@code %eth0}) names one of this server's own
   * interfaces: only link-local and multicast addresses take one, and no public target needs it.
   */
  public static String ipv6LiteralProblem(String literal) {
    if (literal.indexOf('%') >= 0) {
      return "IPv6 address "
          + literal
          + " has a zone id, which names an interface of this server; internal targets are not"
          + " allowed on this server";
    }
    return null;
  }

  /** Null when the address is public, otherwise what kind of internal address it is. */
  public static String internalKind(InetAddress address) {
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      return ipv4Kind(b);
    }
    if (address instanceof Inet6Address) {
      return ipv6Kind(b);
    }
    return "an unknown address family";
  }

  private static String ipv4Kind(byte[] b) {
    int a0 = b[0] & 0xff;
    int a1 = b[1] & 0xff;
    int a2 = b[2] & 0xff;
    if (a0 == 0) {
      return "an unspecified (0.0.0.0/8) address";
    }
    if (a0 == 127) {
      return "a loopback address";
    }
    if (a0 == 10 || (a0 == 172 && a1 >= 16 && a1 <= 31) || (a0 == 192 && a1 == 168)) {
      return "a private address";
    }
    if (a0 == 169 && a1 == 254) {
      return "a link-local address (cloud metadata lives here)";
    }
    if (a0 == 100 && a1 >= 64 && a1 <= 127) {
      return "a carrier-grade NAT address";
    }
    if (a0 == 192 && a1 == 0 && (a2 == 0 || a2 == 2)) {
      return "a reserved address";
    }
    if ((a0 == 198 && (a1 == 18 || a1 == 19))
        || (a0 == 198 && a1 == 51 && a2 == 100)
        || (a0 == 203 && a1 == 0 && a2 == 113)) {
      return "a reserved address";
    }
    if (a0 >= 224 && a0 <= 239) {
      return "a multicast address";
    }
    if (a0 >= 240) {
      return "a reserved or broadcast address";
    }
    return null;
  }

  private static String ipv6Kind(byte[] b) {
    boolean firstTenZero = true;
    for (int i = 0; i < 10; i++) {
      firstTenZero &= b[i] == 0;
    }
    if (firstTenZero && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
      return embedded(b, 12, "IPv4-mapped");
    }
    boolean firstTwelveZero = firstTenZero && b[10] == 0 && b[11] == 0;
    if (firstTwelveZero) {
      boolean lastFourZero = b[12] == 0 && b[13] == 0 && b[14] == 0;
      if (lastFourZero && b[15] == 0) {
        return "the unspecified address (::)";
      }
      if (lastFourZero && b[15] == 1) {
        return "a loopback address";
      }
      return embedded(b, 12, "IPv4-compatible");
    }
    boolean firstEightZero = true;
    for (int i = 0; i < 8; i++) {
      firstEightZero &= b[i] == 0;
    }
    if (firstEightZero
        && (b[8] & 0xff) == 0xff
        && (b[9] & 0xff) == 0xff
        && b[10] == 0
        && b[11] == 0) {
      // ::ffff:0:a.b.c.d, what a stateless translator (SIIT, RFC 7915) maps IPv4 hosts to.
      return embedded(b, 12, "IPv4-translated");
    }
    int h0 = b[0] & 0xff;
    int h1 = b[1] & 0xff;
    boolean nat64 = h0 == 0x00 && h1 == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
    if (nat64 && b[4] == 0 && b[5] == 1) {
      // 64:ff9b:1::/48 (RFC 8215) is for translators inside one network, with the IPv4 address
      // wherever the network chose to put it: all of it is internal.
      return "a local-use NAT64 address";
    }
    if (nat64) {
      return embedded(b, 12, "NAT64");
    }
    if (h0 == 0x20 && h1 == 0x02) {
      return embedded(b, 2, "6to4");
    }
    if (h0 == 0x20 && h1 == 0x01 && b[2] == 0 && b[3] == 0) {
      // Teredo (RFC 4380): the client's IPv4 address is the last four bytes, inverted.
      byte[] client = new byte[16];
      for (int i = 12; i < 16; i++) {
        client[i] = (byte) ~b[i];
      }
      return embedded(client, 12, "Teredo");
    }
    if ((h0 & 0xfe) == 0xfc) {
      return "a unique-local address";
    }
    if (h0 == 0xfe && (h1 & 0xc0) == 0x80) {
      return "a link-local address";
    }
    if (h0 == 0xfe && (h1 & 0xc0) == 0xc0) {
      return "a site-local address";
    }
    if (h0 == 0xff) {
      return "a multicast address";
    }
    if (h0 == 0x20 && h1 == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
      return "a documentation address";
    }
    if (h0 == 0x01
        && h1 == 0x00
        && b[2] == 0
        && b[3] == 0
        && b[4] == 0
        && b[5] == 0
        && b[6] == 0
        && b[7] == 0) {
      return "a discard-only address";
    }
    return null;
  }

  private static String embedded(byte[] b, int offset, String form) {
    try {
      byte[] v4 = {b[offset], b[offset + 1], b[offset + 2], b[offset + 3]};
      String kind = ipv4Kind(InetAddress.getByAddress(v4).getAddress());
      return kind == null ? null : kind + " in " + form + " form";
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
