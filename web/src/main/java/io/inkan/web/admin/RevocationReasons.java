package io.inkan.web.admin;

import java.util.List;

/** The RFC 5280 reasons an administrator picks from on the 再発行 and 失効 forms (docs/contract.md §4). */
final class RevocationReasons {
    static final List<String> ALL =
            List.of("unspecified", "keyCompromise", "affiliationChanged", "superseded", "cessationOfOperation");

    private RevocationReasons() {}

    /** The reason as given when it is one of the list, else {@code unspecified}. */
    static String valid(String reason) {
        return ALL.contains(reason) ? reason : "unspecified";
    }
}
