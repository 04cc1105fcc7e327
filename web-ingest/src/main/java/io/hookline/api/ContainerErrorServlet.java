package io.hookline.api;

import io.hookline.json.Jsons;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Errors the servlet container answers itself (a path outside the API, a body it refuses) come out
 * as problem+json too, never as the container's HTML page. Wired in WEB-INF/web.xml.
 */
@WebServlet("/problem")
public class ContainerErrorServlet extends HttpServlet {

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int status = code instanceof Integer i ? i : 404;
    String title =
        status == 404 ? "Not found" : status >= 500 ? "Internal error" : "Request refused";
    Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    JsonObjectBuilder body =
        Jsons.createObjectBuilder()
            .add(
                "type",
                "urn:hookline:problem:"
                    + (status == 404 ? "not-found" : status >= 500 ? "internal" : "refused"))
            .add("title", title)
            .add("status", status);
    if (status == 404 && uri != null) {
      body.add("detail", "nothing is served at " + uri + "; the API is under /api/v1");
    }
    response.setStatus(status);
    response.setContentType(ProblemMapper.PROBLEM_JSON);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getWriter().write(body.build().toString());
  }
}
