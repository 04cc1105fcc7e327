package io.hookline.api;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The address a request comes from, for counting failed logins. It is the peer's address unless the
 * peer is a trusted proxy: then the proxies' header ({@code X-Forwarded-For} or RFC 7239 {@code
 * Forwarded}, whichever the proxies set) is read from the right, past every trusted proxy, and the
 * first address that is not trusted is the client's. Proxies append, so whatever a client wrote
 * into the header itself lies to the left of that address and is never chosen. Pure: addresses are
 * parsed as literals, no name is ever looked up.
 */
public final class ClientAddress {

  /** The header the trusted proxies append the address they saw to. */
  public enum Header {
    X_FORWARDED_FOR("X-Forwarded-For"),
    FORWARDED("Forwarded");

    private final String name;

    Header(String name) {
      this.name = name;
    }

    public String headerName() {
      return name;
    }
  }

  private static final Pattern IPV4 =
      Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

  /** An address range: one address, or a network in CIDR notation. */
  private record Range(byte[] network, int prefix) {
    boolean contains(InetAddress address) {
      byte[] bytes = address.getAddress();
      if (bytes.length != network.length) {
        return false;
      }
      int full = prefix / 8;
      for (int i = 0; i < full; i++) {
        if (bytes[i] != network[i]) {
          return false;
        }
      }
      int rest = prefix % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xff << (8 - rest)) & 0xff;
      return (bytes[full] & mask) == (network[full] & mask);
    }
  }

  private final List<Range> trusted;
  private final Header header;

  private ClientAddress(List<Range> trusted, Header header) {
    this.trusted = trusted;
    this.header = header;
  }

  /**
   * Parses the trusted proxies, a comma-separated list of addresses and CIDR ranges (empty or null:
   * none, and the peer is always the client), and the header they set ({@code X-Forwarded-For} or
   * {@code Forwarded}, case-insensitive; null: {@code X-Forwarded-For}).
   *
   * @throws IllegalArgumentException naming the entry that does not parse
   */
  public static ClientAddress parse(String trustedProxies, String headerName) {
    Header header = Header.X_FORWARDED_FOR;
    if (headerName != null && !headerName.isBlank()) {
      String wanted = headerName.trim();
      header = null;
      for (Header candidate : Header.values()) {
        if (candidate.headerName().equalsIgnoreCase(wanted)) {
          header = candidate;
        }
      }
      if (header == null) {
        throw new IllegalArgumentException(
            "the proxy header must be X-Forwarded-For or Forwarded, not " + wanted);
      }
    }
    List<Range> ranges = new ArrayList<>();
    if (trustedProxies != null) {
      for (String entry : trustedProxies.split(",")) {
        String text = entry.trim();
        if (!text.isEmpty()) {
          ranges.add(range(text));
        }
      }
    }
    return new ClientAddress(List.copyOf(ranges), header);
  }

  private static Range range(String text) {
    int slash = text.indexOf('/');
    InetAddress network = literal(slash < 0 ? text : text.substring(0, slash));
    if (network == null) {
      throw new IllegalArgumentException("not an IP address or CIDR range: " + text);
    }
    int bits = network.getAddress().length * 8;
    int prefix = bits;
    if (slash >= 0) {
      try {
        prefix = Integer.parseInt(text.substring(slash + 1));
      } catch (NumberFormatException e) {
        prefix = -1;
      }
      if (prefix < 0 || prefix > bits) {
        throw new IllegalArgumentException("not a prefix length from 0 to " + bits + ": " + text);
      }
    }
    return new Range(network.getAddress(), prefix);
  }

  /** The header to read, or none when no proxy is trusted. */
  public String headerName() {
    return trusted.isEmpty() ? null : header.headerName();
  }

  /**
   * The client's address, normalised ({@code ::1} and {@code 0:0:0:0:0:0:0:1} are one address).
   *
   * @param peer the address the connection comes from
   * @param headerValue the proxies' header, its lines joined with commas; null when absent
   */
  public String resolve(String peer, String headerValue) {
    InetAddress client = literal(peer);
    if (client == null) {
      return peer;
    }
    if (!isTrusted(client) || headerValue == null || headerValue.isBlank()) {
      return client.getHostAddress();
    }
    List<String> hops =
        header == Header.FORWARDED ? forwardedFor(headerValue) : splitOutsideQuotes(headerValue);
    for (int i = hops.size() - 1; i >= 0; i--) {
      InetAddress hop = literal(node(hops.get(i)));
      if (hop == null) {
        // "unknown", an obfuscated name or garbage: the trusted hop that wrote it stands in.
        break;
      }
      client = hop;
      if (!isTrusted(hop)) {
        break;
      }
    }
    return client.getHostAddress();
  }

  private boolean isTrusted(InetAddress address) {
    for (Range range : trusted) {
      if (range.contains(address)) {
        return true;
      }
    }
    return false;
  }

  /** The {@code for=} value of each element of a {@code Forwarded} header, in order; "" if none. */
  static List<String> forwardedFor(String value) {
    List<String> fors = new ArrayList<>();
    for (String element : splitOutsideQuotes(value)) {
      String found = "";
      for (String pair : split(element, ';')) {
        int eq = pair.indexOf('=');
        if (eq > 0 && pair.substring(0, eq).trim().toLowerCase(Locale.ROOT).equals("for")) {
          found = unquote(pair.substring(eq + 1).trim());
        }
      }
      fors.add(found);
    }
    return fors;
  }

  private static List<String> splitOutsideQuotes(String value) {
    return split(value, ',');
  }

  /** Splits on the separator where it is not inside a quoted string; parts are trimmed. */
  private static List<String> split(String value, char separator) {
    List<String> parts = new ArrayList<>();
    StringBuilder part = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (quoted && c == '\\' && i + 1 < value.length()) {
        part.append(c).append(value.charAt(++i));
        continue;
      }
      if (c == '"') {
        quoted = !quoted;
      }
      if (c == separator && !quoted) {
        parts.add(part.toString().trim());
        part.setLength(0);
      } else {
        part.append(c);
      }
    }
    parts.add(part.toString().trim());
    return parts;
  }

  private static String unquote(String value) {
    if (value.length() < 2 || value.charAt(0) != '"' || value.charAt(value.length() - 1) != '"') {
      return value;
    }
    StringBuilder plain = new StringBuilder();
    for (int i = 1; i < value.length() - 1; i++) {
      char c = value.charAt(i);
      if (c == '\\' && i + 1 < value.length() - 1) {
        c = value.charAt(++i);
      }
      plain.append(c);
    }
    return plain.toString();
  }

  /** The address part of a node: {@code [v6]:port}, {@code [v6]}, {@code v4:port}, or bare. */
  static String node(String text) {
    String node = unquote(text.trim());
    if (node.startsWith("[")) {
      int close = node.indexOf(']');
      return close < 0 ? node : node.substring(1, close);
    }
    int colon = node.indexOf(':');
    if (colon >= 0 && colon == node.lastIndexOf(':')) {
      return node.substring(0, colon);
    }
    return node;
  }

  /** An IPv4 dotted quad or an IPv6 literal (a zone is dropped), or null: never a name lookup. */
  static InetAddress literal(String text) {
    if (text == null) {
      return null;
    }
    String address = text.trim();
    if (address.length() > 2 && address.startsWith("[") && address.endsWith("]")) {
      address = address.substring(1, address.length() - 1);
    }
    int zone = address.indexOf('%');
    if (zone >= 0) {
      address = address.substring(0, zone);
    }
    try {
      Matcher quad = IPV4.matcher(address);
      if (quad.matches()) {
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
          int octet = Integer.parseInt(quad.group(i + 1));
          if (octet > 255) {
            return null;
          }
          bytes[i] = (byte) octet;
        }
        return InetAddress.getByAddress(bytes);
      }
      if (address.indexOf(':') >= 0) {
        // In brackets the JDK takes the text as an IPv6 literal or refuses it, never resolving it.
        return InetAddress.getByName("[" + address + "]");
      }
    } catch (UnknownHostException e) {
      return null;
    }
    return null;
  }
}
