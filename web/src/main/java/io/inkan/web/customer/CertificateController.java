package io.inkan.web.customer;

import io.inkan.web.WebProperties;
import io.inkan.web.i18n.RenewalWindow;
import io.inkan.web.inkan.Inkan;
import io.inkan.web.inkan.InkanRefusal;
import io.inkan.web.inkan.Wording;
import io.inkan.web.tls.CertificateLogonPort;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The customer's screens, in the seed banks' order. Seed 000: ログイン → 電子証明書発行 → 証明書取得認証 (ログインID,
 * ログインパスワード) → 証明書発行確認 (発行) → 処理中 → 発行完了. Seed 003: 利用者電子証明書取得 (契約法人ID, 利用者ID,
 * 利用者暗証番号, 取得) → 実行 → 取得中 → 取得完了. The last three screens are one page: the key pair made there lives
 * only in that page's memory until it is written into the PKCS#12 file the customer saves.
 */
@Controller
class CertificateController {
    private final Inkan inkan;
    private final WebProperties properties;
    private final MessageSource messages;
    private final RenewalWindow renewalWindow;
    private final CertificateLogonPort certificateLogon;

    CertificateController(
            Inkan inkan,
            WebProperties properties,
            MessageSource messages,
            RenewalWindow renewalWindow,
            CertificateLogonPort certificateLogon) {
        this.inkan = inkan;
        this.properties = properties;
        this.messages = messages;
        this.renewalWindow = renewalWindow;
        this.certificateLogon = certificateLogon;
    }

    @GetMapping("/")
    String logonScreen(HttpServletRequest request, Model model) {
        if (certificateLogon.open()) { // 電子証明書でログイン: on the HTTPS port, where the browser presents it
            model.addAttribute(
                    "signonUrl",
                    "https://" + request.getServerName() + ":" + certificateLogon.port() + "/certificate/signon");
        }
        return "index";
    }

    @GetMapping("/certificate/logon")
    String loginIdScreen() {
        return "certificate-logon";
    }

    @PostMapping("/certificate/logon")
    String loginIdLogon(
            @RequestParam(defaultValue = "") String loginId,
            @RequestParam(defaultValue = "") String password,
            HttpServletRequest request,
            Model model) {
        model.addAttribute("loginId", loginId);
        if (loginId.isBlank() || password.isEmpty()) {
            model.addAttribute("error", "error.REQUIRED");
            return "certificate-logon";
        }
        Map<String, String> credentials = new LinkedHashMap<>();
        credentials.put("realm", "user");
        credentials.put("loginId", loginId.strip());
        credentials.put("password", password);
        return logon(CustomerSession.Style.LOGIN_ID, credentials, request, model, "certificate-logon");
    }

    @GetMapping("/certificate/acquire")
    String contractUserScreen() {
        return "certificate-acquire";
    }

    @PostMapping("/certificate/acquire")
    String contractUserLogon(
            @RequestParam(defaultValue = "") String contractId,
            @RequestParam(defaultValue = "") String userId,
            @RequestParam(defaultValue = "") String password,
            HttpServletRequest request,
            Model model) {
        model.addAttribute("contractId", contractId);
        model.addAttribute("userId", userId);
        if (contractId.isBlank() || userId.isBlank() || password.isEmpty()) {
            model.addAttribute("error", "error.REQUIRED");
            return "certificate-acquire";
        }
        Map<String, String> credentials = new LinkedHashMap<>();
        credentials.put("realm", "user");
        credentials.put("contractId", contractId.strip());
        credentials.put("userId", userId.strip());
        credentials.put("password", password);
        return logon(CustomerSession.Style.CONTRACT_USER, credentials, request, model, "certificate-acquire");
    }

    private String logon(
            CustomerSession.Style style,
            Map<String, String> credentials,
            HttpServletRequest request,
            Model model,
            String screen) {
        try {
            String token = String.valueOf(inkan.logon(credentials).get("accessToken"));
            request.changeSessionId(); // a session ID seen before the logon is worth nothing after it
            request.getSession().setAttribute(CustomerSession.ATTRIBUTE, new CustomerSession(style, token));
            return "redirect:/certificate/issue";
        } catch (InkanRefusal refusal) {
            model.addAttribute("error", Wording.key(refusal));
            return screen;
        }
    }

    /** 証明書発行確認 / 実行, 処理中 and 発行完了: one page, driven by certificate-issue.js. */
    @GetMapping("/certificate/issue")
    String issueScreen(HttpServletRequest request, HttpSession session, Model model) {
        CustomerSession customer = customer(request, session);
        if (customer == null) {
            return "redirect:/";
        }
        model.addAttribute("style", customer.style().name());
        return "certificate-issue";
    }

