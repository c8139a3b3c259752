package io.inkan.web.i18n;

import java.util.Locale;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Gives every screen {@code renewalWindow}, the renewal window in the screen's language, for the messages that name
 * it ({@code issue.renewal}, {@code error.RENEWAL_TOO_EARLY}, the menu's notice).
 */
@ControllerAdvice
class RenewalWindowWords {
    private final RenewalWindow window;

    RenewalWindowWords(RenewalWindow window) {
        this.window = window;
    }

    @ModelAttribute("renewalWindow")
    String renewalWindow(Locale locale) {
        return window.words(locale);
    }
}
