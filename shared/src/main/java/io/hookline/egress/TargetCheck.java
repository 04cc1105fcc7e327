package io.hookline.egress;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Decides whether Hookline may send to a URL, under the operator's two settings. Resolution goes
 * through a {@link Resolver} so tests can feed it any answer.
 */
public final class TargetCheck {

  /** Name resolution, as the JDK does it in production. */
  @FunctionalInterface
  public interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  /** A host that resolves, but to an address Hookline may not call. */
  public static final class RefusedAddress extends UnknownHostException {
    private static final long serialVersionUID = 1L;

    RefusedAddress(String reason) {
      super(reason);
    }
  }

  private final boolean allowHttp;
  private final boolean allowPrivate;
  private final Resolver resolver;

  public TargetCheck(boolean allowHttp, boolean allowPrivate, Resolver resolver) {
    this.allowHttp = allowHttp;
    this.allowPrivate = allowPrivate;
    this.resolver = resolver;
  }

  /**
   * Why the URL may not be called, or null. {@code unresolvedIsRefused}: at delivery a host that
   * does not resolve cannot be called; when an endpoint is saved it may simply not exist yet.
   */
  public String refusal(String url, boolean unresolvedIsRefused) {
    URI uri = URI.create(url);
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("http") && !allowHttp) {
      return "must use https (this server does not allow plain http targets)";
    }
    if (allowPrivate) {
      return null;
    }
    String host = uri.getHost();
    if (host == null) {
      // java.net.URI leaves forms such as 127.1 without a host: refuse what cannot be checked.
      return "host of "
          + uri.getRawAuthority()
          + " cannot be checked; write it as a name or a.b.c.d";
    }
    boolean literal = host.startsWith("[") && host.endsWith("]");
    if (literal) {
      host = host.substring(1, host.length() - 1);
      String problem = AddressPolicy.ipv6LiteralProblem(host);
      if (problem != null) {
        return problem;
      }
    }
    if (AddressPolicy.isAmbiguousNumericHost(host)) {
      return "host " + host + " is a number in an ambiguous form; write the address as a.b.c.d";
    }
    String refusal = refusalOfName(host, unresolvedIsRefused || literal);
    if (refusal == null && host.endsWith(".") && host.length() > 1) {
      // A fully qualified name and the same name without its dot may be answered differently
      // (a hosts file matches only the latter): both must be acceptable.
      refusal = refusalOfName(host.substring(0, host.length() - 1), false);
    }
    return refusal;
  }

  /** The lookup's verdict on one name; an IPv6 literal that does not parse is refused. */
  private String refusalOfName(String host, boolean unresolvedIsRefused) {
    try {
      addressesToConnect(host);
    } catch (RefusedAddress e) {
      return e.getMessage();
    } catch (UnknownHostException e) {
      return unresolvedIsRefused ? "host " + host + " does not resolve" : null;
    }
    return null;
  }

  /**
   * The addresses a delivery may connect to for {@code host}: looked up once and every one checked.
   * The HTTP client connects to exactly these, so a name whose DNS answer changes between a check
   * and the connection (DNS rebinding) cannot lead it to an internal address.
   *
   * @throws RefusedAddress when any of them is internal and internal targets are not allowed
   */
  public InetAddress[] addressesToConnect(String host) throws UnknownHostException {
    if (!allowPrivate && AddressPolicy.isLoopbackName(host)) {
      throw new RefusedAddress(
          "host "
              + host
              + " is a loopback name (localhost); internal targets are not allowed on this server");
    }
    InetAddress[] addresses = resolver.resolve(host);
    if (!allowPrivate) {
      for (InetAddress address : addresses) {
        String kind = AddressPolicy.internalKind(address);
        if (kind != null) {
          throw new RefusedAddress(
              "host "
                  + host
                  + " resolves to "
                  + address.getHostAddress()
                  + ", "
                  + kind
                  + "; internal targets are not allowed on this server");
        }
      }
    }
    return addresses;
  }
}
