package io.inkan.messaging.http;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The container's error page ({@code /error}) for errors that never reached MVC, or left it unanswered: a filter
 * that threw, a {@code sendError} from a filter or the container (a request Spring Security's firewall rejected).
 * Answers the one problem document with the code of the status, in place of Boot's JSON without a {@code code}.
 * Nothing of the exception reaches the caller. Asked for directly, {@code /error} is a route like any unknown one:
 * 404. Not part of any service's OpenAPI ({@link Hidden}): it is no route of the API.
 */
@Hidden
@RestController
class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:${error.path:/error}}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        HttpStatusCode status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code
                        && code >= 400
                        && code <= 599
                ? HttpStatusCode.valueOf(code)
                : HttpStatus.NOT_FOUND;
        return Problems.answer(request, status, Problems.codeFor(status), Problems.detailFor(status));
    }
}
