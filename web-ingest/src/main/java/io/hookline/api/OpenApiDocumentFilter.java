package io.hookline.api;

import io.hookline.platform.ListPage;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Logger;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Makes the document {@code /openapi} serves a valid OpenAPI 3 document (registered as {@code
 * mp.openapi.filter}).
 *
 * <p>Payara's model carries a map of the deployment's URLs beside the paths and writes it as a
 * top-level {@code endpoints} member, which OpenAPI 3 does not define and strict validators refuse;
 * Payara has no setting to leave it out, and the MicroProfile model has no accessor for it, so the
 * filter empties it through Payara's own {@code getEndpoints()} (an empty map is not written).
 *
 * <p>Payara names an operation after its Java method, so {@code list} or {@code get} appear on many
 * paths; operation ids must be unique, so a repeated id gets the path's fixed segments appended
 * ({@code list} on {@code /api/v1/app/{app_id}/endpoint} becomes {@code listAppEndpoint}).
 *
 * <p>Every failure leaves through {@link ProblemMapper} as {@code application/problem+json}; the
 * filter describes that body once as the schema {@code Problem} and gives every operation a {@code
 * 4XX} and a {@code 5XX} answer of that schema beside any code it names itself. Query parameters
 * that mean the same on every list ({@code limit}, {@code order}, flags, {@code since}/{@code
 * until}) get their type and bounds.
 */
public class OpenApiDocumentFilter implements OASFilter {
  private static final Logger LOG = Logger.getLogger(OpenApiDocumentFilter.class.getName());
  private static final String API_PREFIX = "/api/v1/";
  static final String PROBLEM = "Problem";

  @Override
  public void filterOpenAPI(OpenAPI openAPI) {
    dropEndpoints(openAPI);
    if (openAPI.getComponents() == null) {
      openAPI.setComponents(OASFactory.createComponents());
    }
    openAPI.getComponents().addSchema(PROBLEM, problemSchema());
    if (openAPI.getPaths() != null && openAPI.getPaths().getPathItems() != null) {
      Map<String, PathItem> paths = openAPI.getPaths().getPathItems();
      uniqueOperationIds(paths);
      paths.values().stream()
          .filter(item -> item != null && item.getOperations() != null)
          .flatMap(item -> item.getOperations().values().stream())
          .forEach(
              op -> {
                describeProblems(op);
                typedQueryParameters(op);
              });
    }
  }

  /**
   * The resources read their query parameters as text to refuse bad values with a problem; the
   * document gives the ones that mean the same on every list their type and bounds.
   */
  private static void typedQueryParameters(Operation op) {
    if (op.getParameters() == null) {
      return;
    }
    for (Parameter parameter : op.getParameters()) {
      if (parameter.getIn() != Parameter.In.QUERY) {
        continue;
      }
      Schema typed =
          switch (parameter.getName()) {
            case "limit" ->
                OASFactory.createSchema()
                    .type(SchemaType.INTEGER)
                    .minimum(BigDecimal.ONE)
                    .maximum(BigDecimal.valueOf(ListPage.MAX_LIMIT));
            case "order" ->
                OASFactory.createSchema()
                    .type(SchemaType.STRING)
                    .enumeration(List.of("ascending", "descending"));
            case "get_if_exists", "with_content", "include_archived", "expunge" ->
                OASFactory.createSchema().type(SchemaType.BOOLEAN);
            case "since", "until" ->
                OASFactory.createSchema().type(SchemaType.STRING).format("date-time");
            default -> null;
          };
      if (typed != null) {
        parameter.setSchema(typed);
      }
    }
  }

  /** The body {@link ProblemMapper} writes: RFC 9457 members and Svix's {@code code}. */
  private static Schema problemSchema() {
    return OASFactory.createSchema()
        .type(SchemaType.OBJECT)
        .description(
            "An RFC 9457 problem. On the Svix-shaped resources a 422 carries the list of invalid"
                + " fields in detail; elsewhere detail is a sentence and field names the member.")
        .addRequired("type")
        .addRequired("title")
        .addRequired("status")
        .addProperty("type", string("urn:hookline:problem:<kind>").format("uri-reference"))
        .addProperty("title", string("a short summary of the kind of problem"))
        .addProperty("status", OASFactory.createSchema().type(SchemaType.INTEGER).format("int32"))
        .addProperty(
            "detail",
            OASFactory.createSchema()
                .description(
                    "What went wrong with this request: a sentence, or on a 422 a list of"
                        + " {loc, msg, type} objects, where loc is the path to the invalid member"
                        + " (names and indexes), msg says what is wrong and type is the kind of"
                        + " error, such as value_error."))
        .addProperty("field", string("the request member that is invalid"))
        .addProperty("code", string("Svix's short snake_case error code"));
  }

