package io.hookline.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class OpenApiDocumentFilterTest {
  @Test
  void aPathGivesItsFixedSegmentsAsWords() {
    assertEquals("AppEndpoint", OpenApiDocumentFilter.pathWords("/api/v1/app/{app_id}/endpoint"));
    assertEquals("EventType", OpenApiDocumentFilter.pathWords("/api/v1/event-type/{name}"));
    assertEquals("Ingest", OpenApiDocumentFilter.pathWords("/ingest/{source}"));
  }
}
