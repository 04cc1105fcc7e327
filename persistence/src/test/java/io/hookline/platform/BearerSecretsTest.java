package io.hookline.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BearerSecretsTest {
  @Test
  void aMintedTokenIsFoundByItsHash() {
    BearerSecrets.Minted minted = BearerSecrets.mint("hk_x_");
    assertTrue(minted.token().matches("hk_x_[A-Za-z0-9_-]{43}"), minted.token());
    assertEquals(64, minted.hash().length());
    assertEquals(minted.hash(), BearerSecrets.hashOf("hk_x_", minted.token()));
    assertNotEquals(minted.token(), BearerSecrets.mint("hk_x_").token());
  }

  @Test
  void aTokenOfAnotherKindHasNoHash() {
    String token = BearerSecrets.mint("hk_app_").token();
    assertNull(BearerSecrets.hashOf("hk_portal_", token));
    assertNull(BearerSecrets.hashOf("hk_portal_", null));
  }
}
