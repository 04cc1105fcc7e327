package io.hookline.delivery.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SignatureHeaderSettingTest {
  private static SignatureHeaderSetting read(String text) {
    SignatureHeaderSetting setting = new SignatureHeaderSetting();
    setting.text = text;
    setting.init();
    return setting;
  }

  @Test
  void theDefaultSendsBothSets() {
    assertEquals(SignatureHeaders.BOTH, read("both").choice());
    assertEquals(SignatureHeaders.SVIX, read("svix").choice());
  }

  @Test
  void aWrongValueStopsTheStartNamingTheVariable() {
    IllegalArgumentException refused =
        assertThrows(IllegalArgumentException.class, () -> read("svix-only"));
    assertTrue(
        refused.getMessage().startsWith("HOOKLINE_DELIVERY_SIGNATURE_HEADERS: 'svix-only'"),
        refused.getMessage());
  }
}
