package io.inkan.admin.user;

import io.inkan.admin.security.Access;
import io.inkan.admin.security.Caller;
import io.inkan.admin.web.ApiException;
import io.inkan.admin.web.RequestValidator;
import io.inkan.events.RevocationReason;
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
class UserController {
    private final Users users;
    private final RequestValidator validator;

    UserController(Users users, RequestValidator validator) {
        this.users = users;
        this.validator = validator;
    }

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

    @GetMapping
    List<UserView> list(@AuthenticationPrincipal Jwt jwt, @PathVariable String contractId) {
        adminOf(jwt, contractId);
        return users.list(contractId);
    }

    @GetMapping("/{userId}")
    UserView get(@AuthenticationPrincipal Jwt jwt, @PathVariable String contractId, @PathVariable String userId) {
        adminOf(jwt, contractId);
        return users.get(contractId, userId);
    }

    @PatchMapping("/{userId}")
    UserView changeContact(
            @AuthenticationPrincipal Jwt jwt,
            @PathVariable String contractId,
            @PathVariable String userId,
            @RequestBody(required = false) UserRequests.ChangeContact body) {
        Caller admin = adminOf(jwt, contractId);
        return users.changeContact(admin, contractId, userId, validator.valid(body));
    }

    @PostMapping("/{userId}/issuance-authorizations")
    ResponseEntity<Map<String, Object>> authorizeIssuance(
            @AuthenticationPrincipal Jwt jwt, @PathVariable String contractId, @PathVariable String userId) {
        Caller admin = adminOf(jwt, contractId);
        return accepted(userId, users.authorizeIssuance(admin, contractId, userId));
    }

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

    @PostMapping("/{userId}/unlock")
    ResponseEntity<Map<String, Object>> unlock(
            @AuthenticationPrincipal Jwt jwt, @PathVariable String contractId, @PathVariable String userId) {
        Caller admin = adminOf(jwt, contractId);
        users.unlock(admin, contractId, userId);
        return ResponseEntity.accepted().body(Map.of("userId", userId, "status", "ACCEPTED"));
    }

    /** The temporary password is sealed to auth-service at once; it is never stored, logged or published here. */
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