  private static Schema string(String description) {
    return OASFactory.createSchema().type(SchemaType.STRING).description(description);
  }

  private static void describeProblems(Operation op) {
    if (op.getResponses() == null) {
      op.setResponses(OASFactory.createAPIResponses());
    }
    APIResponses responses = op.getResponses();
    addProblem(responses, "4", "The request was refused; the problem says why.");
    addProblem(responses, "5", "The server could not answer; the problem names an incident.");
  }

  /**
   * Gives every declared answer in the range (a 409 named by the resource, say) the problem+json
   * body it has, and adds the range itself for the answers no operation names one by one.
   */
  private static void addProblem(APIResponses responses, String range, String description) {
    Map<String, APIResponse> declared =
        responses.getAPIResponses() == null ? Map.of() : responses.getAPIResponses();
    for (Map.Entry<String, APIResponse> answer : declared.entrySet()) {
      if (answer.getKey().startsWith(range)) {
        APIResponse response = answer.getValue();
        if (response.getContent() == null) {
          response.setContent(problemContent());
        } else if (response.getContent().getMediaType(ProblemMapper.PROBLEM_JSON) == null) {
          response
              .getContent()
              .addMediaType(
                  ProblemMapper.PROBLEM_JSON,
                  problemContent().getMediaType(ProblemMapper.PROBLEM_JSON));
        }
      }
    }
    if (!declared.containsKey(range + "XX")) {
      responses.addAPIResponse(
          range + "XX",
          OASFactory.createAPIResponse().description(description).content(problemContent()));
    }
  }

  private static org.eclipse.microprofile.openapi.models.media.Content problemContent() {
    return OASFactory.createContent()
        .addMediaType(
            ProblemMapper.PROBLEM_JSON,
            OASFactory.createMediaType()
                .schema(OASFactory.createSchema().ref("#/components/schemas/" + PROBLEM)));
  }

  private static void dropEndpoints(OpenAPI openAPI) {
    try {
      Method endpoints = openAPI.getClass().getMethod("getEndpoints");
      if (endpoints.invoke(openAPI) instanceof Map<?, ?> map) {
        map.clear();
      }
    } catch (NoSuchMethodException absent) {
      // Another implementation: nothing to drop.
    } catch (ReflectiveOperationException | RuntimeException failed) {
      LOG.warning("could not drop the non-standard 'endpoints' member of /openapi: " + failed);
    }
  }

  private static void uniqueOperationIds(Map<String, PathItem> paths) {
    Map<String, Integer> uses = new HashMap<>();
    List<Map.Entry<String, Operation>> operations = new ArrayList<>();
    paths.forEach(
        (path, item) -> {
          if (item == null || item.getOperations() == null) {
            return;
          }
          item.getOperations()
              .values()
              .forEach(
                  op -> {
                    operations.add(Map.entry(path, op));
                    if (op.getOperationId() != null) {
                      uses.merge(op.getOperationId(), 1, Integer::sum);
                    }
                  });
        });
    for (Map.Entry<String, Operation> entry : operations) {
      Operation op = entry.getValue();
      if (op.getOperationId() != null && uses.get(op.getOperationId()) > 1) {
        op.setOperationId(op.getOperationId() + pathWords(entry.getKey()));
      }
    }
  }

  /** {@code /api/v1/app/{app_id}/endpoint} to {@code AppEndpoint}. */
  static String pathWords(String path) {
    String rest = path.startsWith(API_PREFIX) ? path.substring(API_PREFIX.length()) : path;
    StringBuilder words = new StringBuilder();
    for (String segment : rest.split("/")) {
      if (segment.isEmpty() || segment.startsWith("{")) {
        continue;
      }
      for (String word : segment.split("[^A-Za-z0-9]+")) {
        if (!word.isEmpty()) {
          words.append(word.substring(0, 1).toUpperCase(Locale.ROOT)).append(word.substring(1));
        }
      }
    }
    return words.toString();
  }
}
