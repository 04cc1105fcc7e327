package io.hookline.portal.boundary;

import io.hookline.portal.control.PortalSettings;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The portal page's headers: a Content-Security-Policy that lets it load only its own files and be
 * framed only by the origins of {@code hookline.portal.frame-ancestors}; no referrer, so the page's
 * address never leaves it; and no caching of the page itself.
 */
@WebFilter(urlPatterns = "/portal/*")
public class PortalPageFilter extends HttpFilter {
  @Inject PortalSettings settings;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    response.setHeader("Content-Security-Policy", settings.contentSecurityPolicy());
    response.setHeader("Referrer-Policy", "no-referrer");
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Cache-Control", "no-cache");
    chain.doFilter(request, response);
  }
}
