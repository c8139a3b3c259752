package io.inkan.messaging.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.web.method.HandlerMethod;

/** What a route's {@link ProblemResponse}s and its shape become in the service's OpenAPI. */
class ProblemOpenApiTest {
    private final ProblemOpenApi customizer = new ProblemOpenApi("test-service");

    static class Routes {
        @ProblemResponse(status = 409, code = "USER_DELETED", description = "the user was removed")
        @ProblemResponse(status = 409, code = "USER_ID_RETIRED", description = "the ID is retired")
        @ProblemResponse(status = 404, code = "NOT_FOUND", description = "no such user")
        void register() {}
    }

    @Test
    void eachDeclaredRefusalIsAProblemResponseWithAnExamplePerCode() throws Exception {
        Operation operation = new Operation()
                .responses(new ApiResponses().addApiResponse("201", new ApiResponse().description("Registered.")))
                .requestBody(new RequestBody())
                .security(java.util.List.of(new SecurityRequirement().addList("bearer")));
        customizer.customize(operation, new HandlerMethod(new Routes(), Routes.class.getDeclaredMethod("register")));
        OpenAPI api = new OpenAPI().paths(new Paths().addPathItem("/api/v1/users", new PathItem().post(operation)));
        customizer.customise(api);

        ApiResponses responses = api.getPaths().get("/api/v1/users").getPost().getResponses();
        assertThat(responses.keySet()).containsExactly("201", "401", "404", "409", "413", "500");
        var conflict = responses.get("409").getContent().get("application/problem+json");
        assertThat(conflict.getSchema().get$ref()).isEqualTo("#/components/schemas/Problem");
        assertThat(conflict.getExamples().keySet()).containsExactly("USER_DELETED", "USER_ID_RETIRED");
        @SuppressWarnings("unchecked")
        Map<String, Object> retired = (Map<String, Object>)
                conflict.getExamples().get("USER_ID_RETIRED").getValue();
        assertThat(retired)
                .containsEntry("code", "USER_ID_RETIRED")
                .containsEntry("status", 409)
                .containsEntry("type", "urn:inkan:problem:user-id-retired")
                .containsEntry("instance", "/api/v1/users");
        assertThat(responses.get("409").getDescription())
                .contains("`USER_DELETED`: the user was removed", "`USER_ID_RETIRED`: the ID is retired");
        assertThat(api.getComponents().getSchemas().get("Problem").getRequired())
                .containsExactlyInAnyOrder("type", "title", "status", "detail", "instance", "code");
        assertThat(api.getComponents().getSecuritySchemes()).containsKey("bearer");
        assertThat(api.getInfo().getTitle()).isEqualTo("Inkan test-service");
    }

    @Test
    void anErrorResponseThatSaysItIsAnotherProtocolsAnswerKeepsItsContent() {
        ApiResponse malformed = new ApiResponse()
                .description("OCSP malformedRequest.")
                .content(new io.swagger.v3.oas.models.media.Content()
                        .addMediaType("application/ocsp-response", new io.swagger.v3.oas.models.media.MediaType()));
        malformed.addExtension(ProblemResponse.NOT_A_PROBLEM, "OCSP answers in OCSP");
        Operation operation = new Operation()
                .responses(new ApiResponses()
                        .addApiResponse("200", new ApiResponse().description("OCSP."))
                        .addApiResponse("400", malformed));
        OpenAPI api = new OpenAPI().paths(new Paths().addPathItem("/ocsp", new PathItem().post(operation)));

        customizer.customise(api);

        ApiResponse kept = api.getPaths().get("/ocsp").getPost().getResponses().get("400");
        assertThat(kept.getContent().keySet()).containsExactly("application/ocsp-response");
    }
}
