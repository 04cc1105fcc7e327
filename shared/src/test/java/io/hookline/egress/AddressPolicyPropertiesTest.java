package io.hookline.egress;

import java.net.InetAddress;
import java.net.UnknownHostException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Every address of the internal ranges is refused, in IPv4 and IPv4-mapped IPv6 alike. */
class AddressPolicyPropertiesTest {

  static InetAddress v4(int a, int b, int c, int d) throws UnknownHostException {
    return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
  }

  static InetAddress mapped(int a, int b, int c, int d) throws UnknownHostException {
    byte[] v6 = new byte[16];
    v6[10] = (byte) 0xff;
    v6[11] = (byte) 0xff;
    v6[12] = (byte) a;
    v6[13] = (byte) b;
    v6[14] = (byte) c;
    v6[15] = (byte) d;
    // getByAddress turns a mapped address into an Inet4Address; the policy must see it either way.
    return InetAddress.getByAddress(v6);
  }

  @Property(tries = 500)
  boolean internalRangesAreRefused(
      @ForAll @IntRange(min = 0, max = 5) int range,
      @ForAll @IntRange(min = 0, max = 255) int x,
      @ForAll @IntRange(min = 0, max = 255) int y,
      @ForAll @IntRange(min = 0, max = 255) int z)
      throws UnknownHostException {
    int[] address =
        switch (range) {
          case 0 -> new int[] {127, x, y, z};
          case 1 -> new int[] {10, x, y, z};
          case 2 -> new int[] {172, 16 + (x % 16), y, z};
          case 3 -> new int[] {192, 168, y, z};
          case 4 -> new int[] {169, 254, y, z};
          default -> new int[] {0, x, y, z};
        };
    return AddressPolicy.internalKind(v4(address[0], address[1], address[2], address[3])) != null
        && AddressPolicy.internalKind(mapped(address[0], address[1], address[2], address[3]))
            != null;
  }

  @Property(tries = 500)
  boolean addressesOutsideThemPass(
      @ForAll @IntRange(min = 11, max = 99) int a,
      @ForAll @IntRange(min = 0, max = 255) int b,
      @ForAll @IntRange(min = 0, max = 255) int c,
      @ForAll @IntRange(min = 1, max = 254) int d)
      throws UnknownHostException {
    // 11.0.0.0 to 99.255.255.255 holds no private, loopback, link-local or reserved range.
    return AddressPolicy.internalKind(v4(a, b, c, d)) == null;
  }
}
