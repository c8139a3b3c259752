package io.inkan.admin.user;

import io.inkan.admin.security.Access;
import io.inkan.admin.security.Caller;
import io.inkan.admin.web.ApiException;
import io.inkan.admin.web.RequestValidator;
import io.inkan.events.RevocationReason;
import io.inkan.messaging.http.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The contract administrator's routes (and the revocation, which a bank operator may order too). Access (own contract only) is checked first, then the body,
 * then existence: a caller without access gets 403 whatever it sends and whatever exists.
 */
@RestController
@RequestMapping("/api/v1/contracts/{contractId}/users")
@Tag(
        name = "Users",
        description = "A contract administrator's users: registration, authorizations, reissue, revocation, removal.")
@SecurityRequirement(name = "bearer")
class UserController {
    private final Users users;
    private final RequestValidator validator;

    UserController(Users users, RequestValidator validator) {
        this.users = users;
        this.validator = validator;
    }

    @Operation(
            summary = "Register a user",
            description =
                    "By the contract's administrator. The initial password is checked by the initial-password policy and travels sealed to auth-service; `loginId` is optional. 201 with the user and its `Location`.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content =
                                    @Content(
                                            mediaType = "application/json",
                                            examples =
                                                    @ExampleObject(
                                                            value =
                                                                    "{\"userId\":\"U001\",\"name\":\"利用 花子\",\"email\":\"hanako@example.co.jp\",\"loginId\":\"hanako01\",\"initialPassword\":\"…\"}"))))
    @ApiResponse(responseCode = "201", description = "Registered; `Location` names the user.")
    @ProblemResponse(
            status = 400,
            code = "VALIDATION_FAILED",
            description =
                    "a field is missing or invalid, or the initial password breaks the policy; `errors` names the fields")
    @ProblemResponse(status = 403, code = "FORBIDDEN", description = "not the administrator of this contract")
    @ProblemResponse(status = 404, code = "NOT_FOUND", description = "no such contract")
    @ProblemResponse(
            status = 409,
            code = "CONFLICT",
            description = "the user ID is taken in the contract, or the login ID anywhere")
    @ProblemResponse(
            status = 409,
            code = "USER_ID_RETIRED",
            description = "the user ID belonged to a user who was removed; it is never given again")
    @ProblemResponse(
            status = 409,
            code = "USER_ID_AMBIGUOUS",
            description =
                    "contract ID and user ID joined read like another user's (the certificate subject would be shared)")
    @ProblemResponse(
            status = 503,
            code = "SEALING_UNAVAILABLE",
            description = "auth-service's sealing certificate cannot be fetched right now; try again later")
    @PostMapping
    ResponseEntity<UserView> register(
            @AuthenticationPrincipal Jwt jwt,
            @PathVariable String contractId,
            @RequestBody(required = false) UserRequests.Register body) {
        Caller admin = adminOf(jwt, contractId);
        UserView created = users.register(admin, contractId, validator.valid(body));
        return ResponseEntity.created(URI.create("/api/v1/contracts/" + contractId + "/users/" + created.userId()))
                .body(created);
    }

    @Operation(
            summary = "The contract's users",
            description =
                    "Every user of the contract, with certificate status, serial, notAfter and whether locked; removed users stay listed with `deleted: true` and `deletedAt`.")
    @ApiResponse(responseCode = "200", description = "The users.")
    @ProblemResponse(status = 403, code = "FORBIDDEN", description = "not the administrator of this contract")
    @ProblemResponse(status = 404, code = "NOT_FOUND", description = "no such contract")
    @GetMapping
    List<UserView> list(@AuthenticationPrincipal Jwt jwt, @PathVariable String contractId) {
        adminOf(jwt, contractId);
        return users.list(contractId);
    }

    @Operation(summary = "One user", description = "The user as listed by `GET …/users`.")
    @ApiResponse(responseCode = "200", description = "The user.")
    @ProblemResponse(status = 403, code = "FORBIDDEN", description = "not the administrator of this contract")
    @ProblemResponse(status = 404, code = "NOT_FOUND", description = "no such contract or user")
    @GetMapping("/{userId}")
    UserView get(@AuthenticationPrincipal Jwt jwt, @PathVariable String contractId, @PathVariable String userId) {
        adminOf(jwt, contractId);
        return users.get(contractId, userId);
    }

    @Operation(
            summary = "Change a user's contact",
            description =
                    "`name`, `email` and `language` (a language tag such as `ja` or `en`, the language of the user's mails); at least one; a field left out stays as it is.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content =
                                    @Content(
                                            mediaType = "application/json",
                                            examples =
                                                    @ExampleObject(
                                                            value =
                                                                    "{\"email\":\"hanako@example.co.jp\",\"language\":\"en\"}"))))
    @ApiResponse(responseCode = "200", description = "The user as changed.")
    @ProblemResponse(status = 400, code = "VALIDATION_FAILED", description = "a field is invalid; `errors` names it")
    @ProblemResponse(status = 403, code = "FORBIDDEN", description = "not the administrator of this contract")
    @ProblemResponse(status = 404, code = "NOT_FOUND", description = "no such contract or user")
    @ProblemResponse(
            status = 409,
            code = "USER_DELETED",
            description = "the user was removed from the contract; nothing more can be done for them")
    @PatchMapping("/{userId}")
    UserView changeContact(
            @AuthenticationPrincipal Jwt jwt,
            @PathVariable String contractId,
            @PathVariable String userId,
            @RequestBody(required = false) UserRequests.ChangeContact body) {
        Caller admin = adminOf(jwt, contractId);
        return users.changeContact(admin, contractId, userId, validator.valid(body));
    }

    @Operation(
            summary = "Authorize one issuance",
            description =
                    "In ADMIN_AUTHORIZED banks: the user may now obtain one certificate. An authorization already outstanding answers `ALREADY_AUTHORIZED` with its ID.")
    @ApiResponse(
            responseCode = "202",
            description = "Authorized (`ACCEPTED`), or already (`ALREADY_AUTHORIZED`).",
            content =
                    @Content(
                            mediaType = "application/json",
                            examples =
                                    @ExampleObject(
                                            value =
                                                    "{\"userId\":\"U001\",\"authorizationId\":\"7d0c…\",\"status\":\"ACCEPTED\"}")))
    @ProblemResponse(status = 403, code = "FORBIDDEN", description = "not the administrator of this contract")
    @ProblemResponse(status = 404, code = "NOT_FOUND", description = "no such contract or user")
    @ProblemResponse(
            status = 409,
            code = "USER_DELETED",
            description = "the user was removed from the contract; nothing more can be done for them")
    @PostMapping("/{userId}/issuance-authorizations")
    ResponseEntity<Map<String, Object>> authorizeIssuance(
            @AuthenticationPrincipal Jwt jwt, @PathVariable String contractId, @PathVariable String userId) {
        Caller admin = adminOf(jwt, contractId);
        return accepted(userId, users.authorizeIssuance(admin, contractId, userId));
    }

    @Operation(
            summary = "Order a reissue (初期化)",
            description =
                    "The user's current certificate is revoked with `reason`, ID and password log on once more, and one new issuance is authorized. A reissue already outstanding answers `ALREADY_AUTHORIZED`.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content =
                                    @Content(
                                            mediaType = "application/json",
                                            examples = @ExampleObject(value = "{\"reason\":\"keyCompromise\"}"))))
    @ApiResponse(
            responseCode = "202",
            description = "Ordered (`ACCEPTED`), or already (`ALREADY_AUTHORIZED`).",
            content =
                    @Content(
                            mediaType = "application/json",
                            examples =
                                    @ExampleObject(
                                            value =
                                                    "{\"userId\":\"U001\",\"authorizationId\":\"7d0c…\",\"status\":\"ACCEPTED\"}")))
    @ProblemResponse(
            status = 400,
            code = "VALIDATION_FAILED",
            description = "reason is missing or not one a reissue takes")
    @ProblemResponse(status = 403, code = "FORBIDDEN", description = "not the administrator of this contract")
    @ProblemResponse(status = 404, code = "NOT_FOUND", description = "no such contract or user")
    @ProblemResponse(
            status = 409,
            code = "USER_DELETED",
            description = "the user was removed from the contract; nothing more can be done for them")
    @PostMapping("/{userId}/reissue")
    ResponseEntity<Map<String, Object>> reissue(
            @AuthenticationPrincipal Jwt jwt,
            @PathVariable String contractId,
            @PathVariable String userId,
            @RequestBody(required = false) UserRequests.Reissue body) {
        Caller admin = adminOf(jwt, contractId);
        RevocationReason reason = reason(validator.valid(body).reason(), Users.REISSUE_REASONS);
        return accepted(userId, users.reissue(admin, contractId, userId, reason));
    }

    @Operation(summary = "Unlock a user", description = "Ends the lock-out after too many failed logons.")
    @ApiResponse(
            responseCode = "202",
            description = "Ordered.",
            content =
                    @Content(
                            mediaType = "application/json",
                            examples = @ExampleObject(value = "{\"userId\":\"U001\",\"status\":\"ACCEPTED\"}")))
    @ProblemResponse(status = 403, code = "FORBIDDEN", description = "not the administrator of this contract")
    @ProblemResponse(status = 404, code = "NOT_FOUND", description = "no such contract or user")
    @ProblemResponse(
            status = 409,
            code = "USER_DELETED",
            description = "the user was removed from the contract; nothing more can be done for them")
    @PostMapping("/{userId}/unlock")
    ResponseEntity<Map<String, Object>> unlock(
            @AuthenticationPrincipal Jwt jwt, @PathVariable String contractId, @PathVariable String userId) {
        Caller admin = adminOf(jwt, contractId);
        users.unlock(admin, contractId, userId);
        return ResponseEntity.accepted().body(Map.of("userId", userId, "status", "ACCEPTED"));
    }

    /** The temporary password is sealed to auth-service at once; it is never stored, logged or published here. */
    @Operation(
            summary = "Reset a user's password",
            description =
                    "The temporary password is checked like an initial password and travels sealed to auth-service, which sets it and unlocks the user; the user's earlier sessions end and the user gets a mail. It is never stored, logged or published here.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content =
                                    @Content(
                                            mediaType = "application/json",
                                            examples = @ExampleObject(value = "{\"temporaryPassword\":\"…\"}"))))
    @ApiResponse(
            responseCode = "202",
            description = "Ordered.",
            content =
                    @Content(
                            mediaType = "application/json",
                            examples = @ExampleObject(value = "{\"userId\":\"U001\",\"status\":\"ACCEPTED\"}")))
    @ProblemResponse(
            status = 400,
            code = "VALIDATION_FAILED",
            description = "temporaryPassword is missing or breaks the initial-password policy")
    @ProblemResponse(status = 403, code = "FORBIDDEN", description = "not the administrator of this contract")
    @ProblemResponse(status = 404, code = "NOT_FOUND", description = "no such contract or user")
    @ProblemResponse(
            status = 409,
            code = "USER_DELETED",
            description = "the user was removed from the contract; nothing more can be done for them")
    @ProblemResponse(
            status = 503,
            code = "SEALING_UNAVAILABLE",
            description = "auth-service's sealing certificate cannot be fetched right now; try again later")
    @PostMapping("/{userId}/password-reset")
    ResponseEntity<Map<String, Object>> resetPassword(
            @AuthenticationPrincipal Jwt jwt,
            @PathVariable String contractId,
            @PathVariable String userId,
            @RequestBody(required = false) UserRequests.ResetPassword body) {
        Caller admin = adminOf(jwt, contractId);
        users.resetPassword(admin, contractId, userId, validator.valid(body).temporaryPassword());
        return ResponseEntity.accepted().body(Map.of("userId", userId, "status", "ACCEPTED"));
    }

    /** 失効, by the contract's administrator or a bank operator. */
    @Operation(
            summary = "Revoke the user's certificates (失効)",
            description =
                    "By the contract's administrator or a bank operator: every usable certificate of the user is revoked with `reason` (`unspecified`, `keyCompromise`, `affiliationChanged`, `superseded`, `cessationOfOperation`), unused authorizations are voided, and ID and password log on again. A user without a usable certificate answers 202 as well.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content =
                                    @Content(
                                            mediaType = "application/json",
                                            examples = @ExampleObject(value = "{\"reason\":\"keyCompromise\"}"))))
    @ApiResponse(
            responseCode = "202",
            description = "Ordered.",
            content =
                    @Content(
                            mediaType = "application/json",
                            examples = @ExampleObject(value = "{\"userId\":\"U001\",\"status\":\"ACCEPTED\"}")))
    @ProblemResponse(
            status = 400,
            code = "VALIDATION_FAILED",
            description = "reason is missing or not an RFC 5280 reason a revocation takes")
    @ProblemResponse(
            status = 403,
            code = "FORBIDDEN",
            description = "neither an operator nor the administrator of this contract")
    @ProblemResponse(status = 404, code = "NOT_FOUND", description = "no such contract or user")
    @ProblemResponse(
            status = 409,
            code = "USER_DELETED",
            description = "the user was removed from the contract; nothing more can be done for them")
    @PostMapping("/{userId}/revocation")
    ResponseEntity<Map<String, Object>> revoke(
            @AuthenticationPrincipal Jwt jwt,
            @PathVariable String contractId,
            @PathVariable String userId,
            @RequestBody(required = false) UserRequests.Revocation body) {
        Caller caller = Caller.of(jwt);
        Access.requireOperatorOrAdministratorOf(caller, contractId);
        RevocationReason reason = reason(validator.valid(body).reason(), Users.REVOCATION_REASONS);
        users.revokeCertificates(caller, contractId, userId, reason);
        return ResponseEntity.accepted().body(Map.of("userId", userId, "status", "ACCEPTED"));
    }

    /** The user leaves the contract; removing a removed user again changes nothing. */
    @Operation(
            summary = "Remove a user",
            description =
                    "The user leaves the contract: certificates revoked (`cessationOfOperation`), every logon answers like an unknown ID, no more mail; the user stays listed as deleted and the ID is retired. A repeated DELETE answers `ALREADY_DELETED`.")
    @ApiResponse(
            responseCode = "202",
            description = "Removed (`ACCEPTED`), or already (`ALREADY_DELETED`).",
            content =
                    @Content(
                            mediaType = "application/json",
                            examples = @ExampleObject(value = "{\"userId\":\"U001\",\"status\":\"ACCEPTED\"}")))
    @ProblemResponse(status = 403, code = "FORBIDDEN", description = "not the administrator of this contract")
    @ProblemResponse(status = 404, code = "NOT_FOUND", description = "no such contract or user")
    @DeleteMapping("/{userId}")
    ResponseEntity<Map<String, Object>> remove(
            @AuthenticationPrincipal Jwt jwt, @PathVariable String contractId, @PathVariable String userId) {
        Caller admin = adminOf(jwt, contractId);
        boolean removed = users.remove(admin, contractId, userId);
        return ResponseEntity.accepted()
                .body(Map.of("userId", userId, "status", removed ? "ACCEPTED" : "ALREADY_DELETED"));
    }

    private static Caller adminOf(Jwt jwt, String contractId) {
        Caller caller = Caller.of(jwt);
        Access.requireAdministratorOf(caller, contractId);
        return caller;
    }

    private static RevocationReason reason(String name, Set<RevocationReason> allowed) {
        try {
            RevocationReason reason = RevocationReason.fromName(name);
            if (allowed.contains(reason)) {
                return reason;
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw ApiException.invalid(
                "reason",
                "must be one of "
                        + allowed.stream()
                                .map(RevocationReason::rfcName)
                                .sorted()
                                .toList());
    }

    /** With the one-time acquisition code when one was made: this answer is the only place it is ever shown. */
    private static ResponseEntity<Map<String, Object>> accepted(
            String userId, Users.AuthorizationAnswer authorization) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("userId", userId);
        body.put("authorizationId", authorization.authorizationId());
        body.put("status", authorization.granted() ? "ACCEPTED" : "ALREADY_AUTHORIZED");
        if (authorization.acquisitionCode() != null) {
            body.put("acquisitionCode", authorization.acquisitionCode());
        }
        return ResponseEntity.accepted().cacheControl(CacheControl.noStore()).body(body);
    }
}
