package io.hookline.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

@ApplicationPath("/api")
@OpenAPIDefinition(
    info =
        @Info(
            title = "Hookline",
            version = "1",
            description =
                "Webhooks out (apps, endpoints, messages, deliveries, dead letters) and in"
                    + " (sources, events, audit). Every call needs the API token as a bearer"
                    + " token. Errors are RFC 9457 application/problem+json. Providers post to"
                    + " /ingest/{source}, outside this API, signed in their own way."),
    security = @SecurityRequirement(name = "token"))
@SecurityScheme(
    securitySchemeName = "token",
    type = SecuritySchemeType.HTTP,
    scheme = "bearer",
    description = "HOOKLINE_ADMIN_TOKEN")
public class HooklineApi extends Application {}
