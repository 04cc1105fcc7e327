package io.hookline.platform;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class PersistenceUnitTest {

  @Test
  void threadsWaitingForEclipseLinksLocksSleepRatherThanSpin() throws Exception {
    String waitMillis = property("eclipselink.concurrency.manager.waittime");
    assertNotNull(waitMillis, "unset, EclipseLink's lock waits return at once and spin");
    assertTrue(Long.parseLong(waitMillis) > 0, "a wait of " + waitMillis + " ms spins");
  }

  private static String property(String name) throws Exception {
    try (InputStream xml =
        PersistenceUnitTest.class.getResourceAsStream("/META-INF/persistence.xml")) {
      assertNotNull(xml, "persistence.xml is not on the class path");
      NodeList properties =
          DocumentBuilderFactory.newInstance()
              .newDocumentBuilder()
              .parse(xml)
              .getElementsByTagName("property");
      for (int i = 0; i < properties.getLength(); i++) {
        Element property = (Element) properties.item(i);
        if (property.getAttribute("name").equals(name)) {
          return property.getAttribute("value");
        }
      }
      return null;
    }
  }
}
