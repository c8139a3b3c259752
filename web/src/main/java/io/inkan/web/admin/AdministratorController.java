package io.inkan.web.admin;

import io.inkan.web.inkan.Inkan;
import io.inkan.web.inkan.InkanRefusal;
import io.inkan.web.inkan.Wording;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The contract administrator's screens (seed 003's 管理者): logon, the contract's users with their certificate's
 * status and expiry, and on each user 発行 (authorize one issuance), 再発行（初期化）, 失効 and ロック解除; the audit
 * trail. Every action is admin-service's; this controller only carries the administrator's token to it.
 */
@Controller
class AdministratorController {
    /** The screen's action name → admin-service's route under {@code /users/{uid}/}. */
    private static final Map<String, String> ACTIONS = Map.of(
            "authorize", "issuance-authorizations",
            "reissue", "reissue",
            "revoke", "revocation",
            "unlock", "unlock");

    private final Inkan inkan;

    AdministratorController(Inkan inkan) {
        this.inkan = inkan;
    }

    @GetMapping("/admin/logon")
    String logonScreen() {
        return "admin-logon";
    }

    @PostMapping("/admin/logon")
    String logon(
            @RequestParam(defaultValue = "") String contractId,
            @RequestParam(defaultValue = "") String adminId,
            @RequestParam(defaultValue = "") String password,
            HttpServletRequest request,
            Model model) {
        model.addAttribute("contractId", contractId);
        model.addAttribute("adminId", adminId);
        if (contractId.isBlank() || adminId.isBlank() || password.isEmpty()) {
            model.addAttribute("error", "error.REQUIRED");
            return "admin-logon";
        }
        Map<String, String> credentials = new LinkedHashMap<>();
        credentials.put("realm", "admin");
        credentials.put("contractId", contractId.strip());
        credentials.put("adminId", adminId.strip());
        credentials.put("password", password);
        try {
            String token = String.valueOf(inkan.logon(credentials).get("accessToken"));
            request.changeSessionId();
            request.getSession()
                    .setAttribute(
                            AdministratorSession.ATTRIBUTE,
                            new AdministratorSession(contractId.strip(), adminId.strip(), token));
            return "redirect:/admin/users";
        } catch (InkanRefusal refusal) {
            model.addAttribute("error", Wording.key(refusal));
            return "admin-logon";
        }
    }

    @GetMapping("/admin/users")
    String users(HttpSession session, Model model, RedirectAttributes redirect) {
        AdministratorSession admin = administrator(session);
        if (admin == null) {
            return "redirect:/admin/logon";
        }
        try {
            List<Map<String, Object>> users = inkan.users(admin.token(), admin.contractId());
            model.addAttribute("admin", admin);
            model.addAttribute("users", users.stream().map(UserRow::of).toList());
            return "admin-users";
        } catch (InkanRefusal refusal) {
            return endedOr(refusal, session, redirect, model, admin);
        }
    }

    @PostMapping("/admin/users/{userId}/{action}")
    String act(
            @PathVariable String userId,
            @PathVariable String action,
            @RequestParam(required = false) String reason,
            HttpSession session,
            RedirectAttributes redirect) {
        AdministratorSession admin = administrator(session);
        if (admin == null) {
            return "redirect:/admin/logon";
        }
        String route = ACTIONS.get(action);
        if (route == null) {
            redirect.addFlashAttribute("error", "error.UNEXPECTED");
            return "redirect:/admin/users";
        }
        Map<String, String> body = null;
        if (action.equals("reissue") || action.equals("revoke")) {
            body = Map.of("reason", RevocationReasons.valid(reason));
        }
        try {
            inkan.act(admin.token(), admin.contractId(), userId, route, body);
            redirect.addFlashAttribute("done", "admin.done." + action);
            redirect.addFlashAttribute("doneUser", userId);
        } catch (InkanRefusal refusal) {
            if (refusal.status() == 401) {
                session.removeAttribute(AdministratorSession.ATTRIBUTE);
                redirect.addFlashAttribute("error", "error.SESSION_ENDED");
                return "redirect:/admin/logon";
            }
            redirect.addFlashAttribute("error", Wording.key(refusal));
        }
        return "redirect:/admin/users";
    }

    @GetMapping("/admin/audit")
    String audit(HttpSession session, Model model, RedirectAttributes redirect) {
        AdministratorSession admin = administrator(session);
        if (admin == null) {
            return "redirect:/admin/logon";
        }
        try {
            Map<String, Object> page = inkan.audit(admin.token(), admin.contractId());
            model.addAttribute("admin", admin);
            model.addAttribute("entries", page.getOrDefault("entries", List.of()));
            return "admin-audit";
        } catch (InkanRefusal refusal) {
            return endedOr(refusal, session, redirect, model, admin);
        }
    }

    @PostMapping("/logout")
    String logout(HttpSession session) {
        session.invalidate();
        return "redirect:/";
    }

    private static String endedOr(
            InkanRefusal refusal,
            HttpSession session,
            RedirectAttributes redirect,
            Model model,
            AdministratorSession admin) {
        if (refusal.status() == 401) { // the 15-minute token ran out: log on again
            session.removeAttribute(AdministratorSession.ATTRIBUTE);
            redirect.addFlashAttribute("error", "error.SESSION_ENDED");
            return "redirect:/admin/logon";
        }
        model.addAttribute("admin", admin);
        model.addAttribute("users", List.of());
        model.addAttribute("entries", List.of());
        model.addAttribute("error", Wording.key(refusal));
        return "admin-users";
    }

    private static AdministratorSession administrator(HttpSession session) {
        return session.getAttribute(AdministratorSession.ATTRIBUTE) instanceof AdministratorSession a ? a : null;
    }
}