    /** 発行 / 実行 pressed: the CSR the page made goes to auth-service with the session's token. */
    @PostMapping("/certificate/issue/request")
    @ResponseBody
    ResponseEntity<Map<String, Object>> submit(
            @RequestBody Map<String, String> body, HttpServletRequest request, HttpSession session, Locale locale) {
        CustomerSession customer = customer(request, session);
        if (customer == null) {
            return problem(HttpStatus.UNAUTHORIZED, "error.SESSION_ENDED", locale);
        }
        String csr = body.get("csr");
        if (csr == null || csr.isBlank() || csr.length() > 8192) {
            return problem(HttpStatus.BAD_REQUEST, "error.INVALID_CSR", locale);
        }
        try {
            customer.requestId(inkan.submit(customer.token(), csr, customer.idempotencyKey()));
            session.setAttribute(CustomerSession.ATTRIBUTE, customer); // stored again: a replicated session sees it
            return ResponseEntity.accepted().body(Map.of("status", "PENDING"));
        } catch (InkanRefusal refusal) {
            return problem(HttpStatus.valueOf(refusalStatus(refusal)), Wording.key(refusal), locale);
        }
    }

    /** The 処理中 screen asks here; one call waits on auth-service's {@code ?wait=} for up to outcome-wait. */
    @GetMapping("/certificate/issue/outcome")
    @ResponseBody
    ResponseEntity<Map<String, Object>> outcome(HttpServletRequest request, HttpSession session, Locale locale) {
        CustomerSession customer = customer(request, session);
        if (customer == null || customer.requestId() == null) {
            return problem(HttpStatus.UNAUTHORIZED, "error.SESSION_ENDED", locale);
        }
        try {
            Map<String, Object> outcome = inkan.outcome(customer.requestId(), properties.outcomeWait());
            Map<String, Object> answer = new LinkedHashMap<>();
            Object status = outcome.get("status");
            answer.put("status", status);
            if ("REJECTED".equals(status)) {
                answer.put("message", text(Wording.key(String.valueOf(outcome.get("reason"))), locale));
                session.removeAttribute(CustomerSession.ATTRIBUTE);
            } else if ("ISSUED".equals(status) && outcome.get("certificate") instanceof Map<?, ?> certificate) {
                answer.put("certificate", IssuedCertificate.of(certificate));
                // the ID-and-password session has done its one job; the next issuance starts from a new logon
                session.removeAttribute(CustomerSession.ATTRIBUTE);
                if (customer.style() == CustomerSession.Style.RENEWAL) {
                    SignedOnCustomer signedOn = CertificateSignonController.signedOn(request, session);
                    if (signedOn != null) {
                        signedOn.renewalIssued(); // the menu offers no second renewal beside this one
                        session.setAttribute(SignedOnCustomer.ATTRIBUTE, signedOn);
                    }
                }
            }
            return ResponseEntity.ok(answer);
        } catch (InkanRefusal refusal) {
            return problem(HttpStatus.valueOf(refusalStatus(refusal)), Wording.key(refusal), locale);
        }
    }

    private static int refusalStatus(InkanRefusal refusal) {
        return refusal.status() >= 400 && refusal.status() < 600 ? refusal.status() : 502;
    }

    /** A problem+json whose {@code detail} is already in the customer's words, for the page to show as it is. */
    private ResponseEntity<Map<String, Object>> problem(HttpStatus status, String key, Locale locale) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put(
                "type",
                "urn:inkan:web:problem:" + key.substring(key.indexOf('.') + 1).toLowerCase(Locale.ROOT));
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", text(key, locale));
        problem.put("code", key.substring(key.indexOf('.') + 1));
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    /** The message in the customer's language; those that name the renewal window ({0}) get it as configured. */
    private String text(String key, Locale locale) {
        return messages.getMessage(key, new Object[] {renewalWindow.words(locale)}, key, locale);
    }

    /**
     * The issuance under way in this session. A renewal is bound to the certificate the customer logged on with: it
     * goes on only while the request presents that certificate.
     */
    private static CustomerSession customer(HttpServletRequest request, HttpSession session) {
        if (!(session.getAttribute(CustomerSession.ATTRIBUTE) instanceof CustomerSession customer)) {
            return null;
        }
        if (customer.style() == CustomerSession.Style.RENEWAL
                && !PresentedCertificate.matches(request, customer.certificateFingerprint())) {
            return null;
        }
        return customer;
    }
}
