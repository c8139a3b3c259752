package io.inkan.notification.mail;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code inkan.notification.bank.*}: the bank's help desk, which every mail names as the one to call. No value may
 * be a link: the mails carry none, so that a mail with a link is recognisably not the bank's.
 *
 * @param helpDesk its name in the Japanese mails
 * @param helpDeskEn its name in the English mails
 * @param helpDeskPhone its phone number, as the customer dials it
 */
@Validated
@ConfigurationProperties("inkan.notification.bank")
public record BankProperties(
        @DefaultValue("ビジネスバンキングWebヘルプデスク") @NotBlank @Pattern(regexp = NO_LINK, message = LINK_MESSAGE)
        String helpDesk,

        @DefaultValue("Business Banking Web Help Desk") @NotBlank @Pattern(regexp = NO_LINK, message = LINK_MESSAGE)
        String helpDeskEn,

        @DefaultValue("0120-000-000") @NotBlank @Pattern(regexp = NO_LINK, message = LINK_MESSAGE)
        String helpDeskPhone) {

    static final String NO_LINK = "(?is)(?!.*(https?:|www\\.)).*";
    static final String LINK_MESSAGE = "must not be a link: mails name the help desk, never an address to click";

    HelpDesk helpDeskContact() {
        return new HelpDesk(helpDesk, helpDeskEn, helpDeskPhone);
    }
}
