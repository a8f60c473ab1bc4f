package com.fieldservice.assignment.web;

import java.util.Arrays;
import java.util.List;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;

import com.fieldservice.assignment.security.Caller;

/**
 * What the OpenAPI document at {@code /v3/api-docs} says beyond the controllers: the
 * API's name, the bearer tokens every {@code /api} call needs, and a relative server, so
 * the document is the same whichever host serves it (and equals the checked-in
 * {@code docs/openapi.json}).
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentConfiguration {

	private static final String BEARER = "bearer";

	static {
		// Who calls, taken from the token: not a parameter of any operation.
		SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
	}

	/**
	 * The refusals every operation can answer, as problem details: a malformed request,
	 * no valid token, a role that may not call it; and, with an id in the path, an id
	 * that does not exist or that the caller may not see (both 404, so that a forbidden
	 * id is not told from an unknown one).
	 */
	@Bean
	OperationCustomizer refusals() {
		return (operation, handler) -> {
			ApiResponses responses = operation.getResponses();
			responses.addApiResponse("400", problem("Malformed request: the detail says what is wrong"));
			responses.addApiResponse("401", problem("No token, or one that is forged, expired or malformed"));
			responses.addApiResponse("403", problem("The caller's role may not call this"));
			if (Arrays.stream(handler.getMethodParameters())
				.anyMatch((parameter) -> parameter.hasParameterAnnotation(PathVariable.class))) {
				responses.addApiResponse("404", problem("No such id, or one the caller may not see"));
			}
			return operation;
		};
	}

	private static ApiResponse problem(String description) {
		return new ApiResponse().description(description)
			.content(new Content().addMediaType(MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					new io.swagger.v3.oas.models.media.MediaType()
						.schema(new Schema<>().$ref("#/components/schemas/ProblemDetail"))));
	}

	@Bean
	OpenAPI assignmentApi() {
		return new OpenAPI()
			.info(new Info().title("assignment-service")
				.version("1")
				.description("Jobs, contractors and dispatch groups; assigning a job writes a JobAssigned event, "
						+ "cancelling an assignment an AssignmentCancelled event, to the EventLog, from where it "
						+ "reaches Kafka, the dashboards and the contractors. "
						+ "Errors are problem details (RFC 9457). A POST of an assignment with an "
						+ "Idempotency-Key header can be retried safely."))
			.servers(List.of(new Server().url("/")))
			.components(new Components().addSchemas("ProblemDetail", problemDetail())
				.addSecuritySchemes(BEARER,
						new SecurityScheme().type(SecurityScheme.Type.HTTP)
							.scheme(BEARER)
							.bearerFormat("JWT")
							.description("A JWT with role (dispatcher, contractor or admin), sub and, for a "
									+ "dispatcher, groups")))
			.addSecurityItem(new SecurityRequirement().addList(BEARER));
	}

	/** RFC 9457, as Spring writes it. */
	private static Schema<?> problemDetail() {
		return new ObjectSchema().description("A problem detail (RFC 9457)")
			.addProperty("type", new StringSchema().format("uri"))
			.addProperty("title", new StringSchema())
			.addProperty("status", new IntegerSchema())
			.addProperty("detail", new StringSchema())
			.addProperty("instance", new StringSchema().format("uri"));
	}

}
