package io.hookline.portal.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class PortalUrlTest {
  @Test
  void anHttpsAddressIsKeptAndBlankMeansUnset() {
    assertEquals(
        "https://hooks.example.com/portal/",
        PortalUrl.parse(" https://hooks.example.com/portal/ ", false));
    assertEquals(
        "https://hooks.example.com:8443/portal/?title=Acme",
        PortalUrl.parse("https://hooks.example.com:8443/portal/?title=Acme", false));
    assertNull(PortalUrl.parse(null, false));
    assertNull(PortalUrl.parse("  ", false));
  }

  @Test
  void plainHttpOnlyWhenAllowed() {
    assertThrows(
        IllegalArgumentException.class,
        () -> PortalUrl.parse("http://127.0.0.1:8080/portal/", false));
    assertEquals(
        "http://127.0.0.1:8080/portal/", PortalUrl.parse("http://127.0.0.1:8080/portal/", true));
  }

  @Test
  void anythingElseIsRefused() {
    for (String wrong :
        List.of(
            "/portal/",
            "hooks.example.com/portal/",
            "https://hooks.example.com/portal/#key=",
            "https://hooks.example.com/portal/#",
            "https:///portal/",
            "https://user:pw@hooks.example.com/portal/",
            "javascript:alert(1)",
            "ftp://hooks.example.com/portal/",
            "https://hooks example.com/")) {
      assertThrows(IllegalArgumentException.class, () -> PortalUrl.parse(wrong, true), wrong);
    }
  }
}
