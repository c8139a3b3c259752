package io.inkan.web.customer;

import io.inkan.web.inkan.Inkan;
import io.inkan.web.inkan.InkanRefusal;
import io.inkan.web.inkan.Wording;
import io.inkan.web.tls.CertificateLogonPort;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * 電子証明書でログイン → ログイン後のメニュー画面 → 電子証明書更新. The customer's browser presents their certificate
 * to this front end's HTTPS port; this front end, a trusted front end of auth-service, passes it on with its own
 * client certificate and the customer's password (docs/contract.md §4). The menu offers 「電子証明書更新」 only when
 * the logon said {@code renewalAvailable}; the renewal then runs on the same screens as acquisition, with the
 * session's token.
 */
@Controller
class CertificateSignonController {
    private final Inkan inkan;
    private final CertificateLogonPort port;
    private final Clock clock;

    CertificateSignonController(Inkan inkan, CertificateLogonPort port, Clock clock) {
        this.inkan = inkan;
        this.port = port;
        this.clock = clock;
    }

    @GetMapping("/certificate/signon")
    String signonScreen(HttpServletRequest request, Model model) {
        if (!request.isSecure() && port.open()) {
            return "redirect:https://" + request.getServerName() + ":" + port.port() + "/certificate/signon";
        }
        PresentedCertificate.of(request)
                .ifPresent(certificate -> model.addAttribute("presented", PresentedCertificate.shown(certificate)));
        return "certificate-signon";
    }

    @PostMapping("/certificate/signon")
    String signon(@RequestParam(defaultValue = "") String password, HttpServletRequest request, Model model) {
        Optional<X509Certificate> presented = PresentedCertificate.of(request);
        if (presented.isEmpty()) {
            return "certificate-signon"; // the screen says no certificate was chosen
        }
        model.addAttribute("presented", PresentedCertificate.shown(presented.get()));
        if (password.isEmpty()) {
            model.addAttribute("error", "error.REQUIRED");
            return "certificate-signon";
        }
        try {
            Map<String, Object> answer = inkan.certificateLogon(presented.get(), password);
            request.changeSessionId(); // a session ID seen before the logon is worth nothing after it
            request.getSession()
                    .setAttribute(
                            SignedOnCustomer.ATTRIBUTE,
                            new SignedOnCustomer(
                                    String.valueOf(answer.get("accessToken")),
                                    PresentedCertificate.sha256(presented.get()),
                                    answer.get("certificate") instanceof Map<?, ?> standing ? standing : null));
            return "redirect:/menu";
        } catch (InkanRefusal refusal) {
            model.addAttribute("error", refusal.status() == 401 ? "error.CERTIFICATE_REFUSED" : Wording.key(refusal));
            return "certificate-signon";
        }
    }

    /** ログイン後のメニュー画面. */
    @GetMapping("/menu")
    String menu(HttpServletRequest request, HttpSession session, Model model) {
        SignedOnCustomer customer = signedOn(request, session);
        if (customer == null) {
            return "redirect:/";
        }
        model.addAttribute("certificate", customer);
        model.addAttribute("renewed", customer.renewed());
        model.addAttribute("windowAhead", customer.windowAhead(clock.instant()));
        return "menu";
    }

    /** 電子証明書更新 pressed: the screens of acquisition, with the session's token and bound to its certificate. */
    @PostMapping("/certificate/renew")
    String renew(HttpServletRequest request, HttpSession session, Model model) {
        SignedOnCustomer customer = signedOn(request, session);
        if (customer == null) {
            return "redirect:/";
        }
        if (!customer.isRenewalAvailable()) {
            return "redirect:/menu";
        }
        session.setAttribute(
                CustomerSession.ATTRIBUTE,
                new CustomerSession(
                        CustomerSession.Style.RENEWAL, customer.token(), customer.certificateFingerprint()));
        return "redirect:/certificate/issue";
    }

    @PostMapping("/logoff")
    String logoff(HttpSession session) {
        session.invalidate();
        return "redirect:/";
    }

    /**
     * The session's signed-on customer, only while the request presents the certificate the session logged on with:
     * a session cookie alone, carried to another browser or over plain HTTP, opens no menu.
     */
    static SignedOnCustomer signedOn(HttpServletRequest request, HttpSession session) {
        if (session.getAttribute(SignedOnCustomer.ATTRIBUTE) instanceof SignedOnCustomer customer
                && PresentedCertificate.matches(request, customer.certificateFingerprint())) {
            return customer;
        }
        return null;
    }
}
