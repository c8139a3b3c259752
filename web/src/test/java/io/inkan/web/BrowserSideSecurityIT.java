package io.inkan.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The attacks the browser side stops, against the real server: a forged cross-site POST (no CSRF token), a page
 * framed by another site, a script reading the session cookie. Inkan itself is not running: none of these requests
 * gets as far as calling it.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"inkan.web.auth-url=http://127.0.0.1:9", "inkan.web.admin-url=http://127.0.0.1:9"})
class BrowserSideSecurityIT {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    private final HttpClient browser =
            HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

    @Test
    void aForgedCrossSitePostWithoutTheSessionsCsrfTokenIsRefused() throws Exception {
        get("/admin/logon"); // the victim has a session
        HttpResponse<String> forged =
                post("/admin/users/U001/reissue", "reason=keyCompromise", "application/x-www-form-urlencoded", null);
        assertThat(forged.statusCode()).isEqualTo(403);
        HttpResponse<String> forgedJson =
                post("/certificate/issue/request", "{\"csr\":\"x\"}", "application/json", null);
        assertThat(forgedJson.statusCode()).isEqualTo(403);
    }

    @Test
    void withTheTokenOfTheFormThePostIsHandled() throws Exception {
        HttpResponse<String> form = get("/admin/logon");
        Matcher token = CSRF.matcher(form.body());
        assertThat(token.find()).as("the form carries a CSRF token").isTrue();
        HttpResponse<String> logon = post(
                "/admin/logon",
                "contractId=C1&adminId=A1&password=&_csrf=" + token.group(1),
                "application/x-www-form-urlencoded",
                null);
        assertThat(logon.statusCode()).isEqualTo(200);
        assertThat(logon.body()).contains("必須の項目が入力されていません");
    }

    @Test
    void theSessionCookieIsHttpOnlyAndStrictAndPagesMayNotBeFramed() throws Exception {
        HttpResponse<String> page = get("/certificate/acquire");
        String cookie = page.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("INKAN_WEB_SESSION=").contains("HttpOnly").contains("SameSite=Strict");
        assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("script-src 'self'")
                .contains("frame-ancestors 'none'");
        assertThat(page.body()).contains("利用者電子証明書取得").contains("for=\"contractId\"");
    }

    @Test
    void theIssuanceScreenWithoutALogonSendsTheCustomerBackToTheStart() throws Exception {
        HttpResponse<String> issue = get("/certificate/issue");
        assertThat(issue.statusCode()).isEqualTo(302);
        assertThat(issue.headers().firstValue("Location").orElseThrow()).endsWith("/");
    }

    @Test
    void aCertificateClaimedInAHeaderOverPlainHttpLogsNobodyOn() throws Exception {
        HttpResponse<String> form = get("/certificate/signon");
        assertThat(form.body()).contains("電子証明書が選択されていません");
        Matcher token = CSRF.matcher(get("/admin/logon").body());
        assertThat(token.find()).isTrue();
        // what a front end passes to auth-service, forged by the browser: only a TLS handshake with this front end
        // shows a customer's certificate, so Inkan is not even asked (it would say it cannot be reached)
        HttpRequest forged = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/certificate/signon"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Client-Cert", ":MIIB:")
                .header("X-Client-Cert", "-----BEGIN CERTIFICATE-----")
                .POST(HttpRequest.BodyPublishers.ofString("password=secret-01&_csrf=" + token.group(1)))
                .build();
        HttpResponse<String> signon = browser.send(forged, HttpResponse.BodyHandlers.ofString());
        assertThat(signon.body()).contains("電子証明書が選択されていません").doesNotContain("ただいまサービスをご利用いただけません");
        HttpResponse<String> menu = get("/menu");
        assertThat(menu.statusCode()).isEqualTo(302);
        assertThat(menu.headers().firstValue("Location").orElseThrow()).endsWith("/");
    }

    @Test
    void englishOnRequest() throws Exception {
        assertThat(get("/?lang=en").body()).contains("Get an electronic certificate");
        assertThat(get("/").body()).contains("Get an electronic certificate"); // the choice is remembered
        assertThat(get("/?lang=ja").body()).contains("電子証明書発行");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return browser.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body, String type, String csrfHeader) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (csrfHeader != null) {
            request.header("X-CSRF-TOKEN", csrfHeader);
        }
        return browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
