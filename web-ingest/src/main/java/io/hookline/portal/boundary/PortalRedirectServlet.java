package io.hookline.portal.boundary;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code /portal} without its slash: a redirect to {@code /portal/} that keeps the query, which
 * carries the page's appearance (primaryColor, title, ...). Mapped exactly, so that it answers
 * before the container's own directory redirect (a 301 that the container builds itself).
 */
@WebServlet("/portal")
public class PortalRedirectServlet extends HttpServlet {
  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String query = request.getQueryString();
    response.sendRedirect(
        request.getContextPath() + "/portal/" + (query == null ? "" : "?" + query));
  }
}
