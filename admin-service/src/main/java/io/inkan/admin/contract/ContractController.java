package io.inkan.admin.contract;

import io.inkan.admin.security.Access;
import io.inkan.admin.security.Caller;
import io.inkan.admin.web.RequestValidator;
import io.inkan.messaging.http.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operator routes. Access is checked before the body, so a non-operator learns nothing from a 400. */
@RestController
@RequestMapping("/api/v1/contracts")
@Tag(name = "Contracts", description = "The bank's operators: contracts and their administrators.")
@SecurityRequirement(name = "bearer")
class ContractController {
    private final Contracts contracts;
    private final RequestValidator validator;

    ContractController(Contracts contracts, RequestValidator validator) {
        this.contracts = contracts;
        this.validator = validator;
    }

    @Operation(
            summary = "Register a contract",
            description =
                    "By a bank operator: the contract and its administrator, whose initial password travels sealed to auth-service. 201 with the contract and its `Location`.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content =
                                    @Content(
                                            mediaType = "application/json",
                                            examples =
                                                    @ExampleObject(
                                                            value =
                                                                    "{\"contractId\":\"C0012345\",\"name\":\"Yamada Shoji\",\"administrator\":{\"adminId\":\"A001\",\"name\":\"Yamada Taro\",\"email\":\"taro@example.jp\",\"initialPassword\":\"…\"}}"))))
    @ApiResponse(responseCode = "201", description = "Registered; `Location` names the contract.")
    @ProblemResponse(
            status = 400,
            code = "VALIDATION_FAILED",
            description =
                    "a field is missing or invalid, or the initial password breaks the policy; `errors` names the fields")
    @ProblemResponse(status = 403, code = "FORBIDDEN", description = "not a bank operator")
    @ProblemResponse(status = 409, code = "CONFLICT", description = "a contract with this ID exists already")
    @ProblemResponse(
            status = 503,
            code = "SEALING_UNAVAILABLE",
            description = "auth-service's sealing certificate cannot be fetched right now; try again later")
    @PostMapping
    ResponseEntity<Contracts.ContractView> register(
            @AuthenticationPrincipal Jwt jwt, @RequestBody(required = false) RegisterContractRequest body) {
        Caller caller = Caller.of(jwt);
        Access.requireOperator(caller);
        Contracts.ContractView created = contracts.register(caller, validator.valid(body));
        return ResponseEntity.created(URI.create("/api/v1/contracts/" + created.contractId()))
                .body(created);
    }

    @Operation(
            summary = "Unlock a contract administrator",
            description = "By a bank operator: ends the administrator's lock-out after too many failed logons.")
    @ApiResponse(
            responseCode = "202",
            description = "Ordered.",
            content =
                    @Content(
                            mediaType = "application/json",
                            examples = @ExampleObject(value = "{\"status\":\"ACCEPTED\"}")))
    @ProblemResponse(status = 403, code = "FORBIDDEN", description = "not a bank operator")
    @ProblemResponse(status = 404, code = "NOT_FOUND", description = "no such contract or administrator")
    @PostMapping("/{contractId}/administrators/{adminId}/unlock")
    ResponseEntity<Map<String, String>> unlockAdministrator(
            @AuthenticationPrincipal Jwt jwt, @PathVariable String contractId, @PathVariable String adminId) {
        Caller caller = Caller.of(jwt);
        Access.requireOperator(caller);
        contracts.unlockAdministrator(caller, contractId, adminId);
        return ResponseEntity.accepted().body(Map.of("status", "ACCEPTED"));
    }
}
